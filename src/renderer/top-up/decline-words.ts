import type { Payment } from '../../shared/api/payments';
import { i18n } from '../i18n';

/**
 * The decline codes this console words (`top-up:ts.decline.<code>`), and Stripe's codes that say the
 * same as one of them. Codes Stripe asks never to tell the payer (lost_card, stolen_card,
 * fraudulent, pickup_card, …: https://docs.stripe.com/declines/codes) are deliberately absent, and
 * read as the plain decline, like any code this console does not know.
 */
const WORDED: Readonly<Record<string, string>> = {
  insufficient_funds: 'insufficient_funds',
  card_velocity_exceeded: 'card_velocity_exceeded',
  expired_card: 'expired_card',
  incorrect_cvc: 'incorrect_cvc',
  invalid_cvc: 'incorrect_cvc',
  incorrect_number: 'incorrect_number',
  invalid_number: 'incorrect_number',
  processing_error: 'processing_error',
  authentication_required: 'authentication_required',
  card_not_supported: 'card_not_supported',
  currency_not_supported: 'currency_not_supported',
  transaction_not_allowed: 'transaction_not_allowed',
  do_not_honor: 'do_not_honor',
  generic_decline: 'do_not_honor',
  call_issuer: 'do_not_honor',
  do_not_try_again: 'do_not_honor',
};

/**
 * Why the bank declined a card payment, in the console's language, from the provider's decline code;
 * null when the payment did not end declined, or its code is none this console words (the caller
 * then says only that it was declined).
 */
export function declineText(payment: Pick<Payment, 'failureCode' | 'declineCode'>): string | null {
  if (payment.failureCode !== 'declined' || !payment.declineCode) return null;
  const worded = Object.hasOwn(WORDED, payment.declineCode) ? WORDED[payment.declineCode] : undefined;
  return worded ? i18n.t(`top-up:ts.decline.${worded}`) : null;
}
