import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { minorUnits } from '../../../src/shared/money.js';
import {
  decideCredit,
  type CheckoutRequest,
  type PaymentProvider,
} from '../../../src/server/gateways/provider.js';
import { tazapayGateway, type TazapayCredentials } from '../../../src/server/gateways/tazapay/index.js';
import { TAZAPAY_MAX_AGE_SECONDS } from '../../../src/server/gateways/tazapay/signature.js';
import { rfc3339Nano, startTazapayEmulator, type TazapayEmulator } from '../../support/emulators/tazapay.js';
import type { EmulatedDelivery } from '../../support/emulators/stripe-paypal-cryptomus-server.js';
import {
  checkoutRequest,
  contractProvider,
  expectationFor,
  expectReviewed,
  expectRewrittenBodiesRefused,
  receiver,
  rejected,
} from '../../support/gateway-contract.js';

const NOW = new Date('2030-05-01T12:00:00Z');
const CREDENTIALS: TazapayCredentials = {
  apiKey: 'tzp_test_api_key_reseller_a',
  apiSecret: 'tzp_test_api_secret_reseller_a_0123456789',
  webhookSecret: 'tzp_webhook_secret_token_reseller_a',
  customerCountry: 'SG',
  environment: 'sandbox',
};
const RECIPIENT = `tazapay-key:${CREDENTIALS.apiKey}`;
const WEBHOOK_URL = 'http://127.0.0.1:9/v1/webhooks/tazapay/res_a';

let emulator: TazapayEmulator;
let tazapay: PaymentProvider;

const provider = (over: Partial<TazapayCredentials> = {}) =>
  contractProvider(tazapayGateway, { ...CREDENTIALS, ...over }, () => NOW, emulator.baseUrl);

const request = (over: Partial<CheckoutRequest> = {}) =>
  checkoutRequest(
    {
      reference: 'pay_01TAZAPAY',
      returnUrl: 'resellerconsole://payments/pay_01TAZAPAY',
      cancelUrl: 'resellerconsole://payments/pay_01TAZAPAY',
      expiresAt: new Date(NOW.getTime() + 30 * 60_000),
      idempotencyKey: 'idem-tazapay-1',
      payer: { name: 'Ann Payer', email: 'ann@example.com' },
    },
    over,
  );

const expectation = expectationFor({ reference: 'pay_01TAZAPAY', recipient: RECIPIENT });
const received = receiver(() => NOW);

async function open(over: Partial<CheckoutRequest> = {}) {
  const { providerPaymentId } = await tazapay.createCheckout(
    request({ idempotencyKey: `idem-${over.reference ?? 'a'}`, ...over }),
  );
  const reference = over.reference ?? 'pay_01TAZAPAY';
  return { id: providerPaymentId, status: () => tazapay.fetchStatus({ providerPaymentId, reference }) };
}

beforeEach(async () => {
  emulator = await startTazapayEmulator({ ...CREDENTIALS, now: () => NOW, send: false });
  tazapay = provider();
});
afterEach(() => emulator.close());

describe('tazapay: checkout sessions', () => {
  it('opens a checkout for our reference, with Basic auth and the idempotency key, and redirects to it', async () => {
    const presentation = await tazapay.createCheckout(request());
    const checkout = emulator.checkouts.get(presentation.providerPaymentId)!;
    expect(presentation).toEqual({
      kind: 'redirect',
      providerPaymentId: checkout.id,
      url: `${emulator.baseUrl}/checkout/${checkout.id}`,
      expiresAt: '2030-05-01T12:30:00.000Z',
    });
    const sent = emulator.requests[0]!;
    expect(sent).toMatchObject({ method: 'POST', path: '/v3/checkout' });
    expect(sent.headers['idempotency-key']).toBe('idem-tazapay-1');
    expect(JSON.parse(sent.body)).toEqual({
      invoice_currency: 'USD',
      amount: 10_000,
      customer_details: { name: 'Ann Payer', email: 'ann@example.com', country: 'SG' },
      success_url: 'resellerconsole://payments/pay_01TAZAPAY',
      cancel_url: 'resellerconsole://payments/pay_01TAZAPAY',
      webhook_url: WEBHOOK_URL,
      transaction_description: 'Wallet top-up',
      reference_id: 'pay_01TAZAPAY',
      expires_at: '2030-05-01T12:30:00.000Z',
    });
    // A retried create lands on the same checkout.
    expect((await tazapay.createCheckout(request())).providerPaymentId).toBe(presentation.providerPaymentId);
    expect(emulator.checkouts.size).toBe(1);
  });

  it('writes amounts with Tazapay’s two implied decimals, and refuses a third before calling', async () => {
    const yen = await tazapay.createCheckout(
      request({ currency: 'JPY', amount: minorUnits(1_500), idempotencyKey: 'idem-jpy' }),
    );
    expect(emulator.checkouts.get(yen.providerPaymentId)).toMatchObject({ amount: 150_000 });
    const before = emulator.requests.length;
    await expect(
      tazapay.createCheckout(
        request({ currency: 'KWD', amount: minorUnits(10_005), idempotencyKey: 'idem-kwd' }),
      ),
    ).rejects.toThrow(/two decimals only/);
    expect(emulator.requests).toHaveLength(before);
  });

  it('fails loudly on wrong API credentials, and without a payer to name', async () => {
    await expect(provider({ apiSecret: 'not-the-secret-000' }).createCheckout(request())).rejects.toThrow(
      /HTTP 401 unauthorized/,
    );
    const { payer: _, ...anonymous } = request();
    await expect(tazapay.createCheckout(anonymous)).rejects.toThrow(/payer/);
  });
});

describe('tazapay: pay → webhook → fetchStatus → decideCredit', () => {
  it('credits the amount only once Tazapay’s own checkout says paid', async () => {
    const checkout = await open();
    expect(decideCredit(expectation(checkout.id), await checkout.status())).toEqual({
      action: 'wait',
      status: 'pending',
      underpaid: false,
    });
    const verified = await tazapay.verifyWebhook(received(await emulator.pay(checkout.id)));
    expect(verified).toEqual({
      ok: true,
      events: [
        expect.objectContaining({
          kind: 'payment_changed',
          providerPaymentId: checkout.id,
          reference: 'pay_01TAZAPAY',
          eventType: 'checkout.paid',
        }),
      ],
    });
    const paid = await checkout.status();
    expect(paid).toEqual({
      providerPaymentId: checkout.id,
      reference: 'pay_01TAZAPAY',
      status: 'paid',
      received: { kind: 'fiat', currency: 'USD', amount: 10_000 },
      recipient: RECIPIENT,
    });
    expect(decideCredit(expectation(checkout.id), paid)).toEqual({ action: 'credit', overpaid: false });
  });

  it('waits through a declined card (the page stays open), then closes when the checkout expires', async () => {
    const checkout = await open();
    const declined = await tazapay.verifyWebhook(received(await emulator.decline(checkout.id)));
    expect(declined).toMatchObject({
      ok: true,
      events: [{ kind: 'payment_changed', eventType: 'payment_attempt.failed', providerPaymentId: null }],
    });
    // The attempt names the payin; Tazapay's payin leads back to our payment.
    const payin = declined.ok ? declined.events[0] : undefined;
    expect(payin?.kind === 'payment_changed' && (await tazapay.referenceOf!(payin.providerObjectId!))).toBe(
      'pay_01TAZAPAY',
    );
    expect(decideCredit(expectation(checkout.id), await checkout.status())).toMatchObject({ action: 'wait' });
    await emulator.expire(checkout.id);
    expect(decideCredit(expectation(checkout.id), await checkout.status())).toEqual({
      action: 'close',
      status: 'expired',
    });
  });

  it('waits while a bank transfer is processing, and credits a paid checkout even after its page expired', async () => {
    const checkout = await open();
    await emulator.payLater(checkout.id);
    expect(decideCredit(expectation(checkout.id), await checkout.status())).toEqual({
      action: 'wait',
      status: 'processing',
      underpaid: false,
    });
    await emulator.pay(checkout.id);
    await emulator.expire(checkout.id);
    expect(decideCredit(expectation(checkout.id), await checkout.status())).toEqual({
      action: 'credit',
      overpaid: false,
    });
  });

  it('sends another amount, currency, payment, reference or account to review, never to credit', async () => {
    const checkout = await open();
    await emulator.pay(checkout.id);
    const paid = await checkout.status();
    expectReviewed(paid, {
      amount: expectation(checkout.id, 10_001),
      currency: expectation(checkout.id, 10_000, 'EUR'),
      payment: expectation('chk_someone_else'),
      reference: expectation(checkout.id, 10_000, 'USD', 'pay_OTHER'),
      recipient: expectation(checkout.id, 10_000, 'USD', 'pay_01TAZAPAY', 'tazapay-key:another-account'),
    });
    const short = await open({ reference: 'pay_SHORT' });
    await emulator.pay(short.id, 9_999);
    expect(decideCredit(expectation(short.id, 10_000, 'USD', 'pay_SHORT'), await short.status())).toEqual({
      action: 'review',
      mismatch: 'amount',
    });
  });

  it('fails loudly on a checkout Tazapay does not know', async () => {
    await expect(
      tazapay.fetchStatus({ providerPaymentId: 'chk_unknown', reference: 'pay_01TAZAPAY' }),
    ).rejects.toThrow(/HTTP 404/);
  });
});

describe('tazapay: negative suite through provider.verifyWebhook', () => {
  let genuine: EmulatedDelivery[];
  beforeEach(async () => {
    const a = await open();
    const b = await open({ reference: 'pay_B' });
    await emulator.decline(a.id);
    await emulator.pay(a.id);
    await emulator.expire(b.id);
    genuine = emulator.deliveries;
  });

  it('accepts every genuine delivery from the emulator, with Tazapay’s event ids', async () => {
    const results = await Promise.all(genuine.map((d) => tazapay.verifyWebhook(received(d))));
    const events = results.flatMap((r) => (r.ok ? r.events : []));
    expect(events.map((e) => e.kind === 'payment_changed' && e.eventType)).toEqual([
      'payment_attempt.failed',
      'checkout.paid',
      'checkout.expired',
    ]);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(3);
    for (const event of events) expect(event.eventId).toMatch(/^evt_\w+$/);
    // A retry of one delivery is the same event, which the store then drops.
    const again = await tazapay.verifyWebhook(received(genuine[1]!));
    expect(again.ok && again.events[0]?.eventId).toBe(events[1]?.eventId);
  });

  it('rejects every single-bit flip of a genuine body', async () => {
    const delivery = genuine[1]!;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: delivery.body.length - 1 }), fc.nat({ max: 7 }), async (at, bit) => {
        const flipped = Buffer.from(delivery.body);
        flipped[at] = flipped[at]! ^ (1 << bit);
        const result = await tazapay.verifyWebhook(received({ ...delivery, body: flipped }));
        expect(result.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects the same event re-serialised: same data, different bytes', async () => {
    const delivery = genuine[1]!;
    const data = JSON.parse(delivery.body.toString('utf8'));
    const { type, ...rest } = data;
    await expectRewrittenBodiesRefused(
      tazapay,
      delivery,
      [
        JSON.stringify(data, null, 2),
        JSON.stringify({ ...rest, type }),
        `${delivery.body.toString('utf8')}\n`,
      ],
      NOW,
    );
  });

  it('rejects missing, malformed and wrong signatures, and one delivery’s signature on another', async () => {
    const delivery = genuine[1]!;
    const { signature, ...unsigned } = delivery.headers;
    expect(await tazapay.verifyWebhook(received({ ...delivery, headers: unsigned }))).toMatchObject(
      rejected('missing_signature'),
    );
    expect(
      await tazapay.verifyWebhook(
        received({ ...delivery, headers: { ...unsigned, signature: 'sha256=abc' } }),
      ),
    ).toMatchObject(rejected('malformed_signature'));
    const zeroed = Buffer.alloc(32).toString('base64');
    expect(
      await tazapay.verifyWebhook(received({ ...delivery, headers: { ...unsigned, signature: zeroed } })),
    ).toMatchObject(rejected('bad_signature'));
    expect(signature).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(
      await tazapay.verifyWebhook(received({ ...genuine[2]!, headers: delivery.headers })),
    ).toMatchObject(rejected('bad_signature'));
  });

  it('rejects a delivery signed with another account’s secret, and ours at another account', async () => {
    const body = genuine[1]!.body.toString('utf8');
    const foreign = emulator.signDelivery(body, { secret: 'tzp_webhook_secret_token_reseller_b' });
    expect(await tazapay.verifyWebhook(received(foreign))).toMatchObject(rejected('bad_signature'));
    const resellerB = provider({ webhookSecret: 'tzp_webhook_secret_token_reseller_b' });
    expect(await resellerB.verifyWebhook(received(genuine[1]!))).toMatchObject(rejected('bad_signature'));
  });

  it('rejects a signature over another event id or timestamp than the body’s', async () => {
    const body = genuine[1]!.body.toString('utf8');
    for (const over of [
      { eventId: 'evt_another' },
      { createdAt: rfc3339Nano(new Date(NOW.getTime() - 1000)) },
    ]) {
      expect(await tazapay.verifyWebhook(received(emulator.signDelivery(body, over)))).toMatchObject(
        rejected('bad_signature'),
      );
    }
  });

  it('rejects stale and future events, and a genuine delivery replayed after Tazapay stopped retrying', async () => {
    const event = (createdAt: Date) =>
      JSON.stringify(
        emulator.eventBody('checkout.paid', { id: 'chk_x', object: 'checkout' }, rfc3339Nano(createdAt)),
      );
    const stale = emulator.signDelivery(
      event(new Date(NOW.getTime() - (TAZAPAY_MAX_AGE_SECONDS + 1) * 1000)),
    );
    const future = emulator.signDelivery(event(new Date(NOW.getTime() + 3_600_000)));
    expect(await tazapay.verifyWebhook(received(stale))).toMatchObject(rejected('stale'));
    expect(await tazapay.verifyWebhook(received(future))).toMatchObject(rejected('from_the_future'));
    const threeDaysLater = new Date(NOW.getTime() + 3 * 86_400_000);
    expect(await tazapay.verifyWebhook(received(genuine[1]!, threeDaysLater))).toMatchObject(
      rejected('stale'),
    );
  });
});
