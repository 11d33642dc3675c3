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

/**
 * The stored checkout of a payment the provider says is not final yet, rewritten to what the payer
 * needs to see now (JSON), or null when it stays as it is: the remainder when partly paid
 * (partlyPaidCheckout), and for a crypto invoice the confirmations of the transfer it waits for
 * (dropped once no transfer waits, e.g. after a reorganisation).
 */
export function checkoutWhileWaiting(
  payment: Pick<PaymentTable, 'checkout' | 'expected' | 'amount' | 'fee' | 'currency'>,
  answer: ProviderPaymentSnapshot,
  underpaid: boolean,
): string | null {
  const partly = underpaid ? partlyPaidCheckout(payment, answer) : null;
  const text = partly ?? payment.checkout;
  if (text === null) return null;
  const checkout = JSON.parse(text) as Checkout;
  if (checkout.kind !== 'crypto_qr') return partly;
  const { confirmations: _, ...rest } = checkout;
  const next: Checkout = answer.confirmations
    ? {
        ...rest,
        confirmations: answer.confirmations.count,
        requiredConfirmations: answer.confirmations.required,
      }
    : rest;
  const json = JSON.stringify(next);
  return json === payment.checkout ? null : json;
}
