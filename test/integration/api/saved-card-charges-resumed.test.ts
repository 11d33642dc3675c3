import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PAYMENT_JOBS } from '../../../src/server/jobs/payment-jobs.js';
import { LEASE_MS } from '../../../src/server/payments/leases.js';
import { DEFAULT_EXPIRY_MS } from '../../../src/server/services/payments/create-top-up.js';
import { key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import type { StripeEmulator } from '../../support/emulators/stripe.js';
import { GatewayScene, must, openShop, type Shop } from '../../support/gateway-flow.js';
import { http } from '../../support/http.js';
import { pressSandboxButton } from '../../support/payments.js';
import { readFeed, settleFeed } from '../../support/tenants.js';
import {
  openStripeShop,
  saveStripeCard,
  stopWithChargeOut,
  type StripeShop,
} from '../../support/stripe-shop.js';

/**
 * Saved-card charges other than an invoice's whose API process stops while the charge is out at
 * Stripe (the loopback emulator): a top-up with a saved card (Top up), a renewal's top-up of its
 * shortfall, an auto top-up. Each stays `new` with its card and nothing from Stripe. The first two
 * are taken up by the payment jobs under their own idempotency key, as an invoice's are: a charge
 * Stripe made is credited on its answer, once, never made twice; one that never reached Stripe is
 * made now. An auto top-up's is its own job's, asked once. One still unanswered when its payment
 * expires is not expired without asking: Stripe is asked whether it made it (credited once if so),
 * and a charge it never made is not made late. Amounts are minor units of USD.
 */
describe.each(DIALECTS)('a saved-card charge whose answer was lost, on %s', (dialect) => {
  let s: StripeShop;
  let scene: GatewayScene;
  let shop: Shop;
  let stripe: StripeEmulator;

  beforeEach(async () => {
    s = await openStripeShop(dialect, 'Lost Card Charge', {
      secretKey: 'sk_test_51LostCardCharge',
      accountId: 'acct_1LostCardCharge',
      webhookSecret: 'whsec_lost_card',
    });
    ({ scene, shop, stripe } = s);
  });
  afterEach(() => s.close());

  const intents = () =>
    stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents');
  const as = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) =>
    must(http(scene.baseUrl, method, url, { token: shop.admin, key: key(), ...(body ? { body } : {}) }));
  /** Every payment job, once, as the API's scheduler runs them. */
  const paymentJobs = async () => {
    for (const job of Object.values(PAYMENT_JOBS)) await scene.api.app.paymentJobs.runOnce(job);
    await scene.api.app.payments.settled();
  };
  const credited = async (paymentId: string) =>
    (await scene.topUpRows(shop)).filter((r) => r.reference === paymentId).map((r) => r.amount);
  /** The shop's one payment charging a saved card, still `new`, as the stopped process left it. */
  async function chargeLeftNew(): Promise<string> {
    const listed = await as('GET', `/v1/payments?walletId=${shop.walletId}`);
    const charges = listed.items.filter((p: any) => p.savedMethodId !== null);
    expect(charges).toEqual([expect.objectContaining({ status: 'new', checkout: null })]);
    return charges[0].id as string;
  }

  it('Top up with a saved card: a charge Stripe made is credited on its answer, once', async () => {
    const card = await saveStripeCard(s, { last4: '4242' });
    const dead = stopWithChargeOut(s, true);
    const topUp = http(scene.baseUrl, 'POST', `/v1/wallets/${shop.walletId}/top-ups`, {
      token: shop.admin,
      key: key('topup'),
      body: { amount: 3_000, provider: 'stripe', payerId: card.payerId, savedMethodId: card.savedMethodId },
    });
    topUp.catch(() => undefined);
    await dead.out;
    expect(intents()).toHaveLength(1);
    const chargeId = await chargeLeftNew();

    // Within the time a live request may still be waiting for Stripe, the jobs leave it alone.
    await paymentJobs();
    expect(intents()).toHaveLength(1);
    expect(await scene.payment(shop, chargeId)).toMatchObject({ status: 'new' });

    scene.clock.advance(LEASE_MS + 1_000);
    await paymentJobs();
    // Asked again under the charge's own key: Stripe answers with the charge it made.
    expect(intents()).toHaveLength(2);
    expect(new Set(intents().map((r) => r.idempotencyKey)).size).toBe(1);
    expect(await scene.payment(shop, chargeId)).toMatchObject({ status: 'paid', amount: 3_000 });
    expect(await credited(chargeId)).toEqual([3_000]);
    expect(await scene.balance(shop)).toBe(2_000 + 3_000);

    // Another run, and the stopped request's own late answer, change nothing.
    await paymentJobs();
    dead.revive();
    expect((await topUp).body).toMatchObject({ id: chargeId, status: 'paid' });
    await scene.drain();
    expect(intents()).toHaveLength(3);
    expect(await credited(chargeId)).toEqual([3_000]);
    expect(await scene.balance(shop)).toBe(5_000);
    expect(await scene.reviews(shop)).toEqual([]);
  });

  it('Top up replayed while the jobs ask Stripe about its charge: the key in use leaves the payment to their answer', async () => {
    const card = await saveStripeCard(s, { last4: '4242' });
    const dead = stopWithChargeOut(s, false);
    const topUpKey = key('topup');
    const topUp = () =>
      http(scene.baseUrl, 'POST', `/v1/wallets/${shop.walletId}/top-ups`, {
        token: shop.admin,
        key: topUpKey,
        body: { amount: 3_000, provider: 'stripe', payerId: card.payerId, savedMethodId: card.savedMethodId },
      });
    const first = topUp();
    first.catch(() => undefined);
    await dead.out;
    const chargeId = await chargeLeftNew();

    // The jobs take the charge up; Stripe is still making it when the client replays its Top up.
    scene.clock.advance(LEASE_MS + 1_000);
    const held = stripe.holdCharges();
    const jobs = paymentJobs();
    await held.reached;
    const replay = await topUp();
    // Stripe refused the replay's charge: its key was in use by the jobs' (409 idempotency_key_in_use).
    expect(intents().length).toBeGreaterThan(1);
    expect(new Set(intents().map((r) => r.idempotencyKey)).size).toBe(1);
    expect(replay).toMatchObject({ status: 201, body: { id: chargeId, status: 'new' } });
    expect(await scene.payment(shop, chargeId)).toMatchObject({ status: 'new' });

    held.answer();
    await jobs;
    expect(await scene.payment(shop, chargeId)).toMatchObject({ status: 'paid', amount: 3_000 });
    expect(await credited(chargeId)).toEqual([3_000]);
    expect(await scene.balance(shop)).toBe(5_000);
    expect(await scene.reviews(shop)).toEqual([]);

    dead.revive();
    await first;
    expect(await credited(chargeId)).toEqual([3_000]);
  });

  /** Top up 3 000 with the saved card; the process stops with the charge out (see stopWithChargeOut). */
  async function topUpWithCardLost(reachesStripe: boolean) {
    const card = await saveStripeCard(s, { last4: '4242' });
    const dead = stopWithChargeOut(s, reachesStripe);
    const topUp = http(scene.baseUrl, 'POST', `/v1/wallets/${shop.walletId}/top-ups`, {
      token: shop.admin,
      key: key('topup'),
      body: { amount: 3_000, provider: 'stripe', payerId: card.payerId, savedMethodId: card.savedMethodId },
    });
    topUp.catch(() => undefined);
    await dead.out;
    return { dead, topUp, chargeId: await chargeLeftNew() };
  }
  const lookups = () => stripe.requests.filter((r) => r.method === 'GET' && r.path === '/v1/payment_intents');

  it('a charge Stripe made, still unanswered when its payment expires, is credited once, not expired', async () => {
    const { dead, topUp, chargeId } = await topUpWithCardLost(true);
    expect(intents()).toHaveLength(1);

    // No process took it up before its expiry (all were stopped); the first jobs to run are late.
    scene.clock.advance(DEFAULT_EXPIRY_MS + 1_000);
    await paymentJobs();
    // Stripe was asked whether it made the charge, and not asked to make another.
    expect(lookups().length).toBeGreaterThan(0);
    expect(intents()).toHaveLength(1);
    expect(await scene.payment(shop, chargeId)).toMatchObject({ status: 'paid', amount: 3_000 });
    expect(await credited(chargeId)).toEqual([3_000]);
    expect(await scene.balance(shop)).toBe(5_000);

    await paymentJobs();
    dead.revive();
    await topUp;
    await scene.drain();
    expect(await credited(chargeId)).toEqual([3_000]);
    expect(await scene.balance(shop)).toBe(5_000);
    expect(await scene.reviews(shop)).toEqual([]);
  });

  it('a charge that never reached Stripe, unanswered when its payment expires, is not made late: it expires', async () => {
    const { dead, topUp, chargeId } = await topUpWithCardLost(false);
    scene.clock.advance(DEFAULT_EXPIRY_MS + 1_000);
    await paymentJobs();
    expect(lookups().length).toBeGreaterThan(0);
    expect(intents()).toHaveLength(0);
    expect(await scene.payment(shop, chargeId)).toMatchObject({ status: 'expired' });
    await scene.expectNothingCredited(shop, chargeId, 2_000);

    await paymentJobs();
    expect(intents()).toHaveLength(0);
    dead.revive();
    await topUp;
  });

  it("a renewal's top-up by the default card that never reached Stripe is made once, and the renewal then pays", async () => {
    const card = await saveStripeCard(s, { last4: '4242' });
    await as('POST', `/v1/payment-methods/${card.savedMethodId}/default`);
    // 1 500 a month: the order takes 1 500 of the 2 000 now, leaving the renewal 1 000 short.
    const product = await as('POST', '/v1/products', {
      name: 'Plan',
      prices: { USD: 1_500 },
      period: 'month',
    });
    const placed = await as('POST', `/v1/customers/${shop.customerId}/orders`, {
      productId: product.id,
      quantity: 1,
      currency: 'USD',
    });
    await as('POST', `/v1/orders/${placed.order.id}/fulfilment`, { provisioned: 1 });
    const sub = await as('GET', `/v1/subscriptions/${placed.order.subscriptionId}`);
    expect(await scene.balance(shop)).toBe(500);

    const dead = stopWithChargeOut(s, false);
    scene.clock.advance(Date.parse(sub.currentPeriodEnd) - scene.clock.now().getTime());
    const renewing = scene.api.app.renewals.run();
    renewing.catch(() => undefined);
    await dead.out;
    expect(intents()).toHaveLength(0);
    const chargeId = await chargeLeftNew();
    expect(await as('GET', `/v1/subscriptions/${sub.id}`)).toMatchObject({
      status: 'active',
      pendingPaymentId: chargeId,
    });

    // Another process's renewal run, once the stopped one's lease ran out, and the payment jobs.
    scene.clock.advance(LEASE_MS + 1_000);
    await paymentJobs();
    expect(intents()).toHaveLength(1);
    expect(await scene.payment(shop, chargeId)).toMatchObject({ status: 'paid', amount: 1_000 });
    expect(await credited(chargeId)).toEqual([1_000]);
    await scene.api.app.renewals.run();
    const renewed = await as('GET', `/v1/subscriptions/${sub.id}`);
    expect(renewed).toMatchObject({
      status: 'active',
      currentPeriodStart: sub.currentPeriodEnd,
      pendingPaymentId: null,
    });
    expect(renewed.attempts.map((a: any) => a.outcome).sort()).toEqual(['paid', 'top_up_started']);
    expect(await scene.balance(shop)).toBe(0);

    // The stopped run's own late answer is the same charge: nothing more is charged or credited.
    dead.revive();
    await renewing;
    await paymentJobs();
    expect(intents()).toHaveLength(2);
    expect(new Set(intents().map((r) => r.idempotencyKey)).size).toBe(1);
    expect(await credited(chargeId)).toEqual([1_000]);
    expect(await scene.balance(shop)).toBe(0);
    expect((await as('GET', `/v1/subscriptions/${sub.id}`)).currentPeriodStart).toBe(sub.currentPeriodEnd);
  });

  it("an auto top-up's lost charge is left to the auto top-up job, which asks once and credits once", async () => {
    const card = await saveStripeCard(s, { last4: '4242' });
    await must(
      http(scene.baseUrl, 'PUT', `/v1/wallets/${shop.walletId}/auto-top-up`, {
        token: shop.admin,
        body: { enabled: true, threshold: 1_500, amount: 5_000, paymentMethodId: card.savedMethodId },
      }),
    );
    await as('POST', `/v1/wallets/${shop.walletId}/debits`, { amount: 1_000, description: 'usage' });
    const dead = stopWithChargeOut(s, true);
    const charging = scene.api.app.autoTopUps.run();
    charging.catch(() => undefined);
    await dead.out;
    const chargeId = await chargeLeftNew();

    scene.clock.advance(LEASE_MS + 1_000);
    await paymentJobs();
    // Not the payment jobs' to ask: the auto top-up job owns its charge and what its answer does.
    expect(intents()).toHaveLength(1);
    expect(await scene.payment(shop, chargeId)).toMatchObject({ status: 'new' });

    await scene.api.app.autoTopUps.run();
    expect(intents()).toHaveLength(2);
    expect(await scene.payment(shop, chargeId)).toMatchObject({ status: 'paid', amount: 5_000 });
    expect(await credited(chargeId)).toEqual([5_000]);
    expect(await as('GET', `/v1/wallets/${shop.walletId}/auto-top-up`)).toMatchObject({
      state: 'idle',
      paymentId: null,
    });

    dead.revive();
    await charging;
    await paymentJobs();
    expect(await credited(chargeId)).toEqual([5_000]);
    expect(await scene.balance(shop)).toBe(2_000 - 1_000 + 5_000);
  });

  /**
   * An auto top-up of 5 000 (threshold 1 500) whose charge of the saved card is out when its
   * process stops (see stopWithChargeOut); the wallet holds 1 000 once the card's 2 000 is spent to it.
   */
  async function autoTopUpWithChargeLost(reachesStripe: boolean) {
    const card = await saveStripeCard(s, { last4: '4242' });
    await as('PUT', `/v1/wallets/${shop.walletId}/auto-top-up`, {
      enabled: true,
      threshold: 1_500,
      amount: 5_000,
      paymentMethodId: card.savedMethodId,
    });
    await as('POST', `/v1/wallets/${shop.walletId}/debits`, { amount: 1_000, description: 'usage' });
    const dead = stopWithChargeOut(s, reachesStripe);
    const charging = scene.api.app.autoTopUps.run();
    charging.catch(() => undefined);
    await dead.out;
    return { dead, charging, chargeId: await chargeLeftNew() };
  }

  it("an auto top-up's charge Stripe made, unanswered when its payment expires, is looked up and credited once", async () => {
    const { dead, charging, chargeId } = await autoTopUpWithChargeLost(true);
    expect(intents()).toHaveLength(1);

    // No process took it up before its expiry; the first runs are late.
    scene.clock.advance(DEFAULT_EXPIRY_MS + 1_000);
    await paymentJobs();
    await scene.api.app.autoTopUps.run();
    // Stripe was asked whether it made the charge, and not asked to make one.
    expect(lookups().length).toBeGreaterThan(0);
    expect(intents()).toHaveLength(1);
    expect(await scene.payment(shop, chargeId)).toMatchObject({ status: 'paid', amount: 5_000 });
    expect(await credited(chargeId)).toEqual([5_000]);
    expect(await as('GET', `/v1/wallets/${shop.walletId}/auto-top-up`)).toMatchObject({
      state: 'idle',
      paymentId: null,
      consecutiveFailures: 0,
    });

    await scene.api.app.autoTopUps.run();
    dead.revive();
    await charging;
    await paymentJobs();
    expect(await credited(chargeId)).toEqual([5_000]);
    expect(await scene.balance(shop)).toBe(2_000 - 1_000 + 5_000);
    expect(await scene.reviews(shop)).toEqual([]);
  });

  it("an auto top-up's charge that never reached Stripe, unanswered when its payment expires, is not made late", async () => {
    const { dead, charging, chargeId } = await autoTopUpWithChargeLost(false);
    expect(intents()).toHaveLength(0);

    scene.clock.advance(DEFAULT_EXPIRY_MS + 1_000);
    await paymentJobs();
    await scene.api.app.autoTopUps.run();
    expect(lookups().length).toBeGreaterThan(0);
    expect(intents()).toHaveLength(0);
    expect(await scene.payment(shop, chargeId)).toMatchObject({ status: 'expired' });
    await scene.expectNothingCredited(shop, chargeId, 1_000);
    // The auto top-up records the failure as for any expired payment: backed off, then tried anew.
    const state = await as('GET', `/v1/wallets/${shop.walletId}/auto-top-up`);
    expect(state).toMatchObject({ state: 'due', paymentId: null, consecutiveFailures: 1, enabled: true });
    expect(Date.parse(state.nextAttemptAt)).toBeGreaterThan(scene.clock.now().getTime());

    // Not due yet: nothing more is asked of Stripe.
    await scene.api.app.autoTopUps.run();
    await paymentJobs();
    expect(intents()).toHaveLength(0);
    expect(await scene.balance(shop)).toBe(1_000);
    dead.revive();
    await charging.catch(() => undefined);
  });

  it("an auto top-up's charge Stripe made, looked up while Stripe is down, waits saying so, asked less often, then is credited once", async () => {
    const { dead, charging, chargeId } = await autoTopUpWithChargeLost(true);
    const autoTopUp = () => as('GET', `/v1/wallets/${shop.walletId}/auto-top-up`);
    stripe.lookupsUp(false);

    scene.clock.advance(DEFAULT_EXPIRY_MS + 1_000);
    const firstAsked = scene.clock.now().getTime();
    await paymentJobs();
    await scene.api.app.autoTopUps.run();
    // Stripe could not be asked: the charge is neither expired (the card may have been charged)
    // nor made again, and the auto top-up says it waits on Stripe, and when it asks next.
    expect(lookups().length).toBeGreaterThan(0);
    expect(intents()).toHaveLength(1);
    expect(await scene.payment(shop, chargeId)).toMatchObject({ status: 'new' });
    await scene.expectNothingCredited(shop, chargeId, 1_000);
    const since = new Date(firstAsked).toISOString();
    expect(await autoTopUp()).toMatchObject({
      state: 'pending',
      paymentId: chargeId,
      consecutiveFailures: 0,
      chargeUnconfirmed: {
        provider: 'stripe',
        code: 'gateway_unavailable',
        asks: 1,
        since,
        retryAt: new Date(firstAsked + 60_000).toISOString(),
      },
    });
    // Consoles learn it from the feed.
    await settleFeed(scene.api.db.store);
    const fed = (await readFeed(scene.api.app, shop.admin)).filter(
      (c) => c.entity === 'wallet_auto_top_up' && c.id === shop.walletId,
    );
    expect(fed.at(-1)?.data).toEqual(await autoTopUp());
    // The auto top-up panel's list of charges says this one waits on Stripe, and since when.
    const attempts = async () =>
      (await as('GET', `/v1/wallets/${shop.walletId}/auto-top-up/attempts`)).items as any[];
    expect(await attempts()).toMatchObject([
      { paymentId: chargeId, amount: 5_000, status: 'pending', waitingOn: { provider: 'stripe', since } },
    ]);

    // Until its time comes, the job's runs do not ask again.
    const asked = lookups().length;
    scene.clock.advance(30_000);
    await scene.api.app.autoTopUps.run();
    expect(lookups()).toHaveLength(asked);

    // Asked again at its time, still no answer: the next wait is longer.
    scene.clock.advance(31_000);
    const secondAsked = scene.clock.now().getTime();
    await scene.api.app.autoTopUps.run();
    expect(lookups().length).toBeGreaterThan(asked);
    expect((await autoTopUp()).chargeUnconfirmed).toEqual({
      provider: 'stripe',
      code: 'gateway_unavailable',
      asks: 2,
      since,
      retryAt: new Date(secondAsked + 120_000).toISOString(),
    });

    // Stripe answers again: the charge it made is credited once, and the auto top-up goes idle.
    stripe.lookupsUp(true);
    scene.clock.advance(120_000);
    await scene.api.app.autoTopUps.run();
    expect(intents()).toHaveLength(1);
    expect(await scene.payment(shop, chargeId)).toMatchObject({ status: 'paid', amount: 5_000 });
    expect(await credited(chargeId)).toEqual([5_000]);
    expect(await attempts()).toMatchObject([{ paymentId: chargeId, status: 'paid', waitingOn: null }]);
    expect(await autoTopUp()).toMatchObject({
      state: 'idle',
      paymentId: null,
      consecutiveFailures: 0,
      chargeUnconfirmed: null,
    });

    await scene.api.app.autoTopUps.run();
    dead.revive();
    await charging;
    await paymentJobs();
    expect(await credited(chargeId)).toEqual([5_000]);
    expect(await scene.balance(shop)).toBe(2_000 - 1_000 + 5_000);
    expect(await scene.reviews(shop)).toEqual([]);
  });

  it("an auto top-up's charge that never reached Stripe, looked up while Stripe is down, expires once Stripe answers", async () => {
    const { dead, charging, chargeId } = await autoTopUpWithChargeLost(false);
    stripe.lookupsUp(false);
    scene.clock.advance(DEFAULT_EXPIRY_MS + 1_000);
    await paymentJobs();
    await scene.api.app.autoTopUps.run();
    expect(await scene.payment(shop, chargeId)).toMatchObject({ status: 'new' });
    expect(await as('GET', `/v1/wallets/${shop.walletId}/auto-top-up`)).toMatchObject({
      state: 'pending',
      chargeUnconfirmed: { provider: 'stripe', asks: 1 },
    });

    stripe.lookupsUp(true);
    scene.clock.advance(60_000);
    await scene.api.app.autoTopUps.run();
    expect(intents()).toHaveLength(0);
    expect(await scene.payment(shop, chargeId)).toMatchObject({ status: 'expired' });
    await scene.expectNothingCredited(shop, chargeId, 1_000);
    // Settled once, as any expired charge: the failure recorded, backed off, the wait on Stripe gone.
    expect(await as('GET', `/v1/wallets/${shop.walletId}/auto-top-up`)).toMatchObject({
      state: 'due',
      paymentId: null,
      consecutiveFailures: 1,
      chargeUnconfirmed: null,
    });
    dead.revive();
    await charging.catch(() => undefined);
  });
});

/**
 * A provider that cannot look a charge up without making it (the sandbox): a saved card's charge
 * still unanswered when its payment expires is asked under its own key, as before its expiry, so
 * the charge it made is answered and credited once rather than expired without asking.
 */
describe.each(DIALECTS)('a sandbox saved-card charge unanswered at its expiry, on %s', (dialect) => {
  let scene: GatewayScene;
  let shop: Shop;
  beforeEach(async () => {
    scene = await GatewayScene.start(dialect);
    shop = await openShop(scene.baseUrl, 'Lost Sandbox Charge', 'USD');
  });
  afterEach(() => scene.close());

  it('is asked under its own key: the charge made is credited once, none made twice', async () => {
    const payer = await must(
      http(scene.baseUrl, 'POST', `/v1/customers/${shop.customerId}/payers`, {
        token: shop.admin,
        body: { name: 'Card 4242' },
      }),
    );
    const first = await scene.topUp(shop, {
      amount: 2_000,
      provider: 'sandbox',
      payerId: payer.id,
      saveMethod: true,
    });
    await pressSandboxButton(first.checkout.url, 'pay');
    await scene.api.app.payments.settled();
    expect(await scene.balance(shop)).toBe(2_000);

    const dead = stopWithChargeOut({ scene }, true);
    const topUp = http(scene.baseUrl, 'POST', `/v1/wallets/${shop.walletId}/top-ups`, {
      token: shop.admin,
      key: key('topup'),
      body: { amount: 3_000, provider: 'sandbox', payerId: payer.id, savedMethodId: first.savesMethodId },
    });
    topUp.catch(() => undefined);
    await dead.out;
    const listed = await must(
      http(scene.baseUrl, 'GET', `/v1/payments?walletId=${shop.walletId}`, { token: shop.admin }),
    );
    const charge = listed.items.find((p: any) => p.savedMethodId !== null);
    expect(charge).toMatchObject({ status: 'new', checkout: null });

    scene.clock.advance(DEFAULT_EXPIRY_MS + 1_000);
    for (const job of Object.values(PAYMENT_JOBS)) await scene.api.app.paymentJobs.runOnce(job);
    await scene.api.app.payments.settled();
    await scene.expectCreditedOnce(shop, charge.id, 3_000, 2_000);

    dead.revive();
    await topUp;
    await scene.expectCreditedOnce(shop, charge.id, 3_000, 2_000);
    expect(await scene.reviews(shop)).toEqual([]);
  });
});
