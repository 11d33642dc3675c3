import { expect } from 'vitest';
import {
  decideCredit,
  type CheckoutRequest,
  type CreditExpectation,
  type CreditMismatch,
  type GatewayDefinition,
  type IncomingWebhook,
  type PaymentProvider,
  type ProviderPaymentSnapshot,
} from '../../src/server/gateways/provider.js';
import { minorUnits, type Currency } from '../../src/shared/money.js';
import type { EmulatedDelivery } from './emulators/stripe-paypal-cryptomus-server.js';

/**
 * What the gateway contract tests (test/integration/gateways) share: the provider under test and the
 * webhooks it receives, a provider's checkout request and our payment's expectation, built the same
 * way for every provider, and the check that an answer which does not match goes to review.
 */

/**
 * The gateway as the payment service makes it for reseller `res_a`: `credentials` checked by the
 * gateway's own schema, its API at `apiBaseUrl` (the emulator), its time from `now`.
 */
export function contractProvider<Credentials>(
  gateway: GatewayDefinition<Credentials>,
  credentials: unknown,
  now: () => Date,
  apiBaseUrl: string,
): PaymentProvider {
  return gateway.create(gateway.credentialsSchema.parse(credentials), {
    now,
    webhookUrl: `http://127.0.0.1:9/v1/webhooks/${gateway.id}/res_a`,
    publicBaseUrl: 'http://127.0.0.1:9',
    apiBaseUrl,
  });
}

/** An emulated delivery as the webhook route hands it on: received at `at`, by default `now()`. */
export const receiver =
  (now: () => Date) =>
  (delivery: EmulatedDelivery, at = now()): IncomingWebhook => ({
    rawBody: delivery.body,
    headers: delivery.headers,
    receivedAt: at,
  });

/** What verifyWebhook answers when it refuses a delivery for `reason`. */
export const rejected = (reason: string) => ({ ok: false, reason });

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
