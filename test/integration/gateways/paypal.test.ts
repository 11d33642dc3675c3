import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { minorUnits } from '../../../src/shared/money.js';
import {
  decideCredit,
  type CheckoutRequest,
  type PaymentProvider,
} from '../../../src/server/gateways/provider.js';
import { paypalGateway, type PayPalCredentials } from '../../../src/server/gateways/paypal/index.js';
import type { PayPalPaymentSnapshot } from '../../../src/server/gateways/paypal/order.js';
import { PAYPAL_TOLERANCE_SECONDS } from '../../../src/server/gateways/paypal/signature.js';
import { startPayPalEmulator, type PayPalEmulator } from '../../support/emulators/paypal.js';
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
const CREDENTIALS = {
  clientId: 'AeResellerAppClientId',
  clientSecret: 'EResellerAppClientSecret',
  webhookId: '8PT597110X687430LKGECATA',
  merchantId: 'YQZCHTGHUK5P8',
};

let clock: Date;
let emulator: PayPalEmulator;
let paypal: PaymentProvider;

const provider = (over: Partial<PayPalCredentials> = {}, apiBaseUrl = emulator.baseUrl) =>
  contractProvider(paypalGateway, { ...CREDENTIALS, ...over }, () => clock, apiBaseUrl);

const request = (over: Partial<CheckoutRequest> = {}) =>
  checkoutRequest(
    {
      reference: 'pay_01PAYPAL',
      expiresAt: new Date(NOW.getTime() + 30 * 60_000),
      idempotencyKey: 'idem-paypal-1',
    },
    over,
  );

const expectation = expectationFor({ reference: 'pay_01PAYPAL', recipient: CREDENTIALS.merchantId });

const received = receiver(() => clock);
const status = (providerPaymentId: string, reference = 'pay_01PAYPAL') =>
  paypal.fetchStatus({ providerPaymentId, reference }) as Promise<PayPalPaymentSnapshot>;

beforeEach(async () => {
  clock = NOW;
  emulator = await startPayPalEmulator({ ...CREDENTIALS, now: () => clock });
  paypal = provider();
});
afterEach(() => emulator.close());

describe('paypal: Orders v2 checkout', () => {
  it('creates a CAPTURE order with our reference and exact amount, keyed by PayPal-Request-Id', async () => {
    const presentation = await paypal.createCheckout(request());
    expect(presentation).toEqual({
      kind: 'redirect',
      providerPaymentId: expect.any(String),
      url: `${emulator.baseUrl}/checkoutnow?token=${presentation.providerPaymentId}`,
      expiresAt: '2030-05-01T12:30:00.000Z',
    });
    expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v1/oauth2/token',
      'POST /v2/checkout/orders',
    ]);
    expect(emulator.requests[1]?.requestId).toBe('idem-paypal-1');
    expect(emulator.orders.get(presentation.providerPaymentId)?.['purchase_units'][0]).toMatchObject({
      reference_id: 'pay_01PAYPAL',
      custom_id: 'pay_01PAYPAL',
      amount: { currency_code: 'USD', value: '100.00' },
    });
    // A retried create is PayPal's replay of the first order, not a second one; the token is reused.
    const again = await paypal.createCheckout(request());
    expect(again.providerPaymentId).toBe(presentation.providerPaymentId);
    expect(emulator.orders.size).toBe(1);
    expect(emulator.requests.filter((r) => r.path === '/v1/oauth2/token')).toHaveLength(1);
  });

  it('writes amounts in each currency’s own digits, and refuses currencies PayPal does not take', async () => {
    const yen = await paypal.createCheckout(
      request({ currency: 'JPY', amount: minorUnits(1_500), idempotencyKey: 'idem-jpy' }),
    );
    expect(emulator.orders.get(yen.providerPaymentId)?.['purchase_units'][0].amount).toEqual({
      currency_code: 'JPY',
      value: '1500',
    });
    const cents = await paypal.createCheckout(request({ amount: minorUnits(5), idempotencyKey: 'idem-5c' }));
    expect(emulator.orders.get(cents.providerPaymentId)?.['purchase_units'][0].amount.value).toBe('0.05');
    await expect(
      paypal.createCheckout(request({ currency: 'VND', idempotencyKey: 'idem-vnd' })),
    ).rejects.toThrow(/does not take payments in VND/);
  });

  it('fails loudly on wrong app credentials', async () => {
    await expect(provider({ clientSecret: 'wrong' }).createCheckout(request())).rejects.toThrow(
      /invalid_client/,
    );
  });
});

describe('paypal: approve → webhook → fetchStatus (captures) → decideCredit', () => {
  it('captures an approved order once and credits only when the capture is COMPLETED', async () => {
    const { providerPaymentId } = await paypal.createCheckout(request());
    expect(decideCredit(expectation(providerPaymentId), await status(providerPaymentId))).toEqual({
      action: 'wait',
      status: 'pending',
      underpaid: false,
    });

    const approved = await paypal.verifyWebhook(received(await emulator.approve(providerPaymentId)));
    expect(approved).toEqual({
      ok: true,
      events: [
        expect.objectContaining({
          kind: 'payment_changed',
          eventType: 'CHECKOUT.ORDER.APPROVED',
          providerPaymentId,
          reference: 'pay_01PAYPAL',
        }),
      ],
    });
    const paid = await status(providerPaymentId);
    expect(paid).toMatchObject({
      status: 'paid',
      recipient: CREDENTIALS.merchantId,
      received: { kind: 'fiat', currency: 'USD', amount: 10_000 },
    });
    expect(decideCredit(expectation(providerPaymentId), paid)).toEqual({ action: 'credit', overpaid: false });
    // One capture per approval: keyed by the order and when the payer approved it.
    expect(emulator.requests.find((r) => r.path.endsWith('/capture'))?.requestId).toBe(
      `capture-${providerPaymentId}-${emulator.orders.get(providerPaymentId)!['update_time']}`,
    );

    // The capture's own webhook arrives too, naming the order; re-reading never captures again.
    await emulator.settled();
    const captured = await paypal.verifyWebhook(received(emulator.deliveries.at(-1)!));
    expect(captured).toMatchObject({
      ok: true,
      events: [{ eventType: 'PAYMENT.CAPTURE.COMPLETED', providerPaymentId, reference: 'pay_01PAYPAL' }],
    });
    expect(await status(providerPaymentId)).toMatchObject({ status: 'paid' });
    expect(emulator.requests.filter((r) => r.path.endsWith('/capture'))).toHaveLength(1);
  });

  it('closes a payment whose funding declines at capture, or whose order PayPal voided', async () => {
    const a = await paypal.createCheckout(request());
    const b = await paypal.createCheckout(request({ reference: 'pay_B', idempotencyKey: 'idem-b' }));
    await emulator.approve(a.providerPaymentId, { funding: 'declines' });
    emulator.voidOrder(b.providerPaymentId);
    expect(decideCredit(expectation(a.providerPaymentId), await status(a.providerPaymentId))).toEqual({
      action: 'close',
      status: 'failed',
    });
    expect(
      decideCredit(
        expectation(b.providerPaymentId, 10_000, 'USD', 'pay_B'),
        await status(b.providerPaymentId, 'pay_B'),
      ),
    ).toEqual({ action: 'close', status: 'cancelled' });
  });

  it('sends another amount, currency, payment or payee to review, never to credit', async () => {
    const { providerPaymentId } = await paypal.createCheckout(request());
    await emulator.approve(providerPaymentId);
    const paid = await status(providerPaymentId);
    expectReviewed(paid, {
      amount: expectation(providerPaymentId, 10_001),
      currency: expectation(providerPaymentId, 10_000, 'EUR'),
      reference: expectation(providerPaymentId, 10_000, 'USD', 'pay_OTHER'),
    });
    // The app pays another merchant than the one this reseller configured.
    const elsewhere = await provider({ merchantId: 'OTHERMERCHANT1' }).fetchStatus({
      providerPaymentId,
      reference: 'pay_01PAYPAL',
    });
    expect(
      decideCredit(
        expectation(providerPaymentId, 10_000, 'USD', 'pay_01PAYPAL', 'OTHERMERCHANT1'),
        elsewhere,
      ),
    ).toEqual({
      action: 'review',
      mismatch: 'recipient',
    });
  });

  it('vaults the PayPal account when asked and charges it later without the payer', async () => {
    const { providerPaymentId } = await paypal.createCheckout(request({ saveMethod: true }));
    await emulator.approve(providerPaymentId, { email: 'buyer@example.test' });
    const paid = await status(providerPaymentId);
    expect(paid.savedMethod).toEqual({
      token: expect.stringMatching(/^VT/),
      label: 'PayPal buyer@example.test',
    });
    const charged = await paypal.chargeSavedMethod!({
      reference: 'pay_02SAVED',
      amount: minorUnits(2_500),
      currency: 'USD',
      methodToken: paid.savedMethod!.token,
      idempotencyKey: 'idem-saved',
    });
    expect(
      decideCredit(expectation(charged.providerPaymentId, 2_500, 'USD', 'pay_02SAVED'), charged),
    ).toEqual({
      action: 'credit',
      overpaid: false,
    });
  });
});

describe('paypal: negative suite through provider.verifyWebhook', () => {
  let genuine: EmulatedDelivery[];
  beforeEach(async () => {
    const { providerPaymentId } = await paypal.createCheckout(request());
    await emulator.approve(providerPaymentId);
    await status(providerPaymentId); // captures: PAYMENT.CAPTURE.COMPLETED
    await emulator.emitOther();
    await emulator.settled();
    genuine = emulator.deliveries;
  });

  it('accepts every genuine delivery from the emulator, with PayPal’s event ids', async () => {
    const results = await Promise.all(genuine.map((d) => paypal.verifyWebhook(received(d))));
    const events = results.flatMap((r) => (r.ok ? r.events : []));
    expect(events.map((e) => `${e.kind} ${'eventType' in e ? e.eventType : ''}`).sort()).toEqual([
      'ignored CUSTOMER.DISPUTE.CREATED',
      'payment_changed CHECKOUT.ORDER.APPROVED',
      'payment_changed PAYMENT.CAPTURE.COMPLETED',
    ]);
    for (const event of events) expect(event.eventId).toMatch(/^WH-/);
  });

  it('rejects every single-bit flip of a genuine body', async () => {
    const delivery = genuine[0]!;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: delivery.body.length - 1 }), fc.nat({ max: 7 }), async (at, bit) => {
        const flipped = Buffer.from(delivery.body);
        flipped[at] = flipped[at]! ^ (1 << bit);
        expect(await paypal.verifyWebhook(received({ ...delivery, body: flipped }))).toMatchObject(
          rejected('bad_signature'),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('rejects the same event re-serialised: same data, different bytes', async () => {
    const delivery = genuine[0]!;
    const data = JSON.parse(delivery.body.toString('utf8'));
    await expectRewrittenBodiesRefused(
      paypal,
      delivery,
      [JSON.stringify(data, null, 2), `${delivery.body.toString('utf8')} `],
      clock,
    );
  });

  it('rejects missing and wrong signatures, another key, and another webhook’s id', async () => {
    const delivery = genuine[0]!;
    const { 'paypal-transmission-sig': sig, ...unsigned } = delivery.headers;
    expect(await paypal.verifyWebhook(received({ ...delivery, headers: unsigned }))).toMatchObject(
      rejected('missing_signature'),
    );
    const otherSig = genuine[1]!.headers['paypal-transmission-sig']!;
    expect(sig).not.toBe(otherSig);
    expect(
      await paypal.verifyWebhook(
        received({ ...delivery, headers: { ...unsigned, 'paypal-transmission-sig': otherSig } }),
      ),
    ).toMatchObject(rejected('bad_signature'));
    const body = delivery.body.toString('utf8');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(await paypal.verifyWebhook(received(emulator.signDelivery(body, { privateKey })))).toMatchObject(
      rejected('bad_signature'),
    );
    // Genuinely signed by PayPal, for another merchant's webhook.
    expect(
      await paypal.verifyWebhook(received(emulator.signDelivery(body, { webhookId: '1JE4291016473214C' }))),
    ).toMatchObject(rejected('bad_signature'));
    // Our delivery, offered to a reseller whose webhook id differs.
    expect(
      await provider({ webhookId: '1JE4291016473214C' }).verifyWebhook(received(delivery)),
    ).toMatchObject(rejected('bad_signature'));
  });

  it('never trusts a certificate from anywhere but PayPal (here: this emulator)', async () => {
    const body = genuine[0]!.body.toString('utf8');
    for (const certUrl of [
      'https://evil.example/v1/notifications/certs/CERT-1',
      'http://127.0.0.1:1/v1/notifications/certs/CERT-1',
    ]) {
      expect(await paypal.verifyWebhook(received(emulator.signDelivery(body, { certUrl })))).toMatchObject(
        rejected('untrusted_certificate'),
      );
    }
    // Configured for the real PayPal (no emulator), the emulator's own certificate is refused.
    expect(
      await provider({}, 'https://api-m.sandbox.paypal.com').verifyWebhook(received(genuine[0]!)),
    ).toMatchObject(rejected('untrusted_certificate'));
  });

  it('rejects stale and future transmissions, and a genuine delivery replayed later', async () => {
    const body = genuine[0]!.body.toString('utf8');
    const at = (s: number) => new Date(NOW.getTime() + s * 1000).toISOString();
    expect(
      await paypal.verifyWebhook(
        received(emulator.signDelivery(body, { time: at(-PAYPAL_TOLERANCE_SECONDS - 1) })),
      ),
    ).toMatchObject(rejected('stale'));
    expect(
      await paypal.verifyWebhook(
        received(emulator.signDelivery(body, { time: at(PAYPAL_TOLERANCE_SECONDS + 1) })),
      ),
    ).toMatchObject(rejected('from_the_future'));
    expect(
      await paypal.verifyWebhook(received(genuine[0]!, new Date(NOW.getTime() + 3600_000))),
    ).toMatchObject(rejected('stale'));
  });
});

describe('paypal: refunds', () => {
  it('answers a refund asked again after PayPal forgot its request id with the refund PayPal made, never a refusal', async () => {
    const { providerPaymentId } = await paypal.createCheckout(request());
    await emulator.approve(providerPaymentId);
    expect(await status(providerPaymentId)).toMatchObject({ status: 'paid' });
    const refund = {
      providerPaymentId,
      reference: 'pay_01PAYPAL',
      refundId: 'ref_01PAYPAL',
      amount: minorUnits(4_000),
      currency: 'USD' as const,
      reason: 'Customer asked',
    };
    const first = await paypal.refund!(refund);
    expect(first).toMatchObject({ outcome: 'accepted', settled: true });

    // Its answer lost, the refund is asked again after PayPal's 6 hours: PayPal no longer replays the
    // first answer, it says the invoice_id (our refund id) was refunded before (DUPLICATE_REFUND).
    // A refusal would credit the wallet back while the payer has the money.
    clock = new Date(NOW.getTime() + 7 * 3600_000);
    expect(await paypal.refund!(refund)).toEqual(first);
    const refunds = emulator.orders.get(providerPaymentId)!['purchase_units'][0].payments.refunds;
    expect(refunds).toHaveLength(1);
  });
});
