import type { PaymentReview } from '../../shared/api/payments';

/** Why a provider's event went to review instead of crediting, in words for the reseller. */
export const REVIEW_REASON_LABELS: Record<PaymentReview['reason'], string> = {
  payment: 'Payment not found',
  reference: 'Unknown payment reference',
  recipient: 'Paid to another account',
  currency: 'Currency mismatch',
  amount: 'Amount mismatch',
  overpaid: 'Overpaid',
  unmatched: 'Unmatched bank transfer',
  reversal: 'Money taken back (dispute or reversal)',
  network: 'Sent on the wrong network',
};
