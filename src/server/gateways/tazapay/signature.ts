import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { constantTimeEqual } from '../constant-time.js';
import {
  headerValue,
  rejectWebhook as reject,
  type IncomingWebhook,
  type ProviderEvent,
  type WebhookVerification,
} from '../provider.js';

/**
 * Tazapay webhook authentication, as https://docs.tazapay.com/docs/webhook-authentication (also
 * developer.tazapay.com, API Reference > Appendix > Webhooks > Webhook Authentication) describes it:
 *
 *   signature header = Base64( HMAC-SHA256( webhook secret token, <event id><payload><timestamp> ) )
 *
 * where <event id> is the body's top-level `id` (evt_…), <payload> the body exactly as received and
 * <timestamp> the top-level `created_at` (RFC 3339 with nanoseconds), all concatenated with nothing
 * between them. The secret is the dashboard's Settings > Webhooks > secret token.
 *
 * The page says "Base64 format" without saying of what; Tazapay's earlier request signing
 * (github.com/tazapay/api-examples) base64-encoded the hex digest's text, so both readings of the
 * same HMAC are accepted. Neither can be produced without the secret.
 *
 * Replays: the timestamp is inside the signed string, so it cannot be moved. Tazapay retries a
 * delivery for up to 24 hours (36 in an earlier version of https://docs.tazapay.com/docs/retry-policy)
 * and does not say that a retry is signed anew, so a retry is taken to carry the event's own
 * created_at: a window shorter than Tazapay's retries would refuse genuine ones. A replay inside the window is harmless anyway: the event id is stored once
 * (invariant 2) and an event only makes us re-query Tazapay (invariant 3).
 */

export const TAZAPAY_SIGNATURE_HEADER = 'signature';
export const TAZAPAY_MAX_AGE_SECONDS = 48 * 3600;
/** Clock skew allowed the other way: a timestamp this far ahead of our clock is refused. */
export const TAZAPAY_MAX_SKEW_SECONDS = 300;

/** 32 bytes in Base64 (44 characters), or the 64-character hex digest in Base64 (88). */
const signatureSchema = z.string().regex(/^(?:[A-Za-z0-9+/]{43}=|[A-Za-z0-9+/]{86}==)$/);

/** RFC 3339 as Tazapay writes it: "2025-03-11T12:25:08.284979602Z" (any fraction, any offset). */
const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** The envelope every Tazapay event shares; `data` is the whole object the event is about. */
const eventSchema = z.object({
  id: z.string().regex(/^evt_\w+$/),
  object: z.literal('event').optional(),
  type: z.string().min(1).max(100),
  created_at: z.union([z.string(), z.int()]),
  data: z.looseObject({
    id: z.string().min(1).max(100),
    object: z.string().max(50).optional(),
    reference_id: z.string().max(200).nullish(),
    payin: z.string().max(100).nullish(),
  }),
});
type TazapayEvent = z.infer<typeof eventSchema>;

/** The part of the envelope the signature is computed with, read before the signature is checked. */
const signedPartsSchema = z.object({
  id: z.string().min(1).max(100),
  created_at: z.union([z.string().min(1).max(64), z.int()]),
});

export function signTazapayWebhook(secret: string, eventId: string, body: string, timestamp: string): string {
  return createHmac('sha256', secret).update(`${eventId}${body}${timestamp}`, 'utf8').digest('base64');
}

/** Milliseconds since the epoch of Tazapay's timestamp (nanoseconds truncated), or null. */
export function tazapayInstant(value: string | number): number | null {
  if (typeof value === 'number') return value * 1000;
  const match = RFC3339.exec(value);
  if (!match) return null;
  const millis = (match[2] ?? '').padEnd(3, '0').slice(0, 3);
  const instant = Date.parse(`${match[1]}.${millis}${match[3]}`);
  return Number.isNaN(instant) ? null : instant;
}

export function verifyTazapayWebhook(
  webhook: IncomingWebhook,
  options: { secret: string },
): WebhookVerification {
  if (options.secret.trim() === '') {
    // A configuration fault: failing loudly makes Tazapay retry later instead of us dropping events.
    throw new Error('no Tazapay webhook secret configured for this endpoint');
  }
  const header = headerValue(webhook.headers, TAZAPAY_SIGNATURE_HEADER);
  if (header === undefined || header === '') return reject('missing_signature', 'no signature header');
  if (!signatureSchema.safeParse(header).success) {
    return reject('malformed_signature', 'the signature header is not a Base64 HMAC-SHA256');
  }

  let parsed: unknown;
  try {
    // Only for reading: bytes that are not UTF-8, or a byte-order mark, are not a JSON event.
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(webhook.rawBody));
  } catch {
    return reject('malformed_body', 'body is not UTF-8 JSON');
  }
  // Only what the signature is computed with is read before it holds; nothing else is trusted yet.
  const signed = signedPartsSchema.safeParse(parsed);
  if (!signed.success) return reject('malformed_body', 'no top-level id and created_at to verify with');
  const timestamp = String(signed.data.created_at);

  // Over the exact bytes received (invariant 1), between the two values read from them.
  const digest = createHmac('sha256', options.secret)
    .update(signed.data.id, 'utf8')
    .update(webhook.rawBody)
    .update(timestamp, 'utf8')
    .digest();
  const received = Buffer.from(header, 'base64');
  const matches =
    received.length === 32
      ? constantTimeEqual(received, digest)
      : constantTimeEqual(received.toString('latin1'), digest.toString('hex'));
  if (!matches) return reject('bad_signature', 'the signature does not match this body and secret');

  const signedAt = tazapayInstant(signed.data.created_at);
  if (signedAt === null) return reject('malformed_body', `unreadable created_at "${timestamp}"`);
  const ageSeconds = (webhook.receivedAt.getTime() - signedAt) / 1000;
  if (ageSeconds > TAZAPAY_MAX_AGE_SECONDS) return reject('stale', `created ${Math.round(ageSeconds)}s ago`);
  if (ageSeconds < -TAZAPAY_MAX_SKEW_SECONDS) {
    return reject('from_the_future', `created ${Math.round(-ageSeconds)}s ahead`);
  }

  const event = eventSchema.safeParse(parsed);
  if (!event.success) return reject('malformed_body', z.prettifyError(event.error));
  return { ok: true, event: toProviderEvent(event.data) };
}

/**
 * Checkout events (https://docs.tazapay.com/docs/checkout-webhook) carry the whole checkout: its id
 * is the one our payment holds and reference_id is our payment id. Payment attempt and payin events
 * name the payin instead: the checkout itself (chk_…), or a payin (pay_…) that the payment service
 * maps back through referenceOf.
 * Everything else (refunds, payouts, tax invoices) is authentic but moves no top-up.
 */
const CHECKOUT_EVENTS = new Set(['checkout.paid', 'checkout.expired', 'checkout.created']);

function toProviderEvent(event: TazapayEvent): ProviderEvent {
  const base = { provider: 'tazapay' as const, eventId: event.id, eventType: event.type };
  const data = event.data;
  if (CHECKOUT_EVENTS.has(event.type)) {
    return {
      kind: 'payment_changed',
      ...base,
      providerPaymentId: data.id,
      reference: data.reference_id ?? null,
    };
  }
  if (event.type.startsWith('payment_attempt.') || event.type.startsWith('payin.')) {
    const payin = data.object === 'payin' ? data.id : (data.payin ?? null);
    // v3 often names the checkout itself (chk_…) as the payin: its refund errors say a payin id
    // starts chk_ or esc_ (developer.tazapay.com, Error codes > Refund), as the checkout object shows.
    const checkout = payin?.startsWith('chk_') ? payin : null;
    return {
      kind: 'payment_changed',
      ...base,
      providerPaymentId: checkout,
      reference: data.reference_id ?? null,
      ...(payin && !checkout ? { providerObjectId: payin } : {}),
    };
  }
  return { kind: 'ignored', ...base };
}
