import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { IncomingWebhook } from '../provider.js';
import {
  signTazapayWebhook,
  tazapayInstant,
  TAZAPAY_MAX_AGE_SECONDS,
  verifyTazapayWebhook,
} from './signature.js';

const SECRET = 'tzp_webhook_secret_token_0123456789';
const CREATED = '2030-05-01T12:00:00.284979602Z';
const NOW = new Date('2030-05-01T12:00:05Z');

const body = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: 'checkout.paid',
    id: 'evt_cv82n92p51c5jo1f5vfg',
    object: 'event',
    created_at: CREATED,
    data: { id: 'chk_abc', object: 'checkout', reference_id: 'pay_01', payin: 'pay_xyz' },
    ...over,
  });

const delivery = (text: string, signature?: string, receivedAt = NOW): IncomingWebhook => ({
  rawBody: Buffer.from(text),
  headers: signature === undefined ? {} : { signature },
  receivedAt,
});
const signed = (text: string, secret = SECRET) => {
  const { id, created_at } = JSON.parse(text);
  return delivery(text, signTazapayWebhook(secret, id, text, String(created_at)));
};

describe('tazapay webhook signature', () => {
  it('signs <event id><raw body><created_at> with HMAC-SHA256 in Base64, as Tazapay documents', () => {
    const text = body();
    const expected = createHmac('sha256', SECRET)
      .update(`evt_cv82n92p51c5jo1f5vfg${text}${CREATED}`)
      .digest('base64');
    expect(signTazapayWebhook(SECRET, 'evt_cv82n92p51c5jo1f5vfg', text, CREATED)).toBe(expected);
    expect(verifyTazapayWebhook(signed(text), { secret: SECRET })).toEqual({
      ok: true,
      event: {
        kind: 'payment_changed',
        provider: 'tazapay',
        eventId: 'evt_cv82n92p51c5jo1f5vfg',
        eventType: 'checkout.paid',
        providerPaymentId: 'chk_abc',
        reference: 'pay_01',
      },
    });
  });

  it('also accepts the hex digest in Base64, the encoding of Tazapay’s earlier request signatures', () => {
    const text = body();
    const hex = createHmac('sha256', SECRET)
      .update(`evt_cv82n92p51c5jo1f5vfg${text}${CREATED}`)
      .digest('hex');
    const verified = verifyTazapayWebhook(delivery(text, Buffer.from(hex).toString('base64')), {
      secret: SECRET,
    });
    expect(verified.ok).toBe(true);
  });

  it('refuses missing, malformed and wrong signatures, and another secret', () => {
    const text = body();
    const good = signed(text);
    expect(verifyTazapayWebhook(delivery(text), { secret: SECRET })).toMatchObject({
      ok: false,
      reason: 'missing_signature',
    });
    expect(verifyTazapayWebhook(delivery(text, 'not base64!'), { secret: SECRET })).toMatchObject({
      ok: false,
      reason: 'malformed_signature',
    });
    expect(
      verifyTazapayWebhook(delivery(text, Buffer.alloc(32).toString('base64')), { secret: SECRET }),
    ).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(
      verifyTazapayWebhook(signed(text, 'someone-elses-secret-000000'), { secret: SECRET }),
    ).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
    // The signature of one body on another: the id, the bytes and the timestamp are all signed.
    const other = body({ data: { id: 'chk_other', object: 'checkout', reference_id: 'pay_02' } });
    expect(verifyTazapayWebhook({ ...good, rawBody: Buffer.from(other) }, { secret: SECRET })).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('refuses the signed bytes behind a byte-order mark: same text, other bytes', () => {
    const good = signed(body());
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(good.rawBody)]);
    expect(verifyTazapayWebhook({ ...good, rawBody: withBom }, { secret: SECRET })).toMatchObject({
      ok: false,
      reason: 'malformed_body',
    });
  });

  it('refuses a body it cannot read before trusting any of it', () => {
    const signature = Buffer.alloc(32).toString('base64');
    for (const text of ['not json', '{"id":"evt_1"}', JSON.stringify([1, 2])]) {
      expect(verifyTazapayWebhook(delivery(text, signature), { secret: SECRET })).toMatchObject({
        ok: false,
        reason: 'malformed_body',
      });
    }
  });

  it('refuses events older than Tazapay’s retries last, and from too far ahead', () => {
    const text = body();
    const later = new Date(Date.parse(CREATED) + (TAZAPAY_MAX_AGE_SECONDS + 1) * 1000);
    expect(verifyTazapayWebhook({ ...signed(text), receivedAt: later }, { secret: SECRET })).toMatchObject({
      ok: false,
      reason: 'stale',
    });
    // A retry a day later is still Tazapay's.
    const dayLater = new Date(Date.parse(CREATED) + 86_400_000);
    expect(verifyTazapayWebhook({ ...signed(text), receivedAt: dayLater }, { secret: SECRET }).ok).toBe(true);
    const earlier = new Date(Date.parse(CREATED) - 3_600_000);
    expect(verifyTazapayWebhook({ ...signed(text), receivedAt: earlier }, { secret: SECRET })).toMatchObject({
      ok: false,
      reason: 'from_the_future',
    });
  });

  it('maps payment attempts to their payin, and other events to ignored', () => {
    const attempt = body({
      type: 'payment_attempt.failed',
      data: { id: 'pat_1', object: 'payment_attempt', payin: 'pay_xyz' },
    });
    expect(verifyTazapayWebhook(signed(attempt), { secret: SECRET })).toMatchObject({
      ok: true,
      event: {
        kind: 'payment_changed',
        providerPaymentId: null,
        reference: null,
        providerObjectId: 'pay_xyz',
      },
    });
    // Tazapay's v3 often names the checkout itself as an attempt's payin (chk_…): then it is our id.
    const onCheckout = body({
      type: 'payment_attempt.processing',
      data: { id: 'pat_2', object: 'payment_attempt', payin: 'chk_abc' },
    });
    const named = verifyTazapayWebhook(signed(onCheckout), { secret: SECRET });
    expect(named).toMatchObject({ ok: true, event: { providerPaymentId: 'chk_abc', reference: null } });
    expect(named.ok && 'providerObjectId' in named.event).toBe(false);
    const refund = body({ type: 'refund.succeeded', data: { id: 'rfd_1', object: 'refund' } });
    expect(verifyTazapayWebhook(signed(refund), { secret: SECRET })).toMatchObject({
      ok: true,
      event: { kind: 'ignored', eventType: 'refund.succeeded' },
    });
  });

  it('reads Tazapay timestamps with nanoseconds and offsets', () => {
    expect(tazapayInstant('2025-03-11T12:25:08.284979602Z')).toBe(Date.parse('2025-03-11T12:25:08.284Z'));
    expect(tazapayInstant('2025-03-11T20:25:08+08:00')).toBe(Date.parse('2025-03-11T12:25:08Z'));
    expect(tazapayInstant(958_793_503)).toBe(958_793_503_000);
    expect(tazapayInstant('yesterday')).toBeNull();
  });
});
