import Stripe from 'stripe';
import { z } from 'zod';
import {
  headerValue,
  type IncomingWebhook,
  type ProviderEvent,
  type WebhookVerification,
  rejectWebhook,
} from '../provider.js';

/**
 * Stripe webhook authentication, through the official SDK's `webhooks.constructEvent`: Stripe
 * maintains it alongside the signing scheme, so a scheme change reaches us as an SDK update, not as
 * a silent verification gap in code of our own.
 *
 * Format (https://docs.stripe.com/webhooks/signature, and the SDK's own esm/Webhooks.js):
 *   Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(endpoint secret, `${t}.${raw body}`)>
 * There may be several v1 values (during a secret roll Stripe signs with each active secret) and
 * v0 values (test-mode legacy), which are ignored. Stripe's default tolerance is 300 seconds.
 *
 * The SDK only refuses timestamps that are too OLD; a timestamp far in the future would let a
 * captured delivery be replayed for as long as the clock gap lasts, so we refuse those too.
 */

export const STRIPE_SIGNATURE_HEADER = 'stripe-signature';
export const STRIPE_TOLERANCE_SECONDS = 300;

export interface StripeWebhookOptions {
  /** This endpoint's signing secrets ("whsec_…"): the current one, plus the previous during a roll. */
  secrets: readonly string[];
  toleranceSeconds?: number;
}

const signatureHeaderSchema = z.string().regex(/^(?:[a-z0-9]+=[^,=]*)(?:,[a-z0-9]+=[^,=]*)*$/);

/** The parts of a Stripe event we act on; the rest stays in the stored raw body. */
const stripeEventSchema = z.object({
  id: z.string().regex(/^evt_\w+$/),
  object: z.literal('event'),
  type: z.string().min(1),
  created: z.int(),
  livemode: z.boolean(),
  data: z.object({
    object: z.object({
      id: z.string().min(1),
      object: z.string(),
      client_reference_id: z.string().nullish(),
      metadata: z.record(z.string(), z.string()).nullish(),
      /** A dispute's: the PaymentIntent it takes money back from. */
      payment_intent: z.string().nullish(),
    }),
  }),
});

/** Event types that move a top-up; everything else is authentic but not ours to act on. */
const PAYMENT_EVENTS = new Set([
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
  'payment_intent.succeeded',
  'payment_intent.processing',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
  'setup_intent.succeeded',
  'setup_intent.setup_failed',
]);

/** Money taken back after a credit: reconciled by re-asking Stripe (invariant 7), never counted from the event. */
const REVERSAL_EVENTS = new Set([
  'charge.dispute.created',
  'charge.dispute.funds_withdrawn',
  'charge.dispute.funds_reinstated',
  'charge.dispute.closed',
  'charge.refunded',
]);

/**
 * A refund of ours changed at Stripe: one it accepted can still fail at the card's bank (its status
 * turns `failed`, with a failure_reason). Re-read from Stripe before anything moves (fetchRefund).
 */
const REFUND_EVENTS = new Set(['refund.failed', 'refund.updated', 'charge.refund.updated']);

const reject = rejectWebhook;

export function verifyStripeWebhook(
  webhook: IncomingWebhook,
  options: StripeWebhookOptions,
): WebhookVerification {
  if (options.secrets.length === 0 || options.secrets.some((s) => s.trim() === '')) {
    // A configuration fault: failing loudly makes Stripe retry later instead of us dropping events.
    throw new Error('no Stripe webhook secret configured for this endpoint');
  }
  const tolerance = options.toleranceSeconds ?? STRIPE_TOLERANCE_SECONDS;

  const header = headerValue(webhook.headers, STRIPE_SIGNATURE_HEADER);
  if (header === undefined || header === '') return reject('missing_signature', 'no Stripe-Signature header');
  if (!signatureHeaderSchema.safeParse(header).success)
    return reject('malformed_signature', 'unreadable header');
  const parts = header.split(',').map((item) => item.split('=') as [string, string]);
  const timestamps = parts.filter(([k]) => k === 't').map(([, v]) => v);
  const signatures = parts.filter(([k]) => k === 'v1').map(([, v]) => v);
  if (timestamps.length !== 1 || !/^\d{1,12}$/.test(timestamps[0] ?? '')) {
    return reject('malformed_signature', 'needs exactly one numeric t=');
  }
  if (signatures.length === 0 || signatures.some((s) => !/^[0-9a-f]{64}$/.test(s))) {
    return reject('malformed_signature', 'needs v1= HMAC-SHA256 hex signatures');
  }

  const now = Math.floor(webhook.receivedAt.getTime() / 1000);
  const signedAt = Number(timestamps[0]);
  if (signedAt < now - tolerance) return reject('stale', `signed ${now - signedAt}s ago`);
  if (signedAt > now + tolerance) return reject('from_the_future', `signed ${signedAt - now}s ahead`);

  let body: string;
  try {
    // Fatal decoding: the SDK would replace bad bytes with U+FFFD, making distinct bodies equal.
    body = new TextDecoder('utf-8', { fatal: true }).decode(webhook.rawBody);
  } catch {
    return reject('malformed_body', 'body is not UTF-8');
  }

  let verified: unknown;
  for (const secret of options.secrets) {
    try {
      verified = Stripe.webhooks.constructEvent(
        body,
        header,
        secret,
        tolerance,
        undefined,
        webhook.receivedAt.getTime(),
      );
      break;
    } catch (error) {
      if (error instanceof Stripe.errors.StripeSignatureVerificationError) continue;
      // The signature held but the body is not a (v1 snapshot) event.
      return reject('malformed_body', error instanceof Error ? error.message : 'unreadable event');
    }
  }
  if (verified === undefined) return reject('bad_signature', 'no v1 signature matches this body and secret');

  const event = stripeEventSchema.safeParse(verified);
  if (!event.success) return reject('malformed_body', z.prettifyError(event.error));
  return { ok: true, event: toProviderEvent(event.data) };
}

function toProviderEvent(event: z.infer<typeof stripeEventSchema>): ProviderEvent {
  if (REFUND_EVENTS.has(event.type) && event.data.object.object === 'refund') {
    return {
      kind: 'refund_changed',
      provider: 'stripe',
      eventId: event.id,
      eventType: event.type,
      providerRefundId: event.data.object.id,
      refundId: event.data.object.metadata?.['refund'] ?? null,
    };
  }
  if (REVERSAL_EVENTS.has(event.type)) {
    // A dispute names the PaymentIntent, not the Checkout Session our payment holds: the payment
    // service asks Stripe for the intent's reference (referenceOf).
    const object = event.data.object;
    const intent = object.object === 'payment_intent' ? object.id : (object.payment_intent ?? null);
    return {
      kind: 'payment_changed',
      provider: 'stripe',
      eventId: event.id,
      eventType: event.type,
      providerPaymentId: null,
      reference: object.metadata?.['reference'] ?? null,
      ...(intent ? { providerObjectId: intent } : {}),
    };
  }
  if (!PAYMENT_EVENTS.has(event.type)) {
    return { kind: 'ignored', provider: 'stripe', eventId: event.id, eventType: event.type };
  }
  const object = event.data.object;
  // Checkout Sessions carry our payment id as client_reference_id; intents carry it in metadata.
  const reference = object.client_reference_id ?? object.metadata?.['reference'] ?? null;
  return {
    kind: 'payment_changed',
    provider: 'stripe',
    eventId: event.id,
    eventType: event.type,
    // The intent a Checkout Session opened is not the id our payment holds (the session's is), so an
    // intent carrying our reference is named by that alone; otherwise the payment service would take
    // the pi_ id for another payment's and send a declined (still retryable) card to review. An
    // intent without our reference keeps its id, which is then how its payment is looked up.
    providerPaymentId: object.object === 'payment_intent' && reference !== null ? null : object.id,
    reference,
  };
}
