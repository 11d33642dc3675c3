import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import type { StripeEmulator } from '../../support/emulators/stripe.js';
import { sendDelivery } from '../../support/emulators/stripe-paypal-cryptomus-server.js';
import type { GatewayScene, Shop } from '../../support/gateway-flow.js';
import { http } from '../../support/http.js';
import { openStripeShop, type StripeShop } from '../../support/stripe-shop.js';
import { readFeed, settleFeed } from '../../support/tenants.js';
import { toFeedPage } from '../../../src/main/sync/feed-page.js';
import { REREAD_SETTLING_REFUND_MS } from '../../../src/server/payments/refunds.js';
import { PaymentService } from '../../../src/server/payments/service.js';

const SECRET_KEY = 'sk_test_51ResellerConsoleEmulated';
const ACCOUNT = 'acct_1ResellerA';

/** Refunds of Stripe top-ups back to the card, through the Stripe emulator and the real routes. */
describe.each(DIALECTS)('refunds of Stripe top-ups on %s', (dialect) => {
  let s: StripeShop;
  let scene: GatewayScene;
  let stripe: StripeEmulator;
  let shop: Shop;

  beforeEach(async () => {
    s = await openStripeShop(dialect, 'Refund Shop', {
      secretKey: SECRET_KEY,
      accountId: ACCOUNT,
      webhookSecret: 'whsec_shop_a',
    });
    ({ scene, shop, stripe } = s);
  });
  afterEach(() => s.close());

  async function paidTopUp(amount: number) {
    const payment = await scene.topUp(shop, { amount, provider: 'stripe' });
    const sessionId = (payment.checkout.url as string).split('/').pop()!;
    await stripe.pay(sessionId);
    await scene.drain();
    return { id: payment.id as string, sessionId };
  }
  const refund = (paymentId: string, body: Record<string, unknown>, idempotencyKey = key('refund')) =>
    http(scene.baseUrl, 'POST', `/v1/payments/${paymentId}/refunds`, {
      token: shop.admin,
      key: idempotencyKey,
      body,
    });
  const refundRows = async () =>
    (
      await http(scene.baseUrl, 'GET', `/v1/wallets/${shop.walletId}/transactions?type=refund`, {
        token: shop.admin,
      })
    ).body.items as any[];

  it('a partial then the rest: Stripe refunds each, the wallet is debited once each, the payment ends refunded', async () => {
    const p = await paidTopUp(10_000);
    const first = await refund(p.id, { amount: 2_500, reason: 'Customer asked' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({
      paymentId: p.id,
      provider: 'stripe',
      method: 'provider',
      amount: 2_500,
      status: 'succeeded',
      providerRefundId: expect.stringMatching(/^re_/),
    });
    expect(await scene.balance(shop)).toBe(7_500);
    expect(await scene.payment(shop, p.id)).toMatchObject({
      status: 'paid',
      refundedAmount: 2_500,
      refundStatus: 'partially_refunded',
    });
    const rest = await refund(p.id, { reason: 'The rest' });
    expect(rest.status).toBe(201);
    expect(rest.body).toMatchObject({ amount: 7_500, status: 'succeeded' });
    expect(await scene.balance(shop)).toBe(0);
    expect(await scene.payment(shop, p.id)).toMatchObject({
      refundedAmount: 10_000,
      refundStatus: 'refunded',
    });
    expect([...stripe.refunds.values()].map((r) => r['amount'])).toEqual([2_500, 7_500]);
    expect(await refundRows()).toMatchObject([
      { type: 'refund', amount: -7_500, relatedId: p.id },
      { type: 'refund', amount: -2_500, relatedId: p.id },
    ]);
    // Nothing left: refused on the amount, nothing written.
    const over = await refund(p.id, { amount: 1, reason: 'Again' });
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({ code: 'refund_exceeds_payment', field: 'amount' });
    const listed = await http(scene.baseUrl, 'GET', `/v1/payments/${p.id}/refunds`, { token: shop.admin });
    expect(listed.body.items).toHaveLength(2);
  });

  it('never below what is available: 422 insufficient_funds on amount, nothing written, Stripe never asked', async () => {
    const p = await paidTopUp(5_000);
    await http(scene.baseUrl, 'POST', `/v1/wallets/${shop.walletId}/debits`, {
      token: shop.admin,
      key: key(),
      body: { amount: 4_000, description: 'Order' },
    });
    const refused = await refund(p.id, { amount: 2_000, reason: 'Too much' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'insufficient_funds', field: 'amount' });
    expect(await scene.balance(shop)).toBe(1_000);
    expect(stripe.refunds.size).toBe(0);
    expect((await scene.payment(shop, p.id)).refundedAmount).toBe(0);
  });

  it('Stripe refuses: the wallet is credited back by a compensating row and the refund is failed; a replay answers the same', async () => {
    const p = await paidTopUp(3_000);
    stripe.refuseRefunds();
    const idempotencyKey = key('refund');
    const refused = await refund(p.id, { amount: 1_000, reason: 'Refused' }, idempotencyKey);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'refund_refused',
      // Why as data, for the console to word in its language.
      reason: { key: 'refund_refused', values: { provider: 'stripe', code: 'disputed' } },
    });
    expect(await scene.balance(shop)).toBe(3_000);
    const listed = await http(scene.baseUrl, 'GET', `/v1/payments/${p.id}/refunds`, { token: shop.admin });
    expect(listed.body.items).toMatchObject([
      {
        status: 'failed',
        amount: 1_000,
        compensationId: expect.any(String),
        failureReason: expect.any(String),
        // Why, as a code beside Stripe's English, for the console to word in its language.
        failureCode: 'disputed',
      },
    ]);
    expect((await scene.payment(shop, p.id)).refundedAmount).toBe(0);
    const again = await refund(p.id, { amount: 1_000, reason: 'Refused' }, idempotencyKey);
    expect(again.status).toBe(422);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await scene.balance(shop)).toBe(3_000);
    stripe.acceptRefunds();
    const ok = await refund(p.id, { amount: 1_000, reason: 'Accepted now' });
    expect(ok.status).toBe(201);
    expect(await scene.balance(shop)).toBe(2_000);
  });

  it("Stripe's refund errors are refused with the code a console words, as PayPal's are", async () => {
    const p = await paidTopUp(3_000);
    const errors: Array<[code: string, failureCode: string]> = [
      ['charge_disputed', 'disputed'],
      ['refund_disputed_payment', 'disputed'],
      ['charge_already_refunded', 'no_charge'],
      ['amount_too_large', 'more_than_left'],
      ['balance_insufficient', 'provider_balance_low'],
      ['a_refusal_from_the_future', 'refused'],
    ];
    for (const [code, failureCode] of errors) {
      stripe.refuseRefunds(code);
      const refused = await refund(p.id, { amount: 500, reason: code });
      expect(refused.status, code).toBe(422);
      expect(refused.body.error, code).toMatchObject({
        code: 'refund_refused',
        reason: { key: 'refund_refused', values: { provider: 'stripe', code: failureCode } },
      });
    }
    const listed = await http(scene.baseUrl, 'GET', `/v1/payments/${p.id}/refunds`, { token: shop.admin });
    // Each keeps Stripe's English (its code named) beside the code.
    expect(
      listed.body.items.map((r: any) => [r.status, r.failureReason.split(': ')[1], r.failureCode]).sort(),
    ).toEqual(errors.map(([code, failureCode]) => ['failed', code, failureCode]).sort());
    expect(await scene.balance(shop)).toBe(3_000);
  });

  it('a refund Stripe creates already failed is refused with the code of its failure_reason', async () => {
    const p = await paidTopUp(3_000);
    const reasons: Array<[failureReason: string, failureCode: string]> = [
      ['insufficient_funds', 'provider_balance_low'],
      ['charge_for_pending_refund_disputed', 'disputed'],
      ['expired_or_canceled_card', 'refused'],
      ['unknown', 'refused'],
    ];
    for (const [failureReason, failureCode] of reasons) {
      stripe.failRefunds(failureReason);
      const refused = await refund(p.id, { amount: 500, reason: failureReason });
      expect(refused.status, failureReason).toBe(422);
      expect(refused.body.error.reason, failureReason).toMatchObject({
        values: { provider: 'stripe', code: failureCode },
      });
    }
    expect(await scene.balance(shop)).toBe(3_000);
    expect((await scene.payment(shop, p.id)).refundedAmount).toBe(0);
  });

  it('a refund Stripe accepted fails later at the card: the wallet gets it back once, the refund reads failed', async () => {
    const p = await paidTopUp(5_000);
    const made = await refund(p.id, { amount: 2_000, reason: 'Card closed since' });
    expect(made.body).toMatchObject({ status: 'succeeded', providerRefundId: expect.stringMatching(/^re_/) });
    expect(await scene.balance(shop)).toBe(3_000);

    const sent = await stripe.failRefundLater(made.body.providerRefundId, 'expired_or_canceled_card');
    expect(sent.map((d) => d.response?.status)).toEqual([200, 200]);
    await scene.drain();

    expect(await scene.balance(shop)).toBe(5_000);
    const listed = await http(scene.baseUrl, 'GET', `/v1/payments/${p.id}/refunds`, { token: shop.admin });
    expect(listed.body.items).toMatchObject([
      {
        id: made.body.id,
        status: 'failed',
        failureCode: 'refused',
        failureReason: expect.stringContaining('expired_or_canceled_card'),
        compensationId: expect.any(String),
      },
    ]);
    expect(await scene.payment(shop, p.id)).toMatchObject({ refundedAmount: 0 });
    const compensations = async () =>
      (
        await http(scene.baseUrl, 'GET', `/v1/wallets/${shop.walletId}/transactions?type=adjustment`, {
          token: shop.admin,
        })
      ).body.items as any[];
    expect(await compensations()).toMatchObject([
      { id: listed.body.items[0].compensationId, type: 'adjustment', amount: 2_000, reference: made.body.id },
    ]);

    // Stripe delivers the same events again, both at once, while the job runs twice side by side.
    await Promise.all(sent.flatMap((d) => [sendDelivery({ ...d }), sendDelivery({ ...d })]));
    await Promise.all([scene.drain(), scene.drain()]);
    expect(await scene.balance(shop)).toBe(5_000);
    expect(await compensations()).toHaveLength(1);
    expect((await scene.payment(shop, p.id)).refundedAmount).toBe(0);
  });

  it('a replay of a refund answers the first one and refunds nothing more', async () => {
    const p = await paidTopUp(4_000);
    const idempotencyKey = key('refund');
    const first = await refund(p.id, { amount: 1_500, reason: 'Once' }, idempotencyKey);
    const second = await refund(p.id, { amount: 1_500, reason: 'Once' }, idempotencyKey);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await scene.balance(shop)).toBe(2_500);
    expect(stripe.refunds.size).toBe(1);
  });

  it('concurrent refunds never refund more than was paid nor overdraw', async () => {
    const p = await paidTopUp(10_000);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => refund(p.id, { amount: 3_000, reason: 'Race' })),
    );
    const ok = answers.filter((a) => a.status === 201);
    expect(ok).toHaveLength(3);
    expect(answers.filter((a) => a.status === 422).every((a) => a.body.error.field === 'amount')).toBe(true);
    expect(await scene.balance(shop)).toBe(1_000);
    expect((await scene.payment(shop, p.id)).refundedAmount).toBe(9_000);
  });

  it('Stripe unreachable: the refund stays pending with the wallet debited; the events job asks again, once', async () => {
    const p = await paidTopUp(6_000);
    stripe.refundsUp(false);
    const pending = await refund(p.id, { amount: 2_000, reason: 'Later' });
    expect(pending.status).toBe(201);
    expect(pending.body).toMatchObject({ status: 'pending', providerRefundId: null });
    expect(await scene.balance(shop)).toBe(4_000);
    expect(stripe.refunds.size).toBe(0);
    stripe.refundsUp(true);
    await scene.runJob('gateway-events');
    const listed = await http(scene.baseUrl, 'GET', `/v1/payments/${p.id}/refunds`, { token: shop.admin });
    expect(listed.body.items).toMatchObject([{ id: pending.body.id, status: 'succeeded' }]);
    await scene.runJob('gateway-events');
    expect(stripe.refunds.size).toBe(1);
    expect(await scene.balance(shop)).toBe(4_000);
  });

  it('asked again while Stripe still makes it (409 idempotency_key_in_use): no answer yet, so nothing credited back', async () => {
    const p = await paidTopUp(6_000);
    // Stripe is slow on the refund the route asked for; the events job asks for the same pending
    // refund under the same key meanwhile, and Stripe refuses that second request while the first runs.
    const held = stripe.holdCharges('/v1/refunds');
    const first = refund(p.id, { amount: 2_000, reason: 'Slow' });
    await held.reached;
    await scene.api.app.paymentJobs.runOnce('gateway-events');
    held.answer();
    expect((await first).body).toMatchObject({ status: 'succeeded', providerRefundId: expect.any(String) });
    await scene.drain();
    expect(stripe.refunds.size).toBe(1);
    expect(await scene.balance(shop)).toBe(4_000);
    const listed = await http(scene.baseUrl, 'GET', `/v1/payments/${p.id}/refunds`, { token: shop.admin });
    expect(listed.body.items).toMatchObject([{ status: 'succeeded', compensationId: null }]);
  });

  const refundsOf = async (paymentId: string) =>
    (await http(scene.baseUrl, 'GET', `/v1/payments/${paymentId}/refunds`, { token: shop.admin })).body
      .items as any[];

  it('Stripe answers pending: the refund reads pending, with its Stripe id, until Stripe says it succeeded', async () => {
    const p = await paidTopUp(5_000);
    stripe.pendRefunds();
    const made = await refund(p.id, { amount: 2_000, reason: 'Bank confirms later' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ status: 'pending', providerRefundId: expect.stringMatching(/^re_/) });
    expect(await scene.balance(shop)).toBe(3_000);
    // The events job runs meanwhile: the refund is still pending at Stripe, and stays so here.
    await scene.drain();
    expect(await refundsOf(p.id)).toMatchObject([
      { id: made.body.id, status: 'pending', compensationId: null },
    ]);

    const sent = await stripe.settleRefundLater(made.body.providerRefundId);
    expect(sent.map((d) => d.response?.status)).toEqual([200, 200]);
    await scene.drain();
    expect(await refundsOf(p.id)).toMatchObject([
      {
        id: made.body.id,
        status: 'succeeded',
        providerRefundId: made.body.providerRefundId,
        compensationId: null,
      },
    ]);
    expect(await scene.balance(shop)).toBe(3_000);
    expect(stripe.refunds.size).toBe(1);
    expect(await scene.payment(shop, p.id)).toMatchObject({ refundedAmount: 2_000 });
  });

  it("the console's feed carries the refund pending with Stripe's id, then succeeded, in the shape the console reads", async () => {
    const p = await paidTopUp(5_000);
    stripe.pendRefunds();
    const made = await refund(p.id, { amount: 2_000, reason: 'Bank confirms later' });
    await stripe.settleRefundLater(made.body.providerRefundId);
    await scene.drain();
    await settleFeed(scene.api.db.store);
    const changes = await readFeed(scene.api.app, shop.admin);
    // As the console's sync reads a page: every entry checked against its entity's schema.
    const page = toFeedPage({ changes, nextCursor: 0, hasMore: false });
    const states = page.entities
      .filter((c) => c.entity === 'refund' && c.id === made.body.id)
      .map((c) => c.entity === 'refund' && [c.data.status, c.data.providerRefundId]);
    expect(states).toEqual([
      ['pending', null],
      ['pending', made.body.providerRefundId],
      ['succeeded', made.body.providerRefundId],
    ]);
  });

  it('a pending refund that fails at the card: credited back once, the refund reads failed', async () => {
    const p = await paidTopUp(5_000);
    stripe.pendRefunds();
    const made = await refund(p.id, { amount: 2_000, reason: 'Card closed since' });
    expect(made.body).toMatchObject({ status: 'pending' });
    await stripe.failRefundLater(made.body.providerRefundId, 'expired_or_canceled_card');
    await scene.drain();
    expect(await refundsOf(p.id)).toMatchObject([
      { id: made.body.id, status: 'failed', failureCode: 'refused', compensationId: expect.any(String) },
    ]);
    expect(await scene.balance(shop)).toBe(5_000);
    expect(await scene.payment(shop, p.id)).toMatchObject({ refundedAmount: 0 });
  });

  it("Stripe's events lost: the job re-reads the pending refund (never asks for a new one) and settles it", async () => {
    const p = await paidTopUp(5_000);
    stripe.pendRefunds();
    const made = await refund(p.id, { amount: 2_000, reason: 'Events lost' });
    expect(made.body).toMatchObject({ status: 'pending' });
    await stripe.settleRefundLater(made.body.providerRefundId, { silently: true });
    // A day later (Stripe's idempotency key for it long expired), the events job re-reads it.
    scene.clock.advance(25 * 3_600_000);
    await scene.drain();
    expect(await refundsOf(p.id)).toMatchObject([
      { id: made.body.id, status: 'succeeded', compensationId: null },
    ]);
    expect(stripe.refunds.size).toBe(1);
    expect(stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/refunds')).toHaveLength(1);
    expect(await scene.balance(shop)).toBe(3_000);
  });

  it('a refund Stripe made whose answer was lost is found at Stripe a day later, not made a second time', async () => {
    const p = await paidTopUp(5_000);
    stripe.loseRefundAnswers(true);
    const made = await refund(p.id, { amount: 2_000, reason: 'Answer lost' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ status: 'pending', providerRefundId: null });
    expect(stripe.refunds.size).toBe(1);
    stripe.loseRefundAnswers(false);
    // A day later Stripe no longer knows the refund's idempotency key.
    scene.clock.advance(25 * 3_600_000);
    stripe.forgetIdempotencyKeys();
    await scene.drain();
    expect(stripe.refunds.size).toBe(1);
    const atStripe = [...stripe.refunds.keys()][0];
    expect(await refundsOf(p.id)).toMatchObject([
      { id: made.body.id, status: 'succeeded', providerRefundId: atStripe, compensationId: null },
    ]);
    expect(await scene.balance(shop)).toBe(3_000);
  });

  it("a lost refund's lookup reads every page of the charge's refunds, so ours behind a hundred newer is found, not made again", async () => {
    const p = await paidTopUp(5_000);
    stripe.loseRefundAnswers(true);
    const made = await refund(p.id, { amount: 2_000, reason: 'Answer lost' });
    expect(made.body).toMatchObject({ status: 'pending', providerRefundId: null });
    stripe.loseRefundAnswers(false);
    const ours = [...stripe.refunds.keys()][0];
    // A hundred refunds made at Stripe since, each newer than ours: Stripe lists newest first.
    for (let i = 0; i < 100; i++) stripe.refundAtStripe(p.sessionId, 1);
    scene.clock.advance(25 * 3_600_000);
    stripe.forgetIdempotencyKeys();
    await scene.drain();
    expect(stripe.refunds.size).toBe(101);
    expect(await refundsOf(p.id)).toMatchObject([
      { id: made.body.id, status: 'succeeded', providerRefundId: ours, compensationId: null },
    ]);
    expect(await scene.balance(shop)).toBe(3_000);
  });

  it("money taken back is counted over every page of the charge's refunds: 105 made at Stripe are all taken back", async () => {
    const p = await paidTopUp(5_000);
    for (let i = 0; i < 105; i++) stripe.refundAtStripe(p.sessionId, 10);
    // A dispute's event has the payment's totals read again from Stripe (invariant 7).
    await stripe.dispute(p.sessionId, 100);
    await scene.drain();
    expect(await scene.payment(shop, p.id)).toMatchObject({ reversedAmount: 1_150 });
    expect(await scene.balance(shop)).toBe(3_850);
  });

  it('a refund still pending at the bank is re-read at most once a quarter of an hour, not on every run of the job', async () => {
    const p = await paidTopUp(5_000);
    stripe.pendRefunds();
    const made = await refund(p.id, { amount: 2_000, reason: 'Slow bank' });
    const rereads = () =>
      stripe.requests.filter(
        (r) => r.method === 'GET' && r.path === `/v1/refunds/${made.body.providerRefundId}`,
      ).length;
    await scene.drain();
    expect(rereads()).toBe(0);
    scene.clock.advance(REREAD_SETTLING_REFUND_MS);
    await scene.drain();
    await scene.drain();
    expect(rereads()).toBe(1);
    expect(await refundsOf(p.id)).toMatchObject([{ status: 'pending' }]);
    scene.clock.advance(REREAD_SETTLING_REFUND_MS);
    await stripe.settleRefundLater(made.body.providerRefundId, { silently: true });
    await scene.drain();
    expect(rereads()).toBe(2);
    expect(await refundsOf(p.id)).toMatchObject([{ status: 'succeeded' }]);
  });

  it('API processes share that quarter hour: a refund one process re-read is not re-read by another', async () => {
    const p = await paidTopUp(5_000);
    stripe.pendRefunds();
    const made = await refund(p.id, { amount: 2_000, reason: 'Slow bank' });
    const rereads = () =>
      stripe.requests.filter(
        (r) => r.method === 'GET' && r.path === `/v1/refunds/${made.body.providerRefundId}`,
      ).length;
    // Another API process on the same database (its own memory, as after a restart).
    const other = new PaymentService(scene.api.app.payments.o);
    scene.clock.advance(REREAD_SETTLING_REFUND_MS);
    await scene.drain();
    expect(rereads()).toBe(1);
    await other.runEventsTick();
    expect(rereads()).toBe(1);
    scene.clock.advance(REREAD_SETTLING_REFUND_MS);
    await other.runEventsTick();
    await scene.drain();
    expect(rereads()).toBe(2);
    expect(await refundsOf(p.id)).toMatchObject([{ status: 'pending' }]);
  });

  const closeToCard = () =>
    http(scene.baseUrl, 'POST', `/v1/wallets/${shop.walletId}/close`, {
      token: shop.admin,
      key: key('close'),
      body: { refund: { to: 'original', reason: 'Leaving' } },
    });

  it('a wallet closed while its refund is pending at Stripe closes, the refund reading pending until Stripe settles it', async () => {
    const p = await paidTopUp(5_000);
    stripe.pendRefunds();
    const closed = await closeToCard();
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      balance: 0,
      refunds: [{ paymentId: p.id, amount: 5_000, status: 'pending', providerRefundId: expect.any(String) }],
    });
    await stripe.settleRefundLater(closed.body.refunds[0].providerRefundId);
    await scene.drain();
    expect(await refundsOf(p.id)).toMatchObject([{ status: 'succeeded', compensationId: null }]);
    expect(await scene.reviews(shop)).toEqual([]);
  });

  it('a refund failing at the card after its wallet was closed opens a review holding its money, once, and is not retried', async () => {
    const p = await paidTopUp(5_000);
    const closed = await closeToCard();
    expect(closed.body).toMatchObject({ status: 'closed', balance: 0, refunds: [{ paymentId: p.id }] });
    const made = closed.body.refunds[0];

    const sent = await stripe.failRefundLater(made.providerRefundId, 'expired_or_canceled_card');
    await scene.drain();
    expect(await refundsOf(p.id)).toMatchObject([
      { id: made.id, status: 'failed', failureCode: 'refused', compensationId: null },
    ]);
    expect(await scene.reviews(shop)).toMatchObject([
      {
        paymentId: p.id,
        provider: 'stripe',
        reason: 'unmatched',
        status: 'open',
        amount: 5_000,
        currency: 'USD',
      },
    ]);
    expect(await scene.payment(shop, p.id)).toMatchObject({ refundedAmount: 0 });
    // Every event about it is done with, none left to retry; Stripe sending them again, and more
    // runs of the job, open no second review.
    const events = async () =>
      (await scene.storedEvents('stripe')).filter((e: any) => e.event.includes('refund_changed')) as any[];
    expect(await events()).toHaveLength(2);
    expect(
      (await events()).every((e) => e.processed_at !== null && !String(e.outcome).startsWith('error')),
    ).toBe(true);
    await Promise.all(sent.map((d) => sendDelivery({ ...d })));
    await scene.drain();
    await scene.drain();
    expect(await scene.reviews(shop)).toHaveLength(1);
    const wallet = await http(scene.baseUrl, 'GET', `/v1/wallets/${shop.walletId}`, { token: shop.admin });
    expect(wallet.body).toMatchObject({ status: 'closed', balance: 0 });
  });

  it('a refund asked again under its key after it failed into a review (its wallet closed) says its money waits there', async () => {
    const p = await paidTopUp(5_000);
    stripe.pendRefunds();
    const refundKey = key('refund');
    const made = await refund(p.id, { amount: 5_000, reason: 'All of it' }, refundKey);
    expect(made.body).toMatchObject({ status: 'pending', providerRefundId: expect.any(String) });
    expect((await closeToCard()).body).toMatchObject({ status: 'closed', balance: 0 });
    await stripe.failRefundLater(made.body.providerRefundId, 'expired_or_canceled_card');
    await scene.drain();
    expect(await scene.reviews(shop)).toMatchObject([{ paymentId: p.id, amount: 5_000 }]);

    const again = await refund(p.id, { amount: 5_000, reason: 'All of it' }, refundKey);
    expect(again.status).toBe(422);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    // The same code older consoles know; a reason of its own, which they cannot word, so they show
    // the English, which says where the money is.
    expect(again.body.error).toMatchObject({
      code: 'refund_refused',
      reason: {
        key: 'refund_refused_review',
        values: { refund: made.body.id, provider: 'stripe', code: 'refused' },
      },
    });
    expect(again.body.error.message).toMatch(/wallet .* was closed.*payment review/);
    expect(again.body.error.message).not.toMatch(/the wallet was credited back/);
  });
});
