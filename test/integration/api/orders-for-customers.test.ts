import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, key, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { createTenant, expectRefusal, listAll, ok, type Tenant } from '../../support/tenants.js';

/**
 * A reseller admin places an order for one of its customers (the console's Orders screen does),
 * paid from that customer's wallet: exactly once per Idempotency-Key, never for another reseller's
 * customer, never by a support agent, and every refusal says why as data the console words itself.
 */
describe.each(DIALECTS)('staff place orders for their customers on %s', (dialect) => {
  let api: TestApi;
  let a: Tenant;
  let b: Tenant;
  let productA: string;
  let productB: string;

  beforeAll(async () => {
    api = await startApi(dialect);
    a = await createTenant(api.app, 'OrdercoA');
    b = await createTenant(api.app, 'OrdercoB');
    productA = (
      await ok(
        call(api.app, 'POST', '/v1/products', {
          token: a.admin,
          body: { name: 'VPS', prices: { USD: 1_250, EUR: 1_100, JPY: 150 }, period: 'none' },
        }),
      )
    ).id;
    productB = (
      await ok(
        call(api.app, 'POST', '/v1/products', {
          token: b.admin,
          body: { name: 'B proxy', prices: { USD: 100 }, period: 'none' },
        }),
      )
    ).id;
  });
  afterAll(() => api.close());

  const place = (token: string, customerId: string, body: object, idempotencyKey = key()) =>
    call(api.app, 'POST', `/v1/customers/${customerId}/orders`, { token, key: idempotencyKey, body });
  const wallet = (token: string, walletId: string) =>
    ok(call(api.app, 'GET', `/v1/wallets/${walletId}`, { token }));
  const ordersOf = async (token: string, customerId: string) =>
    (await listAll(api.app, token, `/v1/orders?customerId=${customerId}`)) as Array<{ id: string }>;

  it('the admin orders for its customer: the wallet pays the total once, a repeat of the request places nothing more', async () => {
    const before = await wallet(a.admin, a.walletId);
    const k = key();
    const first = await place(
      a.admin,
      a.customerId,
      { productId: productA, quantity: 3, currency: 'USD' },
      k,
    );
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.order).toMatchObject({ customerId: a.customerId, walletId: a.walletId, total: 3_750 });
    expect(first.body.wallet.balance).toBe(before.balance - 3_750);
    // A double click sends the same key: the first answer comes back, no second order, no second charge.
    const again = await place(
      a.admin,
      a.customerId,
      { productId: productA, quantity: 3, currency: 'USD' },
      k,
    );
    expect(again.status).toBe(201);
    expect(again.body.order.id).toBe(first.body.order.id);
    expect((await wallet(a.admin, a.walletId)).balance).toBe(before.balance - 3_750);
    const ids = (await ordersOf(a.admin, a.customerId)).map((o) => o.id);
    expect(ids.filter((id) => id === first.body.order.id)).toHaveLength(1);
  });

  it("an admin of reseller A cannot order for reseller B's customer, nor with B's product: 404, nothing written", async () => {
    const bBefore = await wallet(b.admin, b.walletId);
    const bOrders = await ordersOf(b.admin, b.customerId);
    expectRefusal(
      await place(a.admin, b.customerId, { productId: productA, quantity: 1, currency: 'USD' }),
      404,
      'not_found',
      'id',
    );
    expectRefusal(
      await place(a.admin, b.customerId, { productId: productB, quantity: 1, currency: 'USD' }),
      404,
      'not_found',
      'id',
    );
    expectRefusal(
      await place(a.admin, a.customerId, { productId: productB, quantity: 1, currency: 'USD' }),
      404,
      'not_found',
      'productId',
    );
    expect((await wallet(b.admin, b.walletId)).balance).toBe(bBefore.balance);
    expect(await ordersOf(b.admin, b.customerId)).toEqual(bOrders);
  });

  it('a support agent may not place an order for a customer: 403, nothing written', async () => {
    const before = await wallet(a.admin, a.otherWalletId);
    const orders = await ordersOf(a.admin, a.otherCustomerId);
    expectRefusal(
      await place(a.support, a.otherCustomerId, { productId: productA, quantity: 1, currency: 'USD' }),
      403,
      'forbidden',
    );
    expect((await wallet(a.admin, a.otherWalletId)).balance).toBe(before.balance);
    expect(await ordersOf(a.admin, a.otherCustomerId)).toEqual(orders);
  });

  it('refusals carry their reason: not enough money, no wallet in the currency, a closed wallet, not sold in it', async () => {
    const available = (await wallet(a.admin, a.otherWalletId)).availableBalance as number;
    const quantity = Math.floor(available / 1_250) + 1;
    const short = await place(a.admin, a.otherCustomerId, { productId: productA, quantity, currency: 'USD' });
    expectRefusal(short, 422, 'insufficient_funds', 'amount');
    expect(short.body.error.reason).toEqual({
      key: 'insufficient_funds',
      values: { available, needed: quantity * 1_250, currency: 'USD' },
    });

    const none = await place(a.admin, a.otherCustomerId, {
      productId: productA,
      quantity: 1,
      currency: 'JPY',
    });
    expectRefusal(none, 400, 'validation', 'currency');
    expect(none.body.error.reason).toEqual({ key: 'no_wallet_in_currency', values: { currency: 'JPY' } });

    const eur = await ok(
      call(api.app, 'POST', `/v1/customers/${a.otherCustomerId}/wallets`, {
        token: a.admin,
        body: { currency: 'EUR' },
      }),
    );
    await ok(
      call(api.app, 'POST', `/v1/wallets/${eur.id}/close`, {
        token: a.admin,
        key: key(),
        body: { refund: { to: 'manual', destination: 'nowhere', reference: 'empty' } },
      }),
    );
    const closed = await place(a.admin, a.otherCustomerId, {
      productId: productA,
      quantity: 1,
      currency: 'EUR',
    });
    expectRefusal(closed, 422, 'wallet_closed', 'currency');
    expect(closed.body.error.reason).toEqual({ key: 'wallet_closed', values: { currency: 'EUR' } });

    const notSold = await place(a.admin, a.otherCustomerId, {
      productId: productA,
      quantity: 1,
      currency: 'VND',
    });
    expectRefusal(notSold, 400, 'validation', 'currency');
    expect(notSold.body.error.reason).toEqual({ key: 'not_sold_in_currency', values: { currency: 'VND' } });

    // None of them wrote anything.
    expect((await wallet(a.admin, a.otherWalletId)).availableBalance).toBe(available);
    expect(await ordersOf(a.admin, a.otherCustomerId)).toEqual([]);
  });

  it('a wallet on hold (a reversed payment left it owing) refuses the order, and any debit, saying why as data', async () => {
    // The hold is what payments/reversals.ts sets when a reversal takes more than the wallet held.
    const onHold = (hold: number) =>
      api.db.store.db
        .updateTable('wallets')
        .set({ spending_hold: hold })
        .where('id', '=', a.otherWalletId)
        .execute();
    const before = await wallet(a.admin, a.otherWalletId);
    await onHold(1);
    try {
      const refused = await place(a.admin, a.otherCustomerId, {
        productId: productA,
        quantity: 1,
        currency: 'USD',
      });
      expectRefusal(refused, 422, 'wallet_on_hold');
      expect(refused.body.error.reason).toEqual({ key: 'wallet_on_hold', values: { currency: 'USD' } });
      // The same guard refuses every movement that lowers what is available, with the same reason.
      const debit = await call(api.app, 'POST', `/v1/wallets/${a.otherWalletId}/debits`, {
        token: a.admin,
        key: key(),
        body: { amount: 1, description: 'Order' },
      });
      expectRefusal(debit, 422, 'wallet_on_hold');
      expect(debit.body.error.reason).toEqual({ key: 'wallet_on_hold', values: { currency: 'USD' } });
      expect((await wallet(a.admin, a.otherWalletId)).balance).toBe(before.balance);
      expect(await ordersOf(a.admin, a.otherCustomerId)).toEqual([]);
    } finally {
      await onHold(0);
    }
  });
});
