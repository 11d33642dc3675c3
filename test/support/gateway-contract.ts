import { expect } from 'vitest';
import {
  decideCredit,
  type CheckoutRequest,
  type CreditExpectation,
  type CreditMismatch,
  type PaymentProvider,
  type ProviderPaymentSnapshot,
} from '../../src/server/gateways/provider.js';
import { minorUnits, type Currency } from '../../src/shared/money.js';
import type { EmulatedDelivery } from './emulators/stripe-paypal-cryptomus-server.js';

/**
 * What the gateway contract tests (test/integration/gateways) share: a provider's checkout request
 * and our payment's expectation, built the same way for every provider, and the check that an
 * answer which does not match goes to review.
 */

/** A 100.00 USD wallet top-up, returning to the console; `base` names the payment, `over` varies it. */
export const checkoutRequest = (
  base: Pick<CheckoutRequest, 'reference' | 'idempotencyKey' | 'expiresAt'> & Partial<CheckoutRequest>,
  over: Partial<CheckoutRequest> = {},
): CheckoutRequest => ({
  amount: minorUnits(10_000),
  currency: 'USD',
  description: 'Wallet top-up',
  returnUrl: 'https://console.example/return',
  cancelUrl: 'https://console.example/cancel',
  saveMethod: false,
  ...base,
  ...over,
});

/** Our payment's expectation of a provider's answer: 100.00 USD, by default, for `defaults`. */
export const expectationFor =
  (defaults: { reference: string; recipient: string }) =>
  (
    providerPaymentId: string,
    amount = 10_000,
    currency: Currency = 'USD',
    reference = defaults.reference,
    recipient = defaults.recipient,
  ): CreditExpectation => ({
    providerPaymentId,
    reference,
    recipient,
    amount: { kind: 'fiat' as const, currency, amount: minorUnits(amount) },
  });

/** Each expectation checked against the provider's answer goes to review for its mismatch, never to credit. */
export function expectReviewed(
  answer: ProviderPaymentSnapshot,
  cases: Partial<Record<CreditMismatch, CreditExpectation>>,
) {
  for (const [mismatch, expected] of Object.entries(cases)) {
    expect(decideCredit(expected, answer), mismatch).toEqual({ action: 'review', mismatch });
  }
}

/**
 * A genuine delivery with its body swapped for each of `bodies` (the same event written out again:
 * same data, other bytes), received at `receivedAt`: every one refused as a bad signature.
 */
export async function expectRewrittenBodiesRefused(
  provider: PaymentProvider,
  delivery: EmulatedDelivery,
  bodies: string[],
  receivedAt: Date,
) {
  for (const body of bodies) {
    const verified = await provider.verifyWebhook({
      rawBody: Buffer.from(body),
      headers: delivery.headers,
      receivedAt,
    });
    expect(verified, body).toMatchObject({ ok: false, reason: 'bad_signature' });
  }
}
