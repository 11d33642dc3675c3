import type { Payment } from '../../shared/api/payments';
import { declineWording } from '../../shared/decline-codes';
import { i18n } from '../i18n';

/**
 * Why the bank declined a card payment, in the console's language, from the provider's decline code
 * (`top-up:ts.decline.<wording>`, shared/decline-codes.ts); null when the payment did not end
 * declined, or its code is none this console words (the caller then says only that it was declined).
 */
export function declineText(payment: Pick<Payment, 'failureCode' | 'declineCode'>): string | null {
  if (payment.failureCode !== 'declined') return null;
  const worded = declineWording(payment.declineCode);
  return worded ? i18n.t(`top-up:ts.decline.${worded}`) : null;
}
