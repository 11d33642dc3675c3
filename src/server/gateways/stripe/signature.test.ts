import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import type { IncomingWebhook } from '../provider.js';
import { STRIPE_TOLERANCE_SECONDS, verifyStripeWebhook } from './signature.js';

const SECRET = 'whsec_test_endpoint_a_5b0c2d9e7f';
const OTHER_ENDPOINT_SECRET = 'whsec_test_endpoint_b_1a2b3c4d5e';
const NOW = new Date('2030-05-01T12:00:00Z');
const NOW_S = Math.floor(NOW.getTime() / 1000);

// Shaped like a real delivery: Stripe sends pretty-printed JSON with 2-space indentation.
const BODY = JSON.stringify(
  {
    id: 'evt_1PqR2sT3uV4wX5yZ',
    object: 'event',
    api_version: '2025-06-30.basil',
    created: NOW_S - 2,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: 'checkout.session.completed',
    data: {
      object: {
        id: 'cs_test_a1B2c3D4',
        object: 'checkout.session',
        amount_total: 10000,
        currency: 'usd',
        client_reference_id: 'pay_01J0ABCDEF',
        metadata: { reference: 'pay_01J0ABCDEF' },
        payment_status: 'paid',
        status: 'complete',
      },
    },
  },
  null,
  2,
);

const sign = (payload: string, secret = SECRET, timestamp = NOW_S) =>
  Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });

const delivery = (
  body: string | Uint8Array,
  header: string | undefined,
  receivedAt = NOW,
): IncomingWebhook => ({
  rawBody: typeof body === 'string' ? Buffer.from(body) : body,
  headers: header === undefined ? {} : { 'stripe-signature': header },
  receivedAt,
});

const verify = (webhook: IncomingWebhook, secrets: readonly string[] = [SECRET]) =>
  verifyStripeWebhook(webhook, { secrets });

describe('Stripe webhook signature: genuine deliveries', () => {
  it('accepts a genuine delivery and names the provider event and our payment', () => {
    expect(verify(delivery(BODY, sign(BODY)))).toEqual({
      ok: true,
      event: {
        kind: 'payment_changed',
        provider: 'stripe',
        eventId: 'evt_1PqR2sT3uV4wX5yZ',
        eventType: 'checkout.session.completed',
        providerPaymentId: 'cs_test_a1B2c3D4',
        reference: 'pay_01J0ABCDEF',
      },
    });
  });

  it('agrees with the documented scheme computed by hand', () => {
    const v1 = createHmac('sha256', SECRET).update(`${NOW_S}.${BODY}`).digest('hex');
    expect(sign(BODY)).toBe(`t=${NOW_S},v1=${v1}`);
    expect(verify(delivery(BODY, `t=${NOW_S},v1=${v1}`)).ok).toBe(true);
  });

  it('accepts any matching v1 among several, and ignores v0', () => {
    const good = sign(BODY).split('v1=')[1];
    const wrong = 'f'.repeat(64);
    expect(verify(delivery(BODY, `t=${NOW_S},v1=${wrong},v1=${good},v0=${wrong}`)).ok).toBe(true);
  });

  it('accepts the previous secret during a roll', () => {
    expect(
      verify(delivery(BODY, sign(BODY, OTHER_ENDPOINT_SECRET)), [SECRET, OTHER_ENDPOINT_SECRET]).ok,
    ).toBe(true);
  });

  it('accepts timestamps up to the tolerance either side', () => {
    expect(verify(delivery(BODY, sign(BODY, SECRET, NOW_S - STRIPE_TOLERANCE_SECONDS))).ok).toBe(true);
    expect(verify(delivery(BODY, sign(BODY, SECRET, NOW_S + STRIPE_TOLERANCE_SECONDS))).ok).toBe(true);
  });

  it('names a refund of ours that changed (failed later) by its Stripe id and our refund id', () => {
    for (const type of ['refund.failed', 'charge.refund.updated', 'refund.updated']) {
      const body = JSON.stringify(
        {
          id: 'evt_1RefundFailed',
          object: 'event',
          created: NOW_S,
          livemode: false,
          type,
          data: {
            object: {
              id: 're_3Abc',
              object: 'refund',
              status: 'failed',
              failure_reason: 'expired_or_canceled_card',
              payment_intent: 'pi_3Abc',
              metadata: { reference: 'pay_01J0ABCDEF', refund: 'ref_01J0ABCDEF' },
            },
          },
        },
        null,
        2,
      );
      expect(verify(delivery(body, sign(body))), type).toEqual({
        ok: true,
        event: {
          kind: 'refund_changed',
          provider: 'stripe',
          eventId: 'evt_1RefundFailed',
          eventType: type,
          providerRefundId: 're_3Abc',
          refundId: 'ref_01J0ABCDEF',
        },
      });
    }
  });

  it('reports authentic events a top-up does not act on as ignored', () => {
    const body = BODY.replace('checkout.session.completed', 'customer.created');
    expect(verify(delivery(body, sign(body)))).toMatchObject({
      ok: true,
      event: { kind: 'ignored', eventType: 'customer.created' },
    });
  });
});

describe('Stripe webhook signature: negative suite', () => {
  it('rejects every single-bit flip of the body', () => {
    const header = sign(BODY);
    const bytes = Buffer.from(BODY);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bytes.length - 1 }),
        fc.integer({ min: 0, max: 7 }),
        (at, bit) => {
          const flipped = Buffer.from(bytes);
          flipped[at] = (flipped[at] ?? 0) ^ (1 << bit);
          const result = verify(delivery(flipped, header));
          expect(result.ok).toBe(false);
          if (!result.ok) expect(['bad_signature', 'malformed_body']).toContain(result.reason);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects the same event re-serialised (compact, re-ordered, re-escaped)', () => {
    const header = sign(BODY);
    const parsed = JSON.parse(BODY);
    const { id, ...rest } = parsed;
    for (const body of [
      JSON.stringify(parsed),
      JSON.stringify({ ...rest, id }, null, 2),
      JSON.stringify(parsed, null, 4),
      BODY.replace('"usd"', '"\\u0075sd"'),
      `${BODY}\n`,
    ]) {
      expect(verify(delivery(body, header))).toMatchObject({ ok: false, reason: 'bad_signature' });
    }
  });

  it('rejects a missing or unreadable signature header', () => {
    expect(verify(delivery(BODY, undefined))).toMatchObject({ ok: false, reason: 'missing_signature' });
    expect(verify(delivery(BODY, ''))).toMatchObject({ ok: false, reason: 'missing_signature' });
    for (const header of [
      'garbage',
      `t=${NOW_S}`,
      `v1=${'a'.repeat(64)}`,
      `t=${NOW_S},v0=${'a'.repeat(64)}`,
      `t=${NOW_S},v1=${'a'.repeat(63)}`,
      `t=${NOW_S},v1=${'A'.repeat(64)}`,
      `t=abc,v1=${'a'.repeat(64)}`,
      `t=${NOW_S},t=${NOW_S},v1=${'a'.repeat(64)}`,
      `t=${NOW_S}, v1=${'a'.repeat(64)}`,
    ]) {
      expect(verify(delivery(BODY, header))).toMatchObject({ ok: false, reason: 'malformed_signature' });
    }
  });

  it('rejects a wrong signature and another endpoint’s secret', () => {
    expect(verify(delivery(BODY, `t=${NOW_S},v1=${'0'.repeat(64)}`))).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verify(delivery(BODY, sign('{"id":"evt_other"}')))).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verify(delivery(BODY, sign(BODY, OTHER_ENDPOINT_SECRET)))).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
    // The signature binds the timestamp: moving t alone breaks it.
    const moved = sign(BODY).replace(`t=${NOW_S}`, `t=${NOW_S - 1}`);
    expect(verify(delivery(BODY, moved))).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('rejects stale and future timestamps even with a valid signature', () => {
    const stale = sign(BODY, SECRET, NOW_S - STRIPE_TOLERANCE_SECONDS - 1);
    expect(verify(delivery(BODY, stale))).toMatchObject({ ok: false, reason: 'stale' });
    const future = sign(BODY, SECRET, NOW_S + STRIPE_TOLERANCE_SECONDS + 1);
    expect(verify(delivery(BODY, future))).toMatchObject({ ok: false, reason: 'from_the_future' });
    // A replay an hour later of a delivery that was genuine then.
    const later = new Date(NOW.getTime() + 3600_000);
    expect(verify(delivery(BODY, sign(BODY), later))).toMatchObject({ ok: false, reason: 'stale' });
  });

  it('rejects a validly signed body that is not a Stripe event', () => {
    for (const body of [
      'not json',
      '{"id":"evt_1","object":"event"}',
      '{"object":"v2.core.event","id":"evt_1"}',
    ]) {
      expect(verify(delivery(body, sign(body)))).toMatchObject({ ok: false, reason: 'malformed_body' });
    }
  });

  it('rejects invalid UTF-8 instead of letting replacement characters match', () => {
    const bytes = Buffer.concat([Buffer.from('{"id":"'), Buffer.from([0xff]), Buffer.from('"}')]);
    expect(verify(delivery(bytes, sign('{"id":"\ufffd"}')))).toMatchObject({
      ok: false,
      reason: 'malformed_body',
    });
  });

  it('refuses to run without a configured secret', () => {
    expect(() => verify(delivery(BODY, sign(BODY)), [])).toThrow();
    expect(() => verify(delivery(BODY, sign(BODY)), [' '])).toThrow();
  });
});
