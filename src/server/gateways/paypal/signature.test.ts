import { sign, X509Certificate } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IncomingWebhook } from '../provider.js';
import { createSelfSignedCertificate } from './self-signed-certificate.js';
import {
  isTrustedCertUrl,
  PAYPAL_TOLERANCE_SECONDS,
  paypalSignedMessage,
  verifyPayPalWebhook,
} from './signature.js';

const NOW = new Date('2030-05-01T12:00:00Z');
const WEBHOOK_ID = '8PT597110X687430LKGECATA';
const OTHER_WEBHOOK_ID = '1JE4291016473214C';
const CERT_URL = 'http://127.0.0.1:4010/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77';

const paypal = createSelfSignedCertificate({
  commonName: 'messageverificationcerts.paypal.com',
  notBefore: new Date('2029-01-01T00:00:00Z'),
  notAfter: new Date('2031-01-01T00:00:00Z'),
});
const impostor = createSelfSignedCertificate({
  commonName: 'messageverificationcerts.paypal.com',
  notBefore: new Date('2029-01-01T00:00:00Z'),
  notAfter: new Date('2031-01-01T00:00:00Z'),
});
const expired = createSelfSignedCertificate({
  commonName: 'messageverificationcerts.paypal.com',
  notBefore: new Date('2020-01-01T00:00:00Z'),
  notAfter: new Date('2021-01-01T00:00:00Z'),
  keyPair: { publicKey: new X509Certificate(paypal.certificatePem).publicKey, privateKey: paypal.privateKey },
});

// Shaped like PayPal's PAYMENT.CAPTURE.COMPLETED (Orders v2) delivery.
const BODY = JSON.stringify({
  id: 'WH-2WR32451HC0233532-67976317FL4543714',
  event_version: '1.0',
  create_time: '2030-05-01T11:59:58.000Z',
  resource_type: 'capture',
  resource_version: '2.0',
  event_type: 'PAYMENT.CAPTURE.COMPLETED',
  summary: 'Payment completed for $ 100.0 USD',
  resource: {
    id: '42311647XV020574X',
    amount: { currency_code: 'USD', value: '100.00' },
    final_capture: true,
    custom_id: 'pay_01J0ABCDEF',
    status: 'COMPLETED',
    supplementary_data: { related_ids: { order_id: '5O190127TN364715T' } },
    payee: { merchant_id: 'YQZCHTGHUK5P8' },
  },
});

interface Delivery {
  body?: string | Uint8Array;
  transmissionId?: string;
  time?: string;
  webhookId?: string;
  privateKey?: typeof paypal.privateKey;
  headers?: Record<string, string | undefined>;
}

function deliver(d: Delivery = {}): IncomingWebhook {
  const body = d.body ?? BODY;
  const raw = typeof body === 'string' ? Buffer.from(body) : body;
  const transmissionId = d.transmissionId ?? '69cd13f0-d67a-11e5-baa3-778b53f4ae55';
  const time = d.time ?? NOW.toISOString();
  const message = paypalSignedMessage(transmissionId, time, d.webhookId ?? WEBHOOK_ID, raw);
  const signature = sign('sha256', Buffer.from(message), d.privateKey ?? paypal.privateKey).toString(
    'base64',
  );
  const headers: Record<string, string | undefined> = {
    'paypal-transmission-id': transmissionId,
    'paypal-transmission-time': time,
    'paypal-transmission-sig': signature,
    'paypal-cert-url': CERT_URL,
    'paypal-auth-algo': 'SHA256withRSA',
    ...d.headers,
  };
  return { rawBody: raw, headers, receivedAt: NOW };
}

/** The emulator's certificate endpoint: serves one PEM, and records what was asked for. */
function certificateServer(pem = paypal.certificatePem) {
  const fetched: string[] = [];
  return {
    fetched,
    fetchCertificate: async (url: URL) => {
      fetched.push(url.href);
      return pem;
    },
  };
}

const verify = (webhook: IncomingWebhook, pem?: string) =>
  verifyPayPalWebhook(webhook, {
    webhookId: WEBHOOK_ID,
    allowLoopbackEmulator: true,
    ...certificateServer(pem),
  });

describe('PayPal signed message', () => {
  it('is id|time|webhook id|unsigned CRC32 of the raw body', () => {
    // CRC-32 of "123456789" is 0xCBF43926 = 3421780262 (the catalogued check value), above 2^31.
    expect(paypalSignedMessage('t-1', '2030-05-01T12:00:00Z', 'WH1', Buffer.from('123456789'))).toBe(
      't-1|2030-05-01T12:00:00Z|WH1|3421780262',
    );
  });
});

describe('PayPal certificate URLs', () => {
  it('fetches only from PayPal API hosts over https, or the loopback emulator when allowed', () => {
    const path = '/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77';
    for (const host of [
      'api.paypal.com',
      'api-m.paypal.com',
      'api.sandbox.paypal.com',
      'api-m.sandbox.paypal.com',
    ]) {
      expect(isTrustedCertUrl(`https://${host}${path}`)).toBe(true);
    }
    for (const url of [
      `http://api.paypal.com${path}`,
      `https://api.paypal.com.evil.example${path}`,
      `https://evil.example/api.paypal.com${path}`,
      `https://api.paypal.com:8443${path}`,
      `https://user@api.paypal.com${path}`,
      `https://api.paypal.com/v1/other/CERT-1`,
      `https://paypal.com${path}`,
      `ftp://api.paypal.com${path}`,
      'not a url',
      CERT_URL,
    ]) {
      expect(isTrustedCertUrl(url), url).toBe(false);
    }
    expect(isTrustedCertUrl(CERT_URL, { allowLoopbackEmulator: true })).toBe(true);
    expect(isTrustedCertUrl(`http://10.0.0.5:4010${path}`, { allowLoopbackEmulator: true })).toBe(false);
  });
});

describe('PayPal webhook signature: genuine deliveries', () => {
  it('accepts a genuine delivery and names the event, the order and our payment', async () => {
    expect(await verify(deliver())).toEqual({
      ok: true,
      event: {
        kind: 'payment_changed',
        provider: 'paypal',
        eventId: 'WH-2WR32451HC0233532-67976317FL4543714',
        eventType: 'PAYMENT.CAPTURE.COMPLETED',
        providerPaymentId: '5O190127TN364715T',
        reference: 'pay_01J0ABCDEF',
      },
    });
  });

  it('accepts transmission times up to the tolerance either side', async () => {
    const at = (s: number) => new Date(NOW.getTime() + s * 1000).toISOString();
    expect((await verify(deliver({ time: at(-PAYPAL_TOLERANCE_SECONDS) }))).ok).toBe(true);
    expect((await verify(deliver({ time: at(PAYPAL_TOLERANCE_SECONDS) }))).ok).toBe(true);
  });

  it('names the refund a PAYMENT.CAPTURE.REFUNDED carries, with its capture and our payment, never as the payment', async () => {
    const body = JSON.stringify({
      id: 'WH-1GE84257G0350133W-6RW800890C634293G',
      event_type: 'PAYMENT.CAPTURE.REFUNDED',
      resource_type: 'refund',
      resource: {
        id: '1Y107995YT783435V',
        status: 'COMPLETED',
        custom_id: 'pay_01J0ABCDEF',
        amount: { currency_code: 'USD', value: '0.99' },
        links: [
          { href: 'https://api.paypal.com/v2/payments/refunds/1Y107995YT783435V', rel: 'self' },
          { href: 'https://api.paypal.com/v2/payments/captures/0JF852973C016714D', rel: 'up' },
        ],
      },
    });
    expect(await verify(deliver({ body }))).toEqual({
      ok: true,
      event: {
        kind: 'payment_changed',
        provider: 'paypal',
        eventId: 'WH-1GE84257G0350133W-6RW800890C634293G',
        eventType: 'PAYMENT.CAPTURE.REFUNDED',
        providerPaymentId: null,
        reference: 'pay_01J0ABCDEF',
        providerRefundId: '1Y107995YT783435V',
        providerObjectId: '0JF852973C016714D',
      },
    });
  });

  it('names our refund id a refund of ours carries (invoice_id), so a refund whose answer was lost is found', async () => {
    const body = JSON.stringify({
      id: 'WH-2HF95368H1461244X-7SX911901D745304H',
      event_type: 'PAYMENT.CAPTURE.REFUNDED',
      resource_type: 'refund',
      resource: {
        id: '2Z218006ZU894546W',
        status: 'COMPLETED',
        custom_id: 'pay_01J0ABCDEF',
        invoice_id: 'ref_01J0GHIJKL',
        amount: { currency_code: 'USD', value: '0.99' },
        links: [{ href: 'https://api.paypal.com/v2/payments/captures/0JF852973C016714D', rel: 'up' }],
      },
    });
    expect(await verify(deliver({ body }))).toMatchObject({
      ok: true,
      event: {
        reference: 'pay_01J0ABCDEF',
        providerRefundId: '2Z218006ZU894546W',
        refundId: 'ref_01J0GHIJKL',
      },
    });
  });

  it('reports events a top-up does not act on as ignored', async () => {
    const body = BODY.replace('PAYMENT.CAPTURE.COMPLETED', 'CUSTOMER.DISPUTE.CREATED');
    expect(await verify(deliver({ body }))).toMatchObject({ ok: true, event: { kind: 'ignored' } });
  });
});

describe('PayPal webhook signature: negative suite', () => {
  it('rejects every single-bit flip of the body', async () => {
    const bytes = Buffer.from(BODY);
    const genuine = deliver();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: bytes.length - 1 }),
        fc.integer({ min: 0, max: 7 }),
        async (at, bit) => {
          const flipped = Buffer.from(bytes);
          flipped[at] = (flipped[at] ?? 0) ^ (1 << bit);
          expect(await verify({ ...genuine, rawBody: flipped })).toMatchObject({
            ok: false,
            reason: 'bad_signature',
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('rejects the same event re-serialised', async () => {
    const genuine = deliver();
    for (const body of [
      JSON.stringify(JSON.parse(BODY), null, 2),
      `${BODY}\n`,
      BODY.replace('"100.00"', '"100.0"'),
    ]) {
      expect(await verify({ ...genuine, rawBody: Buffer.from(body) })).toMatchObject({
        ok: false,
        reason: 'bad_signature',
      });
    }
  });

  it('rejects missing or malformed signature headers', async () => {
    for (const header of [
      'paypal-transmission-id',
      'paypal-transmission-time',
      'paypal-transmission-sig',
      'paypal-cert-url',
      'paypal-auth-algo',
    ]) {
      expect(await verify(deliver({ headers: { [header]: undefined } }))).toMatchObject({
        ok: false,
        reason: 'missing_signature',
      });
    }
    expect(await verify(deliver({ headers: { 'paypal-auth-algo': 'SHA1withRSA' } }))).toMatchObject({
      ok: false,
      reason: 'malformed_signature',
    });
    expect(await verify(deliver({ headers: { 'paypal-transmission-sig': 'not base64!' } }))).toMatchObject({
      ok: false,
      reason: 'malformed_signature',
    });
    expect(await verify(deliver({ transmissionId: 'a|b' }))).toMatchObject({
      ok: false,
      reason: 'malformed_signature',
    });
    expect(await verify(deliver({ time: 'yesterday' }))).toMatchObject({
      ok: false,
      reason: 'malformed_signature',
    });
  });

  it('rejects a wrong signature, another key and another webhook’s id', async () => {
    const genuine = deliver();
    const other = deliver({ transmissionId: '11111111-d67a-11e5-baa3-778b53f4ae55' });
    // A signature lifted from another transmission.
    const lifted = {
      ...genuine,
      headers: { ...genuine.headers, 'paypal-transmission-sig': other.headers['paypal-transmission-sig'] },
    };
    expect(await verify(lifted)).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(await verify(deliver({ privateKey: impostor.privateKey }))).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
    // Signed by PayPal, but for a delivery to another webhook (another merchant's endpoint).
    expect(await verify(deliver({ webhookId: OTHER_WEBHOOK_ID }))).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
    // The signing key and certificate belong to the sender, not to PayPal.
    expect(await verify(deliver({ privateKey: impostor.privateKey }), impostor.certificatePem)).toMatchObject(
      { ok: true },
    );
  });

  it('never fetches a certificate from a URL off PayPal’s hosts', async () => {
    const server = certificateServer(impostor.certificatePem);
    const forged = deliver({
      privateKey: impostor.privateKey,
      headers: { 'paypal-cert-url': 'https://evil.example/v1/notifications/certs/CERT-1' },
    });
    expect(
      await verifyPayPalWebhook(forged, { webhookId: WEBHOOK_ID, allowLoopbackEmulator: true, ...server }),
    ).toMatchObject({
      ok: false,
      reason: 'untrusted_certificate',
    });
    // Production configuration: not even the loopback emulator.
    expect(await verifyPayPalWebhook(deliver(), { webhookId: WEBHOOK_ID, ...server })).toMatchObject({
      ok: false,
      reason: 'untrusted_certificate',
    });
    expect(server.fetched).toEqual([]);
  });

  it('rejects an expired or unparsable certificate', async () => {
    expect(await verify(deliver(), expired.certificatePem)).toMatchObject({
      ok: false,
      reason: 'untrusted_certificate',
    });
    expect(
      await verify(deliver(), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'),
    ).toMatchObject({
      ok: false,
      reason: 'untrusted_certificate',
    });
  });

  it('rejects stale and future transmissions even when signed', async () => {
    const at = (s: number) => new Date(NOW.getTime() + s * 1000).toISOString();
    expect(await verify(deliver({ time: at(-PAYPAL_TOLERANCE_SECONDS - 1) }))).toMatchObject({
      ok: false,
      reason: 'stale',
    });
    expect(await verify(deliver({ time: at(PAYPAL_TOLERANCE_SECONDS + 1) }))).toMatchObject({
      ok: false,
      reason: 'from_the_future',
    });
  });

  it('rejects a validly signed body that is not a PayPal event', async () => {
    for (const body of ['not json', '{"event_type":"X"}', '[]']) {
      expect(await verify(deliver({ body }))).toMatchObject({ ok: false, reason: 'malformed_body' });
    }
    expect(await verify(deliver({ body: Buffer.from([0x7b, 0xff, 0x7d]) }))).toMatchObject({
      ok: false,
      reason: 'malformed_body',
    });
  });

  it('lets a failed certificate fetch surface, so PayPal retries the delivery later', async () => {
    await expect(
      verifyPayPalWebhook(deliver(), {
        webhookId: WEBHOOK_ID,
        allowLoopbackEmulator: true,
        fetchCertificate: () => Promise.reject(new Error('ECONNRESET')),
      }),
    ).rejects.toThrow('ECONNRESET');
  });
});
