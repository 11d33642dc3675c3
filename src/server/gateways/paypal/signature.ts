import { X509Certificate, verify as verifySignature } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import {
  headerValue,
  type IncomingWebhook,
  type ProviderEvent,
  type WebhookVerification,
  rejectWebhook,
} from '../provider.js';

/**
 * PayPal webhook authentication, offline (no call to PayPal's verify-webhook-signature API).
 *
 * PayPal signs each delivery with its private key, SHA256withRSA, over
 *   <PAYPAL-TRANSMISSION-ID>|<PAYPAL-TRANSMISSION-TIME>|<our webhook id>|<CRC32 of the raw body, unsigned decimal>
 * and sends the base64 signature in PAYPAL-TRANSMISSION-SIG, the algorithm in PAYPAL-AUTH-ALGO and
 * where to get the signing certificate in PAYPAL-CERT-URL.
 * Sources: https://developer.paypal.com/api/rest/webhooks/rest/ ("Verify the signature"), and the
 * official Node SDK, which builds the same string with crc32.unsigned(body)
 * (https://github.com/paypal/PayPal-node-SDK, lib/resources/WebhookEvent.js).
 *
 * Trust comes from where the certificate is fetched: only https URLs on PayPal's own API hosts (TLS
 * authenticates the host), checked before anything is fetched, so a forged header cannot make us
 * trust a key it serves itself. The fetcher is injected: production passes an https client with a
 * cache, the tests a loopback emulator's certificate. Our webhook id in the signed string binds the
 * delivery to this endpoint: a delivery PayPal made to another merchant's webhook does not verify.
 */

export const PAYPAL_HEADERS = {
  transmissionId: 'paypal-transmission-id',
  transmissionTime: 'paypal-transmission-time',
  transmissionSig: 'paypal-transmission-sig',
  certUrl: 'paypal-cert-url',
  authAlgo: 'paypal-auth-algo',
} as const;

/** Hosts PayPal serves its webhook signing certificates from, live and sandbox. */
export const PAYPAL_CERT_HOSTS = [
  'api.paypal.com',
  'api-m.paypal.com',
  'api.sandbox.paypal.com',
  'api-m.sandbox.paypal.com',
];
const CERT_PATH = '/v1/notifications/certs/';

/** PayPal sets no tolerance of its own; each retry is a new transmission with its own time. */
export const PAYPAL_TOLERANCE_SECONDS = 300;

export type CertificateFetcher = (url: URL) => Promise<string>;

export interface PayPalWebhookOptions {
  /** The id of this webhook as registered with PayPal ("WH-…" is the event; this is e.g. "8PT597110X687430LKGECATA"). */
  webhookId: string;
  fetchCertificate: CertificateFetcher;
  toleranceSeconds?: number;
  /**
   * Also accept http://127.0.0.1 / localhost certificate URLs, where the tests' PayPal emulator
   * listens. Never set in production.
   */
  allowLoopbackEmulator?: boolean;
}

/** Whether a PAYPAL-CERT-URL may be fetched at all. */
export function isTrustedCertUrl(text: string, options: { allowLoopbackEmulator?: boolean } = {}): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.username || url.password || url.hash || !url.pathname.startsWith(CERT_PATH)) return false;
  if (url.protocol === 'https:' && url.port === '' && PAYPAL_CERT_HOSTS.includes(url.hostname)) return true;
  return (
    options.allowLoopbackEmulator === true &&
    url.protocol === 'http:' &&
    (url.hostname === '127.0.0.1' || url.hostname === 'localhost')
  );
}

/** The string PayPal signs; the CRC is over the exact bytes received. */
export function paypalSignedMessage(
  transmissionId: string,
  transmissionTime: string,
  webhookId: string,
  rawBody: Uint8Array,
) {
  return `${transmissionId}|${transmissionTime}|${webhookId}|${crc32(rawBody) >>> 0}`;
}

// Event body: id ("WH-…", PayPal's event id, the same on every retry of one event), event_type, and
// the resource the event is about (https://developer.paypal.com/api/rest/webhooks/rest/).
const paypalEventSchema = z.object({
  id: z.string().min(1),
  event_type: z.string().min(1),
  resource_type: z.string().optional(),
  create_time: z.string().optional(),
  resource: z
    .object({
      id: z.string().optional(),
      custom_id: z.string().optional(),
      invoice_id: z.string().optional(),
      purchase_units: z
        .array(z.object({ reference_id: z.string().optional(), custom_id: z.string().optional() }))
        .optional(),
      supplementary_data: z
        .object({ related_ids: z.object({ order_id: z.string().optional() }).optional() })
        .optional(),
      links: z.array(z.object({ href: z.string(), rel: z.string() })).optional(),
    })
    .optional(),
});

const PAYMENT_EVENTS = new Set([
  'CHECKOUT.ORDER.APPROVED',
  'CHECKOUT.ORDER.COMPLETED',
  'PAYMENT.CAPTURE.COMPLETED',
  'PAYMENT.CAPTURE.PENDING',
  'PAYMENT.CAPTURE.DECLINED',
  'PAYMENT.CAPTURE.DENIED',
  'PAYMENT.CAPTURE.REFUNDED',
  'PAYMENT.CAPTURE.REVERSED',
  'VAULT.PAYMENT-TOKEN.CREATED',
]);

const reject = rejectWebhook;

/**
 * Verifies one delivery. Answers a rejection for anything a sender controls; throws only when the
 * certificate cannot be fetched, a transient fault after which PayPal should retry (5xx).
 */
export async function verifyPayPalWebhook(
  webhook: IncomingWebhook,
  options: PayPalWebhookOptions,
): Promise<WebhookVerification> {
  if (!/^[A-Za-z0-9]+$/.test(options.webhookId)) throw new Error('PayPal webhook id is not configured');
  const h = (name: string) => headerValue(webhook.headers, name);
  const transmissionId = h(PAYPAL_HEADERS.transmissionId);
  const transmissionTime = h(PAYPAL_HEADERS.transmissionTime);
  const transmissionSig = h(PAYPAL_HEADERS.transmissionSig);
  const certUrl = h(PAYPAL_HEADERS.certUrl);
  const authAlgo = h(PAYPAL_HEADERS.authAlgo);
  if (!transmissionId || !transmissionTime || !transmissionSig || !certUrl || !authAlgo) {
    return reject('missing_signature', 'a PAYPAL-TRANSMISSION-*, CERT-URL or AUTH-ALGO header is missing');
  }
  if (authAlgo !== 'SHA256withRSA') return reject('malformed_signature', `unsupported algorithm ${authAlgo}`);
  // "|" separates the signed fields: one inside the id would let fields shift.
  if (!/^[\w-]{1,50}$/.test(transmissionId)) return reject('malformed_signature', 'bad transmission id');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(transmissionSig) || transmissionSig.length % 4 !== 0) {
    return reject('malformed_signature', 'signature is not base64');
  }
  const sentAt = Date.parse(transmissionTime);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(transmissionTime) || Number.isNaN(sentAt)) {
    return reject('malformed_signature', 'transmission time is not an ISO 8601 instant');
  }
  const tolerance = (options.toleranceSeconds ?? PAYPAL_TOLERANCE_SECONDS) * 1000;
  const now = webhook.receivedAt.getTime();
  if (sentAt < now - tolerance) return reject('stale', `sent ${Math.round((now - sentAt) / 1000)}s ago`);
  if (sentAt > now + tolerance)
    return reject('from_the_future', `sent ${Math.round((sentAt - now) / 1000)}s ahead`);
  if (!isTrustedCertUrl(certUrl, options))
    return reject('untrusted_certificate', `certificate URL not on PayPal's hosts: ${certUrl}`);

  const pem = await options.fetchCertificate(new URL(certUrl));
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch {
    return reject('untrusted_certificate', 'certificate does not parse');
  }
  if (now < Date.parse(certificate.validFrom) || now > Date.parse(certificate.validTo)) {
    return reject('untrusted_certificate', 'certificate is not valid at this time');
  }
  if (certificate.publicKey.asymmetricKeyType !== 'rsa')
    return reject('untrusted_certificate', 'not an RSA key');

  const message = paypalSignedMessage(transmissionId, transmissionTime, options.webhookId, webhook.rawBody);
  const signature = Buffer.from(transmissionSig, 'base64');
  if (!verifySignature('sha256', Buffer.from(message, 'utf8'), certificate.publicKey, signature)) {
    return reject('bad_signature', 'signature does not match this body, time and webhook id');
  }

  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(webhook.rawBody));
  } catch {
    return reject('malformed_body', 'body is not UTF-8 JSON');
  }
  const event = paypalEventSchema.safeParse(body);
  if (!event.success) return reject('malformed_body', z.prettifyError(event.error));
  return { ok: true, event: toProviderEvent(event.data) };
}

function toProviderEvent(event: z.infer<typeof paypalEventSchema>): ProviderEvent {
  if (!PAYMENT_EVENTS.has(event.event_type)) {
    return { kind: 'ignored', provider: 'paypal', eventId: event.id, eventType: event.event_type };
  }
  const resource = event.resource ?? {};
  if (event.resource_type === 'refund' && resource.id) {
    // A refund (PAYMENT.CAPTURE.REFUNDED carries the refund, not the capture): one of ours is re-read
    // from PayPal and settled; one made at PayPal itself is money taken back from the payment its
    // custom_id or capture (the refund's "up" link) names.
    const up = resource.links?.find((link) => link.rel === 'up')?.href;
    const capture = up ? /\/v2\/payments\/captures\/([^/?#]+)$/.exec(up)?.[1] : undefined;
    return {
      kind: 'payment_changed',
      provider: 'paypal',
      eventId: event.id,
      eventType: event.event_type,
      providerPaymentId: null,
      reference: resource.custom_id ?? resource.invoice_id ?? null,
      providerRefundId: resource.id,
      // Our refund id, sent with each refund we ask for: finds ours when PayPal's answer was lost.
      ...(resource.invoice_id ? { refundId: resource.invoice_id } : {}),
      ...(capture ? { providerObjectId: decodeURIComponent(capture) } : {}),
    };
  }
  const unit = resource.purchase_units?.[0];
  return {
    kind: 'payment_changed',
    provider: 'paypal',
    eventId: event.id,
    eventType: event.event_type,
    // Order events carry the order; capture events name it in supplementary_data.
    providerPaymentId: resource.supplementary_data?.related_ids?.order_id ?? resource.id ?? null,
    reference: resource.custom_id ?? unit?.custom_id ?? unit?.reference_id ?? resource.invoice_id ?? null,
  };
}
