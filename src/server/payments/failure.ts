import type { PaymentFailureCode } from '../../shared/api/payments.js';
import type { PaymentTable } from '../db/schema.js';

/** What the server says in English (`failureReason`) for each way a payment ends without money. */
const REASONS: Record<PaymentFailureCode, string> = {
  declined: 'The payment was declined.',
  cancelled_at_checkout: 'The payment was cancelled at the payment page.',
  cancelled_before_paid: 'Cancelled before it was paid.',
  expired: 'The payment expired before it was paid.',
  gateway_unavailable: 'The payment gateway could not be reached; nothing was charged. Try again later.',
  closed_by_staff:
    'Staff closed the review that held this payment: the money that arrived was not credited to the wallet.',
  applied_to_other_payment: 'Staff applied the money that arrived for this payment to another payment.',
};

/** The columns a payment ending this way is given: its code, and the same in English words. */
export const paymentFailure = (code: PaymentFailureCode) =>
  ({ failure_code: code, failure_reason: REASONS[code] }) satisfies Pick<
    PaymentTable,
    'failure_code' | 'failure_reason'
  >;

/** How the provider's final status reads as a failure code. */
export function providerFailureCode(status: 'cancelled' | 'expired' | 'failed'): PaymentFailureCode {
  switch (status) {
    case 'cancelled':
      return 'cancelled_at_checkout';
    case 'expired':
      return 'expired';
    case 'failed':
      return 'declined';
  }
}
