import type { Checkout } from '../../shared/api/payments.js';
import type { PaymentTable } from '../db/schema.js';
import { checkoutAfterPartialPayment } from '../gateways/crypto/remainder.js';
import type { ProviderPaymentSnapshot } from '../gateways/provider.js';
import { bankCheckoutAfterPartialPayment } from '../gateways/vietqr/remainder.js';
import { railAmountOf } from './expectation.js';

/**
 * The stored checkout of a crypto or bank-transfer (VietQR) payment that is partly paid, rewritten
 * to ask for the remainder (JSON, as the payments row keeps it), or null when there is nothing to
 * rewrite: not a QR checkout, or nothing has arrived. Computed from the full amount due each time,
 * so re-checks agree. `answer` is the provider's own status answer: nothing else rewrites it.
 */
export function partlyPaidCheckout(
  payment: Pick<PaymentTable, 'checkout' | 'expected' | 'amount' | 'fee' | 'currency'>,
  answer: ProviderPaymentSnapshot,
): string | null {
  if (payment.checkout === null) return null;
  const checkout = JSON.parse(payment.checkout) as Checkout;
  const expected = railAmountOf(payment);
  const received = answer.received;
  if (checkout.kind === 'crypto_qr' && expected.kind === 'coin' && received.kind === 'coin') {
    if (received.amount === 0n || received.amount >= expected.amount) return null;
    return JSON.stringify(checkoutAfterPartialPayment(checkout, expected.amount, received.amount));
  }
  if (
    checkout.kind === 'bank_qr' &&
    expected.kind === 'fiat' &&
    received.kind === 'fiat' &&
    received.currency === checkout.currency &&
    expected.currency === checkout.currency
  ) {
    if (received.amount <= 0 || received.amount >= expected.amount) return null;
    return JSON.stringify(bankCheckoutAfterPartialPayment(checkout, expected.amount, received.amount));
  }
  return null;
}
