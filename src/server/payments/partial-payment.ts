import type { Checkout } from '../../shared/api/payments.js';
import type { PaymentTable } from '../db/schema.js';
import { checkoutAfterPartialPayment } from '../gateways/crypto/remainder.js';
import type { ProviderPaymentSnapshot } from '../gateways/provider.js';
import { railAmountOf } from './expectation.js';

/**
 * The stored checkout of a crypto payment that is partly paid, rewritten to ask for the remainder
 * (JSON, as the payments row keeps it), or null when there is nothing to rewrite: not a crypto QR,
 * or nothing has arrived. Computed from the full amount due each time, so re-checks agree.
 */
export function partlyPaidCheckout(
  payment: Pick<PaymentTable, 'checkout' | 'expected' | 'amount' | 'fee' | 'currency'>,
  answer: ProviderPaymentSnapshot,
): string | null {
  if (payment.checkout === null || answer.received.kind !== 'coin') return null;
  const checkout = JSON.parse(payment.checkout) as Checkout;
  const expected = railAmountOf(payment);
  if (checkout.kind !== 'crypto_qr' || expected.kind !== 'coin') return null;
  if (answer.received.amount === 0n || answer.received.amount >= expected.amount) return null;
  return JSON.stringify(checkoutAfterPartialPayment(checkout, expected.amount, answer.received.amount));
}
