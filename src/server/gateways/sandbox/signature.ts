import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../constant-time.js';
import { headerValue, type WebhookHeaders, type WebhookRejection } from '../provider.js';

/**
 * The sandbox signs its webhooks the way Stripe does, so the built-in gateway exercises the same
 * defences as a real one:
 *   Sandbox-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(webhookSecret, `${t}.${raw body}`)>
 * with a 5-minute tolerance either way (a far-future timestamp would extend a replay window too).
 */
export const SANDBOX_SIGNATURE_HEADER = 'sandbox-signature';
export const SANDBOX_TOLERANCE_SECONDS = 300;

export function signSandboxPayload(secret: string, body: string, unixSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}

type Refusal = { ok: false; reason: WebhookRejection; detail: string };
const refuse = (reason: WebhookRejection, detail: string): Refusal => ({ ok: false, reason, detail });

/** Checks the header over the raw bytes; on success returns the body as text, parsed by the caller. */
export function verifySandboxSignature(
  rawBody: Uint8Array,
  headers: WebhookHeaders,
  secret: string,
  receivedAt: Date,
): { ok: true; body: string } | Refusal {
  const header = headerValue(headers, SANDBOX_SIGNATURE_HEADER);
  if (header === undefined || header === '') {
    return refuse('missing_signature', 'no Sandbox-Signature header');
  }
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return refuse('malformed_signature', 'expected t=<unix>,v1=<64 hex>');
  const signedAt = Number(match[1]);
  const now = Math.floor(receivedAt.getTime() / 1000);
  if (signedAt < now - SANDBOX_TOLERANCE_SECONDS) {
    return refuse('stale', `signed ${now - signedAt}s ago`);
  }
  if (signedAt > now + SANDBOX_TOLERANCE_SECONDS) {
    return refuse('from_the_future', `signed ${signedAt - now}s ahead`);
  }
  let body: string;
  try {
    body = new TextDecoder('utf-8', { fatal: true }).decode(rawBody);
  } catch {
    return refuse('malformed_body', 'body is not UTF-8');
  }
  const expected = createHmac('sha256', secret).update(`${match[1]}.${body}`).digest('hex');
  if (!constantTimeEqual(match[2]!, expected)) {
    return refuse('bad_signature', 'the signature does not match this body and secret');
  }
  return { ok: true, body };
}
