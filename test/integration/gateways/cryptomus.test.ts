import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  decideCredit,
  type CheckoutRequest,
  type PaymentProvider,
} from '../../../src/server/gateways/provider.js';
import { cryptomusGateway, type CryptomusCredentials } from '../../../src/server/gateways/cryptomus/index.js';
import { startCryptomusEmulator, type CryptomusEmulator } from '../../support/emulators/cryptomus.js';
import type { EmulatedDelivery } from '../../support/emulators/stripe-paypal-cryptomus-server.js';
import {
  checkoutRequest,
  contractProvider,
  expectationFor,
  expectReviewed,
  receiver,
  rejected,
} from '../../support/gateway-contract.js';

const NOW = new Date('2030-05-01T12:00:00Z');
const CREDENTIALS: CryptomusCredentials = {
  merchantId: '8b03432e-385b-4670-8d06-064591096795',
  paymentApiKey: 'test-payment-key-7Qm2LxV9nR4sT8wZ1bC5dF0gH3jK6pN',
};
const WEBHOOK_URL = 'http://127.0.0.1:9/v1/webhooks/cryptomus/res_a';

let emulator: CryptomusEmulator;
let cryptomus: PaymentProvider;

const provider = (over: Partial<CryptomusCredentials> = {}) =>
  contractProvider(cryptomusGateway, { ...CREDENTIALS, ...over }, () => NOW, emulator.baseUrl);

const request = (over: Partial<CheckoutRequest> = {}) =>
  checkoutRequest(
    {
      reference: 'pay_01CRYPTOMUS',
      expiresAt: new Date(NOW.getTime() + 30 * 60_000),
      idempotencyKey: 'idem-cryptomus-1',
    },
    over,
  );

const expectation = expectationFor({ reference: 'pay_01CRYPTOMUS', recipient: CREDENTIALS.merchantId });

const received = receiver(() => NOW);

async function open(over: Partial<CheckoutRequest> = {}) {
  const { providerPaymentId } = await cryptomus.createCheckout(request(over));
  const reference = over.reference ?? 'pay_01CRYPTOMUS';
  return { id: providerPaymentId, status: () => cryptomus.fetchStatus({ providerPaymentId, reference }) };
}

beforeEach(async () => {
  emulator = await startCryptomusEmulator({ ...CREDENTIALS, now: () => NOW, send: false });
  cryptomus = provider();
});
afterEach(() => emulator.close());

describe('cryptomus: invoice creation', () => {
  it('opens an invoice with a signed request and redirects to Cryptomus’s page', async () => {
    const presentation = await cryptomus.createCheckout(request());
    const invoice = emulator.invoices.get(presentation.providerPaymentId);
    expect(presentation).toEqual({
      kind: 'redirect',
      providerPaymentId: invoice?.uuid,
      url: `${emulator.baseUrl}/pay/${invoice?.uuid}`,
      expiresAt: '2030-05-01T12:30:00.000Z',
    });
    const sent = JSON.parse(emulator.requests[0]!.body);
    expect(sent).toMatchObject({
      amount: '100.00',
      currency: 'USD',
      order_id: 'pay_01CRYPTOMUS',
      url_callback: WEBHOOK_URL,
      lifetime: 1800,
    });
    // PHP's encoding: the "/" of every URL escaped, as Cryptomus's own SDK sends it.
    expect(emulator.requests[0]!.body).toContain('"url_callback":"http:\\/\\/127.0.0.1:9\\/v1\\/webhooks');
    // A retried create lands on the same open invoice.
    expect((await cryptomus.createCheckout(request())).providerPaymentId).toBe(
      presentation.providerPaymentId,
    );
    expect(emulator.invoices.size).toBe(1);
  });

  it('fails loudly when the key does not sign for this merchant', async () => {
    await expect(
      provider({ paymentApiKey: 'another-merchant-key-0000000' }).createCheckout(request()),
    ).rejects.toThrow(/401.*Invalid sign/);
  });
});

describe('cryptomus: pay → webhook → fetchStatus → decideCredit', () => {
  it('credits the invoice amount once Cryptomus says it is paid', async () => {
    const invoice = await open();
    expect(decideCredit(expectation(invoice.id), await invoice.status())).toEqual({
      action: 'wait',
      status: 'pending',
      underpaid: false,
    });
    const verified = await cryptomus.verifyWebhook(received(await emulator.pay(invoice.id)));
    expect(verified).toEqual({
      ok: true,
      events: [
        expect.objectContaining({
          kind: 'payment_changed',
          providerPaymentId: invoice.id,
          reference: 'pay_01CRYPTOMUS',
          eventType: 'paid',
        }),
      ],
    });
    const paid = await invoice.status();
    expect(paid).toMatchObject({
      status: 'paid',
      recipient: CREDENTIALS.merchantId,
      received: { kind: 'fiat', currency: 'USD', amount: 10_000 },
    });
    expect(decideCredit(expectation(invoice.id), paid)).toEqual({ action: 'credit', overpaid: false });
  });

  it('waits on a partial payment and credits when the rest arrives, each notification its own event', async () => {
    const invoice = await open();
    const first = await cryptomus.verifyWebhook(received(await emulator.pay(invoice.id, '40.00')));
    expect(decideCredit(expectation(invoice.id), await invoice.status())).toEqual({
      action: 'wait',
      status: 'processing',
      underpaid: true,
    });
    expect((await invoice.status()).received).toMatchObject({ amount: 4_000 });
    const second = await cryptomus.verifyWebhook(received(await emulator.pay(invoice.id, '60.00')));
    expect(decideCredit(expectation(invoice.id), await invoice.status())).toEqual({
      action: 'credit',
      overpaid: false,
    });
    const ids = [first, second].map((r) => (r.ok ? r.events[0]?.eventId : r.reason));
    expect(new Set(ids).size).toBe(2);
  });

  it('credits the expected amount of an overpaid invoice and flags the excess', async () => {
    const invoice = await open();
    await emulator.pay(invoice.id, '120.50');
    const over = await invoice.status();
    expect(over.received).toMatchObject({ amount: 12_050 });
    expect(decideCredit(expectation(invoice.id), over)).toEqual({ action: 'credit', overpaid: true });
  });

  it('closes unpaid and failed invoices; a short final payment goes to review', async () => {
    const unpaid = await open();
    const failed = await open({ reference: 'pay_F' });
    const short = await open({ reference: 'pay_S' });
    await emulator.expire(unpaid.id);
    await emulator.fail(failed.id);
    await emulator.pay(short.id, '99.99');
    await emulator.expire(short.id);
    expect(decideCredit(expectation(unpaid.id), await unpaid.status())).toEqual({
      action: 'close',
      status: 'expired',
    });
    expect(decideCredit(expectation(failed.id, 10_000, 'USD', 'pay_F'), await failed.status())).toEqual({
      action: 'close',
      status: 'failed',
    });
    expect(decideCredit(expectation(short.id, 10_000, 'USD', 'pay_S'), await short.status())).toEqual({
      action: 'review',
      mismatch: 'amount',
    });
  });

  it('sends another amount, currency or payment to review, never to credit', async () => {
    const invoice = await open();
    await emulator.pay(invoice.id);
    const paid = await invoice.status();
    expectReviewed(paid, {
      amount: expectation(invoice.id, 10_001),
      currency: expectation(invoice.id, 10_000, 'EUR'),
      reference: expectation(invoice.id, 10_000, 'USD', 'pay_OTHER'),
    });
  });
});

describe('cryptomus: negative suite through provider.verifyWebhook', () => {
  let genuine: EmulatedDelivery[];
  beforeEach(async () => {
    const a = await open();
    const b = await open({ reference: 'pay_B' });
    await emulator.pay(a.id, '30.00');
    await emulator.pay(a.id, '70.00');
    await emulator.expire(b.id);
    genuine = emulator.deliveries;
  });

  it('accepts every genuine delivery from the emulator, with distinct derived event ids', async () => {
    const results = await Promise.all(genuine.map((d) => cryptomus.verifyWebhook(received(d))));
    const events = results.flatMap((r) => (r.ok ? r.events : []));
    expect(events).toHaveLength(3);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(3);
    // A retry of one notification is the same event, which the store then drops.
    const again = await cryptomus.verifyWebhook(received(genuine[0]!));
    expect(again.ok && again.events[0]?.eventId).toBe(events[0]?.eventId);
  });

  it('rejects every bit flip that changes the data', async () => {
    const delivery = genuine[1]!;
    const original = JSON.parse(delivery.body.toString('utf8'));
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: delivery.body.length - 1 }), fc.nat({ max: 7 }), async (at, bit) => {
        const flipped = Buffer.from(delivery.body);
        flipped[at] = flipped[at]! ^ (1 << bit);
        const result = await cryptomus.verifyWebhook(received({ ...delivery, body: flipped }));
        // Only a flip that re-spells the same data (an escape's hex case) may pass, as it does in PHP.
        if (result.ok) expect(JSON.parse(flipped.toString('utf8'))).toEqual(original);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects re-serialisations that change the signed encoding', async () => {
    const data = JSON.parse(genuine[1]!.body.toString('utf8'));
    const { uuid, type, ...rest } = data;
    for (const body of [
      JSON.stringify({ uuid, type, ...rest }),
      JSON.stringify({ ...data, is_final: 1 }),
      JSON.stringify({ ...data, amount: Number(data.amount) }),
    ]) {
      expect(
        await cryptomus.verifyWebhook(received({ ...genuine[1]!, body: Buffer.from(body) })),
      ).toMatchObject(rejected('bad_signature'));
    }
  });

  it('rejects missing and wrong signs, and another merchant’s key both ways', async () => {
    const data = JSON.parse(genuine[1]!.body.toString('utf8'));
    const { sign, ...unsigned } = data;
    const asBody = (value: unknown) => ({ ...genuine[1]!, body: Buffer.from(JSON.stringify(value)) });
    expect(await cryptomus.verifyWebhook(received(asBody(unsigned)))).toMatchObject(
      rejected('missing_signature'),
    );
    expect(await cryptomus.verifyWebhook(received(asBody({ ...unsigned, sign: 'nope' })))).toMatchObject(
      rejected('malformed_signature'),
    );
    expect(
      await cryptomus.verifyWebhook(received(asBody({ ...unsigned, sign: '0'.repeat(32) }))),
    ).toMatchObject(rejected('bad_signature'));
    expect(sign).toMatch(/^[0-9a-f]{32}$/);
    const foreign = emulator.signDelivery(emulator.notification(data.uuid), {
      apiKey: 'another-merchant-key-0000000',
    });
    expect(await cryptomus.verifyWebhook(received(foreign))).toMatchObject(rejected('bad_signature'));
    const otherMerchant = provider({ paymentApiKey: 'another-merchant-key-0000000' });
    expect(await otherMerchant.verifyWebhook(received(genuine[1]!))).toMatchObject(rejected('bad_signature'));
  });
});
