import { createHmac, randomBytes } from 'node:crypto';
import { seal, unseal } from '../payments/sealing.js';

/** Standard Webhooks secrets: `whsec_` + base64 of the key bytes (32: above the spec's 24-byte floor). */
const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;

export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`;
}

/** Bound into the sealed text: a secret copied onto another endpoint's row fails to open there. */
const sealContext = (resellerId: string, endpointId: string) => `webhook-secret:${resellerId}:${endpointId}`;

export function sealSecret(key: Buffer, resellerId: string, endpointId: string, secret: string): string {
  return seal(key, secret, sealContext(resellerId, endpointId));
}

export function openSecret(key: Buffer, resellerId: string, endpointId: string, sealed: string): string {
  return unseal(key, sealed, sealContext(resellerId, endpointId));
}

/**
 * `webhook-signature` of Standard Webhooks: `v1,` + base64 HMAC-SHA256 of `id.timestamp.body`, keyed
 * by the base64-decoded part of the secret after `whsec_`. `timestamp` is in whole seconds.
 */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(
    secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret,
    'base64',
  );
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/** The headers and body of one attempt at delivering an event. */
export function signedRequest(
  secret: string,
  event: { id: string; type: string; createdAt: string; data: unknown },
  now: Date,
): { headers: Record<string, string>; body: string } {
  const body = JSON.stringify({ type: event.type, timestamp: event.createdAt, data: event.data });
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'ResellerConsole-Webhooks/1',
      'webhook-id': event.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(secret, event.id, timestamp, body),
    },
  };
}
