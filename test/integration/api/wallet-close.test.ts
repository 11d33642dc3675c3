import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { startStripeEmulator, type StripeEmulator } from '../../support/emulators/stripe.js';
import { GatewayScene, openShop, sceneClock, type Shop } from '../../support/gateway-flow.js';
import { http } from '../../support/http.js';
import { createTenant } from '../../support/tenants.js';

const SECRET_KEY = 'sk_test_51ResellerConsoleClose';
const ACCOUNT = 'acct_1CloseShop';

/** Closing a wallet that still holds money: refunded to its sources, the rest paid out, then closed. */
describe.each(DIALECTS)('closing a wallet with money in it on %s', (dialect) => {
  let scene: GatewayScene;
  let stripe: StripeEmulator;
  let shop: Shop;

  beforeEach(async () => {
    const clock = sceneClock();
    stripe = await startStripeEmulator({
      secretKey: SECRET_KEY,
      accountId: ACCOUNT,
      webhook: { secret: 'whsec_close' },
      now: clock.now,
    });
    scene = await GatewayScene.start(dialect, { apiBaseUrls: { stripe: stripe.baseUrl } }, clock);
    shop = await openShop(scene.baseUrl, 'Close Shop', 'USD');
    await scene.offer(shop, 'stripe', {
      secretKey: SECRET_KEY,
      webhookSecret: 'whsec_close',
      accountId: ACCOUNT,
    });
    stripe.setWebhookUrl(scene.webhookUrl('stripe', shop.resellerId));
  });
  afterEach(async () => {
    await scene.close();
    await stripe.close();
  });

  async function paidTopUp(amount: number) {
    const payment = await scene.topUp(shop, { amount, provider: 'stripe' });
    await stripe.pay((payment.checkout.url as string).split('/').pop()!);
    await scene.drain();
    scene.clock.advance(1000);
    return payment.id as string;
  }
  const credit = (amount: number) =>
    http(scene.baseUrl, 'POST', `/v1/wallets/${shop.walletId}/credits`, {
      token: shop.admin,
      key: key(),
      body: { amount, description: 'Merchant credit' },
    });
  const close = (body: unknown, idempotencyKey: string | undefined = key('close'), token = shop.admin) =>
    http(scene.baseUrl, 'POST', `/v1/wallets/${shop.walletId}/close`, {
      token,
      ...(idempotencyKey ? { key: idempotencyKey } : {}),
      body,
    });

  it('to the original sources: newest top-up first, the rest paid out by hand, balance zero, closed; a replay answers the same', async () => {
    const older = await paidTopUp(3_000);
    const newer = await paidTopUp(5_000);
    await credit(1_000);
    // 9,000 held, 500 of it spent: the two sources take 8,000 back, the 500 left (of the credit) is paid out.
    await http(scene.baseUrl, 'POST', `/v1/wallets/${shop.walletId}/debits`, {
      token: shop.admin,
      key: key(),
      body: { amount: 500, description: 'Order' },
    });
    const k = key('close');
    const body = {
      refund: {
        to: 'original',
        reason: 'Customer left',
        destination: 'IBAN DE89370400440532013000',
        reference: 'SEPA-77',
      },
    };
    const closed = await close(body, k);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', balance: 0, availableBalance: 0 });
    expect(closed.body.refunds).toMatchObject([
      { paymentId: newer, method: 'provider', amount: 5_000, status: 'succeeded' },
      { paymentId: older, method: 'provider', amount: 3_000, status: 'succeeded' },
      { paymentId: null, method: 'manual', amount: 500, status: 'succeeded', reference: 'SEPA-77' },
    ]);
    expect([...stripe.refunds.values()].map((r) => r['amount'])).toEqual([5_000, 3_000]);
    expect(await scene.payment(shop, newer)).toMatchObject({ refundStatus: 'refunded' });
    expect(await scene.payment(shop, older)).toMatchObject({ refundStatus: 'refunded' });

    const again = await close(body, k);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(closed.body);
    expect(stripe.refunds.size).toBe(2);
    const listed = await http(scene.baseUrl, 'GET', `/v1/wallets/${shop.walletId}/refunds`, {
      token: shop.admin,
    });
    expect(listed.body.items).toHaveLength(3);
  });

  it('manual: the whole balance as one payout; a destination and reference are required, by field', async () => {
    await paidTopUp(2_000);
    for (const [refund, field] of [
      [{ to: 'manual', reference: 'x' }, 'refund.destination'],
      [{ to: 'manual', destination: 'x' }, 'refund.reference'],
      [{ to: 'elsewhere' }, 'refund.to'],
    ] as const) {
      const reply = await close({ refund });
      expect(reply.status, JSON.stringify(reply.body)).toBe(400);
      expect(reply.body.error.field).toBe(field);
    }
    // Original sources cannot cover a merchant credit: the rest needs a destination.
    await credit(700);
    const noRest = await close({ refund: { to: 'original' } });
    expect(noRest.status).toBe(400);
    expect(noRest.body.error).toMatchObject({ code: 'validation', field: 'refund.destination' });
    expect(await scene.balance(shop)).toBe(2_700);
    expect(stripe.refunds.size).toBe(0);

    const closed = await close({
      refund: { to: 'manual', destination: 'Cash at the counter', reference: 'RCPT-1' },
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', balance: 0 });
    expect(closed.body.refunds).toMatchObject([
      { method: 'manual', amount: 2_700, destination: 'Cash at the counter' },
    ]);
    expect(stripe.refunds.size).toBe(0);
  });

  it('a closed wallet is not left "below its alert line": the low wallets it would count in stay clear', async () => {
    await credit(2_500);
    const settings = await http(scene.baseUrl, 'PUT', `/v1/wallets/${shop.walletId}/alert-settings`, {
      token: shop.admin,
      body: { threshold: 1_000, channels: ['desktop'] },
    });
    expect(settings.body).toMatchObject({ state: 'ok' });

    const closed = await close({
      refund: { to: 'manual', destination: 'Cash at the counter', reference: 'RCPT-9' },
    });
    expect(closed.body).toMatchObject({ status: 'closed', balance: 0 });
    const after = await http(scene.baseUrl, 'GET', `/v1/wallets/${shop.walletId}/alert-settings`, {
      token: shop.admin,
    });
    expect(after.body).toMatchObject({ threshold: 1_000, state: 'ok' });
  });

  it('paying the balance out to close the wallet sends no "Low balance" alert, by any channel', async () => {
    await credit(2_500);
    const settings = await http(scene.baseUrl, 'PUT', `/v1/wallets/${shop.walletId}/alert-settings`, {
      token: shop.admin,
      body: { threshold: 1_000, channels: ['desktop', 'email', 'webhook'], emails: ['owner@example.com'] },
    });
    expect(settings.status, JSON.stringify(settings.body)).toBe(200);

    // A refund the card network has not answered yet: the wallet waits at zero, still open.
    await paidTopUp(2_000);
    stripe.refundsUp(false);
    const closing = await close({
      refund: { to: 'original', destination: 'Cash at the counter', reference: 'RCPT-10' },
    });
    expect(closing.body).toMatchObject({ status: 'active', balance: 0 });
    const alerts = await http(scene.baseUrl, 'GET', `/v1/wallets/${shop.walletId}/alerts`, {
      token: shop.admin,
    });
    expect(alerts.body.items).toEqual([]);
    const events = await scene.api.db.store.db
      .selectFrom('webhook_events')
      .select('type')
      .where('type', '=', 'wallet.balance_low')
      .execute();
    expect(events).toEqual([]);

    stripe.refundsUp(true);
    const closed = await close({
      refund: { to: 'original', destination: 'Cash at the counter', reference: 'RCPT-10' },
    });
    expect(closed.body).toMatchObject({ status: 'closed', balance: 0 });
    expect(
      (await http(scene.baseUrl, 'GET', `/v1/wallets/${shop.walletId}/alerts`, { token: shop.admin })).body
        .items,
    ).toEqual([]);
  });

  it('refused while a hold depends on the wallet, and to support agents; nothing moves', async () => {
    await paidTopUp(4_000);
    const hold = await http(scene.baseUrl, 'POST', `/v1/wallets/${shop.walletId}/holds`, {
      token: shop.admin,
      key: key(),
      body: { amount: 1_000, description: 'Renewal' },
    });
    expect(hold.status).toBe(201);
    const refused = await close({ refund: { to: 'original' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('conflict');
    expect(refused.body.error.message).toMatch(/hold/);
    const roles = await createTenant(scene.api.app, 'Roles');
    expect((await close({ refund: { to: 'original' } }, key(), roles.support)).status).toBe(403);
    const other = await openShop(scene.baseUrl, 'Other', 'USD');
    expect((await close({ refund: { to: 'original' } }, key(), other.admin)).status).toBe(404);
    expect(await scene.balance(shop)).toBe(4_000);
    expect(stripe.refunds.size).toBe(0);
    expect(
      (await http(scene.baseUrl, 'GET', `/v1/wallets/${shop.walletId}`, { token: shop.admin })).body.status,
    ).toBe('active');
  });

  it('auto top-up is switched off when closing begins: a refund Stripe has not answered yet leaves the wallet at zero, and its card is not charged', async () => {
    const payer = await http(scene.baseUrl, 'POST', `/v1/customers/${shop.customerId}/payers`, {
      token: shop.admin,
      body: { name: 'Card 4242' },
    });
    const first = await scene.topUp(shop, {
      amount: 2_000,
      provider: 'stripe',
      payerId: payer.body.id,
      saveMethod: true,
    });
    await stripe.pay((first.checkout.url as string).split('/').pop()!);
    await scene.drain();
    const setUp = await http(scene.baseUrl, 'PUT', `/v1/wallets/${shop.walletId}/auto-top-up`, {
      token: shop.admin,
      body: { enabled: true, threshold: 1_500, amount: 5_000, paymentMethodId: first.savesMethodId },
    });
    expect(setUp.status, JSON.stringify(setUp.body)).toBe(200);

    stripe.refundsUp(false);
    const closing = await close({ refund: { to: 'original' } });
    expect(closing.status, JSON.stringify(closing.body)).toBe(200);
    expect(closing.body).toMatchObject({ status: 'active', balance: 0 });
    expect(closing.body.refunds).toMatchObject([{ status: 'pending', amount: 2_000 }]);

    await scene.api.app.autoTopUps.run();
    const intents = stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents');
    expect(intents).toHaveLength(0);
    const wallet = await http(scene.baseUrl, 'GET', `/v1/wallets/${shop.walletId}`, { token: shop.admin });
    expect(wallet.body).toMatchObject({ balance: 0, availableBalance: 0 });
    const autoTopUp = await http(scene.baseUrl, 'GET', `/v1/wallets/${shop.walletId}/auto-top-up`, {
      token: shop.admin,
    });
    expect(autoTopUp.body).toMatchObject({ enabled: false, state: 'idle', paymentId: null });
    expect(autoTopUp.body.disabledReason).toMatch(/clos/);
    expect(autoTopUp.body.disabledWhy).toBe('closing');

    stripe.refundsUp(true);
    const closed = await close({ refund: { to: 'original' } });
    expect(closed.body).toMatchObject({ status: 'closed', balance: 0 });
  });

  it('a source refusing its refund leaves the wallet open with that money back; closing again later finishes', async () => {
    await paidTopUp(2_500);
    stripe.refuseRefunds();
    const first = await close({ refund: { to: 'original' } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'active', balance: 2_500 });
    expect(first.body.refunds).toMatchObject([
      { status: 'failed', compensationId: expect.any(String), failureCode: 'disputed' },
    ]);
    stripe.acceptRefunds();
    const second = await close({ refund: { to: 'original' } });
    expect(second.body).toMatchObject({ status: 'closed', balance: 0 });
  });
});
