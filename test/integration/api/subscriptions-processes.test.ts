import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_JOBS } from '../../../src/server/jobs/order-jobs.js';
import { call, key, OPERATOR_TOKEN } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { listAll, manualClock, ok, PASSWORD } from '../../support/tenants.js';
import { startTwinApis, type TwinApis } from '../../support/twin-apis.js';

/**
 * Two API processes over one database both run the renewal (and timeout) jobs at the same moment:
 * every due subscription is charged exactly once, every stuck order refunded exactly once.
 */
describe.each(DIALECTS)('renewal job in two API processes on %s', (dialect) => {
  let apis: TwinApis;
  let admin: string;
  const clock = manualClock('2030-05-10T12:00:00.000Z');

  beforeAll(async () => {
    apis = await startTwinApis(dialect, { clock: clock.now, orders: { jobs: false } });
    admin = (
      await ok(
        call(apis.a, 'POST', '/v1/resellers', {
          token: OPERATOR_TOKEN,
          body: { name: 'Twinco', adminEmail: `admin-${key()}@example.com`, adminPassword: PASSWORD },
        }),
      )
    ).apiKey;
  });
  afterAll(() => apis.close());

  it('each due subscription is charged once and each stuck order refunded once', async () => {
    const product = await ok(
      call(apis.a, 'POST', '/v1/products', {
        token: admin,
        body: { name: 'Proxy plan', prices: { USD: 700 }, period: 'month', provisioningTimeoutMinutes: 60 },
      }),
    );
    const wallets: string[] = [];
    const subscriptions: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      const c = await ok(
        call(apis.a, 'POST', '/v1/customers', {
          token: admin,
          body: { name: `C${i}`, email: `${key()}@example.com` },
        }),
      );
      const w = await ok(
        call(apis.a, 'POST', `/v1/customers/${c.id}/wallets`, {
          token: admin,
          body: { currency: 'USD', initialBalance: 10_000 },
          key: key('wallet'),
        }),
      );
      const placed = await ok(
        call(apis.b, 'POST', `/v1/customers/${c.id}/orders`, {
          token: admin,
          key: key(),
          body: { productId: product.id, quantity: 1, currency: 'USD' },
        }),
      );
      // Half are provisioned, half stay stuck (and time out below).
      if (i % 2 === 0) {
        await ok(
          call(apis.a, 'POST', `/v1/orders/${placed.order.id}/fulfilment`, {
            token: admin,
            key: key(),
            body: { provisioned: 1 },
          }),
        );
        subscriptions.push(placed.order.subscriptionId);
      }
      wallets.push(w.id);
    }
    clock.advance(31 * 86_400_000);
    const both = (job: string) => Promise.all([apis.a.orderJobs.runOnce(job), apis.b.orderJobs.runOnce(job)]);
    await both(ORDER_JOBS.timeouts);
    await both(ORDER_JOBS.renewals);
    await both(ORDER_JOBS.renewals);

    for (const [i, walletId] of wallets.entries()) {
      const rows = await listAll(apis.a, admin, `/v1/wallets/${walletId}/transactions?limit=500`);
      const kinds = rows.map((t: any) => `${t.type}:${t.amount}`).reverse();
      if (i % 2 === 0) expect(kinds, walletId).toEqual(['credit:10000', 'payment:-700', 'payment:-700']);
      else expect(kinds, walletId).toEqual(['credit:10000', 'payment:-700', 'refund:700']);
    }
    for (const id of subscriptions) {
      const sub = await ok(call(apis.b, 'GET', `/v1/subscriptions/${id}`, { token: admin }));
      expect(sub.attempts.map((a: any) => a.outcome)).toEqual(['paid']);
    }
  });
});
