import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { minorUnits } from '../../../src/shared/money.js';
import {
  decideCredit,
  type CheckoutRequest,
  type PaymentProvider,
  type WebhookDelivery,
} from '../../../src/server/gateways/provider.js';
import { stripeGateway, type StripeCredentials } from '../../../src/server/gateways/stripe/index.js';
import { STRIPE_TOLERANCE_SECONDS } from '../../../src/server/gateways/stripe/signature.js';
import type { StripePaymentSnapshot } from '../../../src/server/gateways/stripe/snapshot.js';
import { startStripeEmulator, type StripeEmulator } from '../../support/emulators/stripe.js';
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
const NOW_S = NOW.getTime() / 1000;
const CREDENTIALS: StripeCredentials = {
  secretKey: 'sk_test_51ResellerConsoleEmulated',
  webhookSecret: 'whsec_endpoint_of_reseller_a',
  accountId: 'acct_1ResellerA',
};

let clock: Date;
let emulator: StripeEmulator;
let stripe: PaymentProvider;

const provider = (credentials: Partial<StripeCredentials> = {}) =>
  contractProvider(stripeGateway, { ...CREDENTIALS, ...credentials }, () => clock, emulator.baseUrl);

const request = (over: Partial<CheckoutRequest> = {}) =>
  checkoutRequest(
    {
      reference: 'pay_01STRIPE',
      returnUrl: 'resellerconsole://payments/pay_01STRIPE',
      cancelUrl: 'resellerconsole://payments/pay_01STRIPE?cancelled=1',
      expiresAt: new Date(NOW.getTime() + 60 * 60_000),
      idempotencyKey: 'idem-stripe-1',
    },
    over,
  );

const received = receiver(() => clock);

const expectation = expectationFor({ reference: 'pay_01STRIPE', recipient: CREDENTIALS.accountId });

beforeEach(async () => {
  clock = NOW;
  emulator = await startStripeEmulator({
    secretKey: CREDENTIALS.secretKey,
    accountId: CREDENTIALS.accountId,
    webhook: { secret: CREDENTIALS.webhookSecret },
    now: () => clock,
  });
  stripe = provider();
});
afterEach(() => emulator.close());

describe('stripe: checkout through the official SDK', () => {
  it('creates a Checkout Session with our reference, amount, expiry and idempotency key, and redirects to it', async () => {
    const presentation = await stripe.createCheckout(request());
    expect(presentation).toMatchObject({ kind: 'redirect', expiresAt: '2030-05-01T13:00:00.000Z' });
    if (presentation.kind !== 'redirect') throw new Error('unreachable');
    expect(presentation.url).toBe(`${emulator.baseUrl}/c/pay/${presentation.providerPaymentId}`);

    const create = emulator.requests.find((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions');
    // The SDK's own User-Agent: the request came through stripe-node, not a hand-written client.
    expect(create?.userAgent).toMatch(/^Stripe\/v1 NodeBindings\//);
    expect(create?.idempotencyKey).toBe('idem-stripe-1');
    expect(emulator.sessions.get(presentation.providerPaymentId)).toMatchObject({
      mode: 'payment',
      amount_total: 10_000,
      currency: 'usd',
      client_reference_id: 'pay_01STRIPE',
      metadata: { reference: 'pay_01STRIPE' },
      expires_at: NOW_S + 3600,
      success_url: 'resellerconsole://payments/pay_01STRIPE',
      customer_creation: null,
      payment_intent_data: { metadata: { reference: 'pay_01STRIPE' } },
    });
  });

  it('answers a retried create with the same session (Stripe replays the idempotency key)', async () => {
    const first = await stripe.createCheckout(request());
    const again = await stripe.createCheckout(request());
    expect(again.providerPaymentId).toBe(first.providerPaymentId);
    expect(emulator.sessions.size).toBe(1);
    // The same key with other parameters is Stripe's idempotency error, not a second session.
    await expect(stripe.createCheckout(request({ amount: minorUnits(20_000) }))).rejects.toThrow(
      /idempotent/,
    );
  });

  it('asks to keep the card for later with a customer when the method is saved', async () => {
    const { providerPaymentId } = await stripe.createCheckout(request({ saveMethod: true }));
    expect(emulator.sessions.get(providerPaymentId)).toMatchObject({
      customer_creation: 'always',
      payment_intent_data: { setup_future_usage: 'off_session' },
    });
  });

  it('lengthens a payment shorter than Stripe’s 30-minute minimum and says so in the presentation', async () => {
    const presentation = await stripe.createCheckout(
      request({ expiresAt: new Date(NOW.getTime() + 10 * 60_000) }),
    );
    expect(presentation.kind === 'redirect' && Date.parse(presentation.expiresAt)).toBe(
      NOW.getTime() + 31 * 60_000,
    );
  });

  it('refuses a three-decimal amount Stripe cannot charge, before calling Stripe', async () => {
    await expect(
      stripe.createCheckout(request({ currency: 'KWD', amount: minorUnits(10_005) })),
    ).rejects.toThrow(/multiples of 10/);
    expect(emulator.requests).toEqual([]);
  });

  it('fails loudly on a wrong secret key', async () => {
    await expect(provider({ secretKey: 'sk_test_wrong' }).createCheckout(request())).rejects.toThrow(
      /API Key/,
    );
  });
});

describe('stripe: pay → webhook → fetchStatus → decideCredit', () => {
  async function verified(delivery: EmulatedDelivery, by = stripe) {
    const result: WebhookDelivery = await by.verifyWebhook(received(delivery));
    if (!result.ok) throw new Error(`refused: ${result.reason} ${result.detail}`);
    return result.events;
  }

  it('credits the amount once Stripe says the session is paid', async () => {
    const { providerPaymentId } = await stripe.createCheckout(request());
    const before = await stripe.fetchStatus({ providerPaymentId, reference: 'pay_01STRIPE' });
    expect(decideCredit(expectation(providerPaymentId), before)).toEqual({
      action: 'wait',
      status: 'pending',
      underpaid: false,
    });

    const events = await verified(await emulator.pay(providerPaymentId));
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'payment_changed',
        eventType: 'checkout.session.completed',
        providerPaymentId,
        reference: 'pay_01STRIPE',
      }),
    ]);
    const after = await stripe.fetchStatus({ providerPaymentId, reference: 'pay_01STRIPE' });
    expect(after).toMatchObject({
      status: 'paid',
      reference: 'pay_01STRIPE',
      recipient: 'acct_1ResellerA',
      received: { kind: 'fiat', currency: 'USD', amount: 10_000 },
    });
    expect(decideCredit(expectation(providerPaymentId), after)).toEqual({
      action: 'credit',
      overpaid: false,
    });
  });

  it('keeps a saved card and charges it off-session without a redirect; a declining card fails', async () => {
    const { providerPaymentId } = await stripe.createCheckout(request({ saveMethod: true }));
    await emulator.pay(providerPaymentId, { last4: '4242' });
    const paid = (await stripe.fetchStatus({
      providerPaymentId,
      reference: 'pay_01STRIPE',
    })) as StripePaymentSnapshot;
    expect(paid.savedMethod).toEqual({
      token: expect.stringMatching(/^cus_\w+\/pm_\w+$/),
      label: 'Visa •••• 4242',
    });

    const charge = {
      reference: 'pay_02SAVED',
      amount: minorUnits(2_500),
      currency: 'USD' as const,
      methodToken: paid.savedMethod?.token ?? '',
      idempotencyKey: 'idem-saved-1',
    };
    const charged = await stripe.chargeSavedMethod!(charge);
    expect(charged).toMatchObject({ status: 'paid', reference: 'pay_02SAVED', received: { amount: 2_500 } });
    expect(
      decideCredit({ ...expectation(charged.providerPaymentId, 2_500), reference: 'pay_02SAVED' }, charged),
    ).toEqual({
      action: 'credit',
      overpaid: false,
    });
    expect(emulator.requests.at(-1)).toMatchObject({
      path: '/v1/payment_intents',
      idempotencyKey: 'idem-saved-1',
    });
    // The status API agrees later, by the intent's id.
    expect(
      await stripe.fetchStatus({ providerPaymentId: charged.providerPaymentId, reference: 'pay_02SAVED' }),
    ).toMatchObject({
      status: 'paid',
    });

    const other = await stripe.createCheckout(
      request({ saveMethod: true, idempotencyKey: 'idem-stripe-2', reference: 'pay_03' }),
    );
    await emulator.pay(other.providerPaymentId, { last4: '0002' });
    const declining = (await stripe.fetchStatus({
      providerPaymentId: other.providerPaymentId,
      reference: 'pay_03',
    })) as StripePaymentSnapshot;
    const declined = await stripe.chargeSavedMethod!({
      ...charge,
      reference: 'pay_04',
      methodToken: declining.savedMethod?.token ?? '',
      idempotencyKey: 'idem-saved-2',
    });
    expect(declined).toMatchObject({ status: 'failed', received: { amount: 0 } });
    expect(
      decideCredit({ ...expectation(declined.providerPaymentId, 2_500), reference: 'pay_04' }, declined),
    ).toEqual({
      action: 'close',
      status: 'failed',
    });
  });

  it('waits through a declined card (the page stays open), then closes when the session expires', async () => {
    const { providerPaymentId } = await stripe.createCheckout(request());
    const [declinedEvent] = await verified(await emulator.decline(providerPaymentId));
    expect(declinedEvent).toMatchObject({
      eventType: 'payment_intent.payment_failed',
      reference: 'pay_01STRIPE',
    });
    const open = await stripe.fetchStatus({ providerPaymentId, reference: 'pay_01STRIPE' });
    expect(decideCredit(expectation(providerPaymentId), open)).toMatchObject({ action: 'wait' });

    await verified(await emulator.expire(providerPaymentId));
    const expired = await stripe.fetchStatus({ providerPaymentId, reference: 'pay_01STRIPE' });
    expect(decideCredit(expectation(providerPaymentId), expired)).toEqual({
      action: 'close',
      status: 'expired',
    });
  });

  it('waits while a delayed payment settles, then credits it or closes it', async () => {
    const a = await stripe.createCheckout(request());
    const b = await stripe.createCheckout(request({ reference: 'pay_B', idempotencyKey: 'idem-b' }));
    for (const id of [a.providerPaymentId, b.providerPaymentId]) await emulator.payLater(id);
    const processing = await stripe.fetchStatus({
      providerPaymentId: a.providerPaymentId,
      reference: 'pay_01STRIPE',
    });
    expect(decideCredit(expectation(a.providerPaymentId), processing)).toEqual({
      action: 'wait',
      status: 'processing',
      underpaid: false,
    });

    await verified(await emulator.settle(a.providerPaymentId, 'succeeded'));
    await verified(await emulator.settle(b.providerPaymentId, 'failed'));
    const settled = await stripe.fetchStatus({
      providerPaymentId: a.providerPaymentId,
      reference: 'pay_01STRIPE',
    });
    const failed = await stripe.fetchStatus({ providerPaymentId: b.providerPaymentId, reference: 'pay_B' });
    expect(decideCredit(expectation(a.providerPaymentId), settled)).toEqual({
      action: 'credit',
      overpaid: false,
    });
    expect(decideCredit(expectation(b.providerPaymentId, 10_000, 'USD', 'pay_B'), failed)).toEqual({
      action: 'close',
      status: 'failed',
    });
  });

  it('sends another amount, currency, payment or account to review, never to credit', async () => {
    const { providerPaymentId } = await stripe.createCheckout(request());
    await emulator.pay(providerPaymentId);
    const paid = await stripe.fetchStatus({ providerPaymentId, reference: 'pay_01STRIPE' });
    // Our payment asked for more than Stripe collected, or in another currency.
    expectReviewed(paid, {
      amount: expectation(providerPaymentId, 20_000),
      currency: expectation(providerPaymentId, 10_000, 'EUR'),
      // A confirmation of this session offered for another payment of ours.
      reference: expectation(providerPaymentId, 10_000, 'USD', 'pay_OTHER'),
    });
    // Credentials whose key belongs to another Stripe account than the one configured.
    const misconfigured = provider({ accountId: 'acct_1SomeoneElse' });
    const elsewhere = await misconfigured.fetchStatus({ providerPaymentId, reference: 'pay_01STRIPE' });
    expect(
      decideCredit({ ...expectation(providerPaymentId), recipient: 'acct_1SomeoneElse' }, elsewhere),
    ).toEqual({
      action: 'review',
      mismatch: 'recipient',
    });
  });
});

describe('stripe: webhooks delivered over HTTP', () => {
  let receiver: Server;
  afterEach(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it('posts each event to the configured URL, where provider.verifyWebhook accepts the raw bytes', async () => {
    const outcomes: WebhookDelivery[] = [];
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void stripe
          .verifyWebhook({ rawBody: Buffer.concat(chunks), headers: req.headers, receivedAt: clock })
          .then((result) => {
            outcomes.push(result);
            res.writeHead(result.ok ? 200 : 400).end();
          });
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    emulator.setWebhookUrl(
      `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/v1/webhooks/stripe/res_a`,
    );

    const { providerPaymentId } = await stripe.createCheckout(request());
    const delivery = await emulator.pay(providerPaymentId);
    expect(delivery.response?.status).toBe(200);
    expect(outcomes).toEqual([{ ok: true, events: [expect.objectContaining({ providerPaymentId })] }]);
  });
});

describe('stripe: negative suite through provider.verifyWebhook', () => {
  let genuine: EmulatedDelivery[];
  beforeEach(async () => {
    const a = await stripe.createCheckout(request());
    const b = await stripe.createCheckout(request({ reference: 'pay_B', idempotencyKey: 'idem-b' }));
    await emulator.pay(a.providerPaymentId);
    await emulator.decline(b.providerPaymentId);
    await emulator.expire(b.providerPaymentId);
    await emulator.emitOther();
    genuine = emulator.deliveries;
  });

  it('accepts every genuine delivery from the emulator, with Stripe’s event ids', async () => {
    const results = await Promise.all(genuine.map((d) => stripe.verifyWebhook(received(d))));
    const events = results.flatMap((r) => (r.ok ? r.events : []));
    expect(events.map((e) => e.kind)).toEqual([
      'payment_changed',
      'payment_changed',
      'payment_changed',
      'ignored',
    ]);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(4);
    for (const event of events) expect(event.eventId).toMatch(/^evt_\w+$/);
  });

  it('rejects every single-bit flip of a genuine body', async () => {
    const delivery = genuine[0]!;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: delivery.body.length - 1 }), fc.nat({ max: 7 }), async (at, bit) => {
        const flipped = Buffer.from(delivery.body);
        flipped[at] = flipped[at]! ^ (1 << bit);
        const result = await stripe.verifyWebhook(received({ ...delivery, body: flipped }));
        expect(result.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects the same event re-serialised: same data, different bytes', async () => {
    const delivery = genuine[0]!;
    const data = JSON.parse(delivery.body.toString('utf8'));
    await expectRewrittenBodiesRefused(
      stripe,
      delivery,
      [JSON.stringify(data), JSON.stringify(data, null, 4), `${delivery.body.toString('utf8')}\n`],
      clock,
    );
  });

  it('rejects missing, malformed and wrong signatures', async () => {
    const delivery = genuine[0]!;
    const { 'stripe-signature': header, ...unsigned } = delivery.headers;
    expect(await stripe.verifyWebhook(received({ ...delivery, headers: unsigned }))).toMatchObject(
      rejected('missing_signature'),
    );
    expect(
      await stripe.verifyWebhook(
        received({ ...delivery, headers: { ...unsigned, 'stripe-signature': 'v1=abc' } }),
      ),
    ).toMatchObject(rejected('malformed_signature'));
    const zeroed = header!.replace(/v1=[0-9a-f]{64}/, `v1=${'0'.repeat(64)}`);
    expect(
      await stripe.verifyWebhook(
        received({ ...delivery, headers: { ...unsigned, 'stripe-signature': zeroed } }),
      ),
    ).toMatchObject(rejected('bad_signature'));
    // The signature of one delivery on the body of another.
    expect(await stripe.verifyWebhook(received({ ...genuine[1]!, headers: delivery.headers }))).toMatchObject(
      rejected('bad_signature'),
    );
  });

  it('rejects a delivery signed with another endpoint’s secret, and ours at another endpoint', async () => {
    const body = genuine[0]!.body.toString('utf8');
    const foreign = emulator.signDelivery(body, { secret: 'whsec_endpoint_of_reseller_b' });
    expect(await stripe.verifyWebhook(received(foreign))).toMatchObject(rejected('bad_signature'));
    const resellerB = provider({ webhookSecret: 'whsec_endpoint_of_reseller_b' });
    expect(await resellerB.verifyWebhook(received(genuine[0]!))).toMatchObject(rejected('bad_signature'));
    // During a roll the previous secret still verifies.
    const rolled = provider({
      webhookSecret: 'whsec_new_secret',
      previousWebhookSecret: CREDENTIALS.webhookSecret,
    });
    expect((await rolled.verifyWebhook(received(genuine[0]!))).ok).toBe(true);
  });

  it('rejects stale and future timestamps, and a genuine delivery replayed later', async () => {
    const body = genuine[0]!.body.toString('utf8');
    const stale = emulator.signDelivery(body, { timestamp: NOW_S - STRIPE_TOLERANCE_SECONDS - 1 });
    const future = emulator.signDelivery(body, { timestamp: NOW_S + STRIPE_TOLERANCE_SECONDS + 1 });
    expect(await stripe.verifyWebhook(received(stale))).toMatchObject(rejected('stale'));
    expect(await stripe.verifyWebhook(received(future))).toMatchObject(rejected('from_the_future'));
    const anHourLater = new Date(NOW.getTime() + 3600_000);
    expect(await stripe.verifyWebhook(received(genuine[0]!, anHourLater))).toMatchObject(rejected('stale'));
  });
});
