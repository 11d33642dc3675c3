import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { startStripeEmulator, type StripeEmulator } from '../../support/emulators/stripe.js';
import { sendDelivery } from '../../support/emulators/stripe-paypal-cryptomus-server.js';
import { GatewayScene, must, openShop, sceneClock, type Shop } from '../../support/gateway-flow.js';
import { http } from '../../support/http.js';

const SECRET_KEY = 'sk_test_51ResellerConsoleEmulated';
const ACCOUNT = 'acct_1ResellerA';
const credentials = (webhookSecret: string) => ({ secretKey: SECRET_KEY, webhookSecret, accountId: ACCOUNT });

/** Stripe through the payment service: Checkout Sessions at the emulator, signed events to the route. */
describe.each(DIALECTS)('stripe through the payment service on %s', (dialect) => {
  let scene: GatewayScene;
  let stripe: StripeEmulator;
  let shop: Shop;

  beforeEach(async () => {
    const clock = sceneClock();
    stripe = await startStripeEmulator({
      secretKey: SECRET_KEY,
      accountId: ACCOUNT,
      webhook: { secret: 'whsec_shop_a' },
      now: clock.now,
    });
    scene = await GatewayScene.start(dialect, { apiBaseUrls: { stripe: stripe.baseUrl } }, clock);
    shop = await openShop(scene.baseUrl, 'Stripe Shop', 'USD');
    await scene.offer(shop, 'stripe', credentials('whsec_shop_a'));
    stripe.setWebhookUrl(scene.webhookUrl('stripe', shop.resellerId));
  });
  afterEach(async () => {
    await scene.close();
    await stripe.close();
  });

  const start = async (amount: number) => {
    const payment = await scene.topUp(shop, { amount, provider: 'stripe' });
    expect(payment).toMatchObject({ status: 'new', checkout: { kind: 'redirect' } });
    const sessionId = (payment.checkout.url as string).split('/').pop()!;
    return { id: payment.id as string, sessionId };
  };

  it('paid on the hosted page: the signed event credits the wallet exactly the amount, once', async () => {
    const before = await scene.balance(shop);
    const p = await start(12_345);
    const delivery = await stripe.pay(p.sessionId);
    expect(delivery.response?.status).toBe(200);
    await scene.drain();
    await scene.expectCreditedOnce(shop, p.id, 12_345, before);
    // Stripe retries the same event: answered 2xx, dropped.
    const again = await sendDelivery({ ...delivery });
    expect(again.response).toMatchObject({ status: 200 });
    expect(JSON.parse(again.response!.body)).toEqual({ received: true, duplicates: 1 });
    await scene.drain();
    await scene.expectCreditedOnce(shop, p.id, 12_345, before);
  });

  it('the fee is asked on top and not credited; a session for only the amount is reviewed', async () => {
    const before = await scene.balance(shop);
    await scene.setFee(shop, 'stripe', 290);
    const p = await start(10_000);
    expect(await scene.payment(shop, p.id)).toMatchObject({ amount: 10_000, fee: 290, totalAmount: 10_290 });
    expect(stripe.sessions.get(p.sessionId)).toMatchObject({ amount_total: 10_290, currency: 'usd' });
    await stripe.pay(p.sessionId);
    await scene.drain();
    await scene.expectCreditedOnce(shop, p.id, 10_000, before);

    const feeless = await start(10_000);
    stripe.sessions.get(feeless.sessionId)!['amount_total'] = 10_000;
    await stripe.pay(feeless.sessionId);
    await scene.drain();
    await scene.expectNothingCredited(shop, feeless.id, before + 10_000);
    expect(await scene.reviews(shop)).toMatchObject([{ paymentId: feeless.id, reason: 'amount' }]);
  });

  it('a delayed method: processing first, then paid when it settles, credited once', async () => {
    const before = await scene.balance(shop);
    const p = await start(5_000);
    await stripe.payLater(p.sessionId);
    await scene.drain();
    expect((await scene.payment(shop, p.id)).status).toBe('processing');
    expect(await scene.balance(shop)).toBe(before);
    await stripe.settle(p.sessionId, 'succeeded');
    await scene.drain();
    await scene.expectCreditedOnce(shop, p.id, 5_000, before);
  });

  it('a declined card leaves the payment open and unreviewed; the session expiring ends it expired', async () => {
    const before = await scene.balance(shop);
    const p = await start(4_000);
    expect((await stripe.decline(p.sessionId)).response?.status).toBe(200);
    await scene.drain();
    // Stripe lets the payer try another card on the same page: nothing is final, nothing to review.
    expect((await scene.payment(shop, p.id)).status).toBe('new');
    expect(await scene.reviews(shop)).toEqual([]);
    await stripe.expire(p.sessionId);
    await scene.drain();
    expect((await scene.payment(shop, p.id)).status).toBe('expired');
    await scene.expectNothingCredited(shop, p.id, before);
  });

  it('a delayed method that fails ends the payment failed, crediting nothing', async () => {
    const before = await scene.balance(shop);
    const p = await start(4_000);
    await stripe.payLater(p.sessionId);
    await stripe.settle(p.sessionId, 'failed');
    await scene.drain();
    expect((await scene.payment(shop, p.id)).status).toBe('failed');
    await scene.expectNothingCredited(shop, p.id, before);
  });

  it('paid in another amount or currency at Stripe: nothing credited, both in the review list', async () => {
    const before = await scene.balance(shop);
    const short = await start(10_000);
    stripe.sessions.get(short.sessionId)!['amount_total'] = 9_999;
    const euro = await start(10_000);
    stripe.sessions.get(euro.sessionId)!['currency'] = 'eur';
    await stripe.pay(short.sessionId);
    await stripe.pay(euro.sessionId);
    await scene.drain();
    await scene.expectAmountAndCurrencyReviewed(shop, short.id, euro.id, before);
  });

  it("a genuine event about this shop's payment sent to another reseller's endpoint credits nothing", async () => {
    const other = await openShop(scene.baseUrl, 'Other Shop', 'USD');
    await scene.offer(other, 'stripe', credentials('whsec_shop_b'));
    const before = await scene.balance(shop);
    const p = await start(3_000);
    stripe.setWebhookUrl(undefined);
    const recorded = await stripe.pay(p.sessionId);
    const forOther = stripe.signDelivery(recorded.body.toString('utf8'), { secret: 'whsec_shop_b' });
    forOther.url = scene.webhookUrl('stripe', other.resellerId);
    expect((await sendDelivery(forOther)).response?.status).toBe(200);
    await scene.drain();
    await scene.expectNothingCredited(shop, p.id, before);
    expect(await scene.reviews(other)).toMatchObject([{ reason: 'unmatched', paymentId: null }]);
    expect(await scene.reviews(shop)).toEqual([]);
  });

  it('forged deliveries (wrong secret, flipped body, stale) are refused and store nothing', async () => {
    const before = await scene.balance(shop);
    const p = await start(2_500);
    stripe.setWebhookUrl(undefined);
    const genuine = await stripe.pay(p.sessionId);
    const url = scene.webhookUrl('stripe', shop.resellerId);
    const body = genuine.body.toString('utf8');
    const forgeries = [
      stripe.signDelivery(body, { secret: 'whsec_someone_else' }),
      { ...genuine, body: Buffer.from(body.replace('"paid"', '"paid" ')) },
      stripe.signDelivery(body, { timestamp: Math.floor(scene.clock.now().getTime() / 1000) - 3600 }),
    ];
    await scene.expectForgeriesRefused('stripe', forgeries, url, shop, p.id, before);
    expect((await scene.payment(shop, p.id)).status).toBe('new');
  });
  it("a Top up replayed while Stripe is still creating its session: the payment stays open, and the payer gets the first request's page", async () => {
    const before = await scene.balance(shop);
    const topUpKey = key('topup');
    const topUp = () =>
      http(scene.baseUrl, 'POST', `/v1/wallets/${shop.walletId}/top-ups`, {
        token: shop.admin,
        key: topUpKey,
        body: { amount: 4_000, provider: 'stripe' },
      });
    const sessionPosts = () =>
      stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions');
    const held = stripe.holdCharges('/v1/checkout/sessions');
    const first = topUp();
    // Awaited below; kept from an unhandled rejection should an assertion before it fail.
    first.catch(() => undefined);
    await held.reached;
    const replay = await topUp();
    // Stripe refused the replay's session: its key was in use by the first request's (409).
    expect(sessionPosts().length).toBeGreaterThan(1);
    expect(new Set(sessionPosts().map((r) => r.idempotencyKey)).size).toBe(1);
    expect(replay).toMatchObject({ status: 201, body: { status: 'new', checkout: null } });
    const id = replay.body.id as string;
    expect(await scene.payment(shop, id)).toMatchObject({ status: 'new', checkout: null });

    held.answer();
    const opened = await first;
    expect(opened).toMatchObject({
      status: 201,
      body: { id, status: 'new', checkout: { kind: 'redirect' } },
    });
    expect(stripe.sessions.size).toBe(1);
    expect(await scene.payment(shop, id)).toMatchObject({ status: 'new', checkout: opened.body.checkout });
    // Another replay is answered with that same page.
    expect((await topUp()).body).toMatchObject({ id, status: 'new', checkout: opened.body.checkout });

    await stripe.pay((opened.body.checkout.url as string).split('/').pop()!);
    await scene.drain();
    await scene.expectCreditedOnce(shop, id, 4_000, before);
    expect(await scene.reviews(shop)).toEqual([]);
  });

  it("a Top up replayed while Stripe creates the first request's session, the replay failing at Stripe: the failed payment gets no page, and Stripe's session is expired", async () => {
    const before = await scene.balance(shop);
    const topUpKey = key('topup');
    const topUp = () =>
      http(scene.baseUrl, 'POST', `/v1/wallets/${shop.walletId}/top-ups`, {
        token: shop.admin,
        key: topUpKey,
        body: { amount: 4_000, provider: 'stripe' },
      });
    const held = stripe.holdCharges('/v1/checkout/sessions');
    const first = topUp();
    // Awaited below; kept from an unhandled rejection should an assertion before it fail.
    first.catch(() => undefined);
    await held.reached;
    // The replay's session fails for a real fault: the payment fails, and the replay says so.
    stripe.failSessionCreations(true);
    const replay = await topUp();
    expect(replay).toMatchObject({ status: 502, body: { error: { code: 'gateway_unavailable' } } });
    const listed = await must(
      http(scene.baseUrl, 'GET', `/v1/payments?walletId=${shop.walletId}`, { token: shop.admin }),
    );
    expect(listed.items).toEqual([expect.objectContaining({ status: 'failed', checkout: null })]);
    const id = listed.items[0].id as string;

    // Stripe then creates the first request's session: that request hears of the failed payment too.
    stripe.failSessionCreations(false);
    held.answer();
    expect(await first).toMatchObject({ status: 502, body: { error: { code: 'gateway_unavailable' } } });
    expect(await scene.payment(shop, id)).toMatchObject({
      status: 'failed',
      failureCode: 'gateway_unavailable',
      checkout: null,
    });
    expect(stripe.sessions.size).toBe(1);
    const [session] = [...stripe.sessions.values()];
    expect(session).toMatchObject({ status: 'expired', client_reference_id: id });
    await expect(stripe.pay(session!['id'] as string)).rejects.toThrow(/expired/);
    // Stripe's checkout.session.expired about it settles into the failed payment: nothing to review.
    await scene.drain();
    expect(await scene.reviews(shop)).toEqual([]);
    await scene.expectNothingCredited(shop, id, before);
    expect(await scene.payment(shop, id)).toMatchObject({ status: 'failed', checkout: null });
  });

  it("a link's payer sent on twice while Stripe creates the session: the second page continues to the first's", async () => {
    const link = await must(
      http(scene.baseUrl, 'POST', `/v1/customers/${shop.customerId}/top-up-links`, {
        token: shop.admin,
        body: {
          walletId: shop.walletId,
          amount: 4_000,
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
      }),
    );
    const path = new URL(link.url as string).pathname;
    const submit = () =>
      fetch(`${scene.baseUrl}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ method: 'stripe', nonce: 'ab'.repeat(12) }).toString(),
      });
    const held = stripe.holdCharges('/v1/checkout/sessions');
    const first = submit();
    // Awaited below; kept from an unhandled rejection should an assertion before it fail.
    first.catch(() => undefined);
    await held.reached;
    // The same form sent again (a second click, a reload) while Stripe is still creating the session.
    const second = await submit();
    expect(second.status).toBe(200);
    const page = await second.text();
    expect(page).toContain('A payment from this link is already open.');
    expect(page).toContain(`<form method="post" action="${path}">`);
    const listed = await must(
      http(scene.baseUrl, 'GET', `/v1/payments?walletId=${shop.walletId}`, { token: shop.admin }),
    );
    expect(listed.items).toEqual([expect.objectContaining({ status: 'new', checkout: null })]);

    held.answer();
    const opened = await first;
    expect(opened.status).toBe(303);
    const url = opened.headers.get('location');
    expect(url).toMatch(/\/c\/pay\/cs_test_/);
    // Continuing from the second page goes to that same session.
    const continued = await submit();
    expect(continued.status).toBe(303);
    expect(continued.headers.get('location')).toBe(url);
    expect(stripe.sessions.size).toBe(1);
    expect(await scene.payment(shop, listed.items[0].id)).toMatchObject({ status: 'new' });
  });

  it('a forged return to the success URL of an unpaid payment credits nothing', async () => {
    const before = await scene.balance(shop);
    const p = await start(6_000);
    const session = stripe.sessions.get(p.sessionId)!;
    // The return URL only opens the app; what Stripe appends is the session id.
    expect(session['success_url']).toBe(`resellerconsole://payments/${p.id}`);
    const query = `session_id=${p.sessionId}&redirect_status=succeeded&status=paid`;
    await scene.expectForgedReturnCreditsNothing(shop, p.id, query, before);
  });
});
