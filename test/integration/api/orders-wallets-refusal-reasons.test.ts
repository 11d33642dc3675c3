import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, key, seedReseller, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { ok } from '../../support/tenants.js';

/**
 * The refusals a person meets on the console's order, subscription and wallet screens carry their
 * particulars as a reason key (src/renderer/lib/refusal-words.ts words them in the console's
 * language, e.g. Vietnamese), not only the server's English. Amounts are minor units beside `currency`.
 */
describe.each(DIALECTS)('order, subscription and wallet refusals carry a reason, on %s', (dialect) => {
  let api: TestApi;
  let admin: string;
  let customerId: string;
  let walletId: string;
  let monthly: string;

  const send = (method: 'POST' | 'PATCH', url: string, body?: unknown) =>
    call(api.app, method, url, { token: admin, key: key(), body });
  const reasonOf = async (reply: ReturnType<typeof send>) => {
    const r = await reply;
    expect(r.status, JSON.stringify(r.body)).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    return r.body.error.reason;
  };
  const product = async (body: object) =>
    (
      await ok(
        send('POST', '/v1/products', {
          name: 'Proxy',
          description: 'One IP',
          prices: { USD: 1_000 },
          provisioningTimeoutMinutes: 30,
          ...body,
        }),
      )
    ).id as string;
  const order = (productId: string, quantity = 1) =>
    ok(send('POST', `/v1/customers/${customerId}/orders`, { productId, quantity, currency: 'USD' }));

  beforeAll(async () => {
    api = await startApi(dialect);
    ({ admin, customerId, walletId } = await seedReseller(api.app, 'Reasons'));
    monthly = await product({ period: 'month' });
  });
  afterAll(() => api.close());

  it('orders: a product off sale, too many provisioned, an order already settled', async () => {
    const off = await product({ period: 'none' });
    await ok(send('PATCH', `/v1/products/${off}`, { active: false }));
    expect(
      await reasonOf(
        send('POST', `/v1/customers/${customerId}/orders`, { productId: off, quantity: 1, currency: 'USD' }),
      ),
    ).toEqual({
      key: 'product_not_on_sale',
      values: {},
    });
    const placed = await order(monthly, 2);
    expect(
      await reasonOf(send('POST', `/v1/orders/${placed.order.id}/fulfilment`, { provisioned: 3 })),
    ).toEqual({
      key: 'provisioned_too_many',
      values: { quantity: 2 },
    });
    await ok(send('POST', `/v1/orders/${placed.order.id}/fulfilment`, { provisioned: 0 }));
    expect(
      await reasonOf(send('POST', `/v1/orders/${placed.order.id}/fulfilment`, { provisioned: 2 })),
    ).toEqual({
      key: 'order_already_settled',
      values: { order: placed.order.number, status: 'failed' },
    });

    // subscriptions: the failed order ended its subscription; renewing it says so.
    const sub = (await ok(call(api.app, 'GET', `/v1/orders/${placed.order.id}`, { token: admin })))
      .subscriptionId;
    expect(await reasonOf(send('POST', `/v1/subscriptions/${sub}/renew`))).toEqual({
      key: 'subscription_ended_order_again',
      values: { status: 'cancelled' },
    });
  });

  it('wallets: a second wallet in one currency, one still in use, one still holding money', async () => {
    expect(
      await reasonOf(
        send('POST', `/v1/customers/${customerId}/wallets`, { currency: 'USD', initialBalance: 0 }),
      ),
    ).toEqual({ key: 'wallet_exists', values: { currency: 'USD' } });
    const oneOff = await product({ period: 'none' });
    const placed = [await order(oneOff), await order(oneOff)];
    // What uses it, counted, so the console lists it in its own language; both close paths say so.
    const inUse = {
      key: 'wallet_in_use',
      values: { currency: 'USD', holds: 0, subscriptions: 0, provisioningOrders: 2, autoTopUpCharging: 0 },
    };
    const closing = await send('POST', `/v1/wallets/${walletId}/close`);
    expect(await reasonOf(Promise.resolve(closing))).toEqual(inUse);
    expect(closing.body.error.message).toMatch(/2 order\(s\) being provisioned/);
    expect(
      await reasonOf(
        send('POST', `/v1/wallets/${walletId}/close`, {
          refund: { to: 'manual', destination: 'Bank 123', reference: 'R-1' },
        }),
      ),
    ).toEqual(inUse);
    for (const p of placed) await ok(send('POST', `/v1/orders/${p.order.id}/fulfilment`, { provisioned: 1 }));
    const balance = (await ok(call(api.app, 'GET', `/v1/wallets/${walletId}`, { token: admin }))).balance;
    expect(balance).toBeGreaterThan(0);
    expect(await reasonOf(send('POST', `/v1/wallets/${walletId}/close`))).toEqual({
      key: 'refund_required',
      values: { amount: balance, currency: 'USD' },
    });
  });
});
