import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_JOBS } from '../../../src/server/jobs/order-jobs.js';
import { MAX_BALANCE } from '../../../src/shared/money.js';
import { call, key, seedReseller } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { sample, startObservedApi, type ObservedApi } from '../../support/observed-api.js';
import { manualClock, ok, readFeed, settleFeed } from '../../support/tenants.js';

/**
 * The order timeout job reads a fixed-size batch of timed-out orders. An order whose refund can never
 * land (its wallet is at its maximum balance) must neither be retried every minute for ever nor keep
 * the job from the orders behind it, and staff must see it: a warning naming the order and the reason,
 * and a gauge of such orders.
 */
describe.each(DIALECTS)('the order timeout job with refunds that cannot land, on %s', (dialect) => {
  let api: ObservedApi;
  let admin: string;
  let customerId: string;
  let fullWallet: string;
  let otherWallet: string;
  let productId: string;
  const clock = manualClock();
  const MOVE = 100_000_000_000_000; // the largest single movement, minor units
  const STUCK = 100; // the job's batch: every one of them is read before any other order

  const post = (url: string, body: unknown) => call(api.app, 'POST', url, { token: admin, key: key(), body });
  const getOrder = (id: string) => ok(call(api.app, 'GET', `/v1/orders/${id}`, { token: admin }));
  const runTimeouts = () => api.app.orderJobs.runOnce(ORDER_JOBS.timeouts);

  beforeAll(async () => {
    api = await startObservedApi(dialect, { clock: clock.now });
    const seeded = await seedReseller(api.app, 'Stuckco');
    admin = seeded.admin;
    customerId = seeded.customerId;
    fullWallet = seeded.walletId;
    const other = await ok(
      call(api.app, 'POST', '/v1/customers', {
        token: admin,
        body: { name: 'Other', email: `other-${key()}@example.com`, externalRef: key('ref') },
      }),
    );
    otherWallet = (
      await ok(post(`/v1/customers/${other.id}/wallets`, { currency: 'USD', initialBalance: 10_000 }))
    ).id;
    // The reseller lets one movement be as large as any (so a test can fill a wallet to its maximum).
    await ok(
      call(api.app, 'PUT', '/v1/movement-limits', {
        token: admin,
        body: { items: [{ currency: 'USD', confirmAbove: MOVE, maxPerMovement: MOVE }] },
      }),
    );
    productId = (
      await ok(
        post('/v1/products', {
          name: 'Residential proxy',
          description: 'One rotating residential IP',
          prices: { USD: 100 },
          period: 'none',
          provisioningTimeoutMinutes: 30,
        }),
      )
    ).id;
  });
  afterAll(() => api.close());

  it('times out the other orders though a full batch of refunds is refused, and shows staff the stuck ones', async () => {
    const stuck: string[] = [];
    for (let i = 0; i < STUCK; i += 1) {
      const placed = await ok(
        post(`/v1/customers/${customerId}/orders`, { productId, quantity: 1, currency: 'USD' }),
      );
      stuck.push(placed.order.id);
    }
    clock.advance(60_000);
    const otherCustomer = (await ok(call(api.app, 'GET', `/v1/wallets/${otherWallet}`, { token: admin })))
      .customerId;
    const good = await ok(
      post(`/v1/customers/${otherCustomer}/orders`, { productId, quantity: 1, currency: 'USD' }),
    );
    // The first wallet is filled to its maximum: none of its orders' refunds can land.
    let room =
      MAX_BALANCE - (await ok(call(api.app, 'GET', `/v1/wallets/${fullWallet}`, { token: admin }))).balance;
    for (; room > 0; room -= Math.min(room, MOVE)) {
      await ok(
        post(`/v1/wallets/${fullWallet}/credits`, { amount: Math.min(room, MOVE), description: 'fill' }),
      );
    }

    clock.advance(31 * 60_000);
    for (let run = 0; run < 3; run += 1) {
      await runTimeouts();
      clock.advance(60_000);
    }
    expect(await getOrder(good.order.id)).toMatchObject({
      status: 'failed',
      refunded: 100,
      failureReason: 'provisioning timed out',
    });
    expect((await ok(call(api.app, 'GET', `/v1/wallets/${otherWallet}`, { token: admin }))).balance).toBe(
      10_000,
    );
    // The stuck ones stay provisioning (their money is still the customer's payment), each saying
    // its refund is stuck, why and when it is tried next, to the API and to a syncing console …
    const stuckOrder = await getOrder(stuck[0]!);
    expect(stuckOrder).toMatchObject({
      status: 'provisioning',
      refundStuck: { code: 'balance_limit', refusals: expect.any(Number), retryAt: expect.any(String) },
    });
    expect(Date.parse(stuckOrder.refundStuck.retryAt)).toBeGreaterThan(clock.now().getTime() - 60_000);
    expect((await getOrder(good.order.id)).refundStuck).toBeNull();
    await settleFeed(api.db.store);
    const fed = (await readFeed(api.app, admin)).filter((c) => c.entity === 'order' && c.id === stuck[0]);
    expect(fed.at(-1)?.data).toEqual(stuckOrder);
    // … and are visible: one warning per order with its reason, and a gauge of them.
    const warnings = api.lines.filter(
      (l) => l.json.msg === 'order timeout: refund refused' && l.json.orderId === stuck[0],
    );
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings[0]!.json).toMatchObject({ code: 'balance_limit', level: 40 });
    expect(sample(await api.scrape(), 'orders_timeout_refund_refused')).toBe(STUCK);
    // Retried with a backoff, not every minute: three runs tried each stuck order at most twice.
    const tries = api.lines.filter(
      (l) => l.json.msg === 'order timeout: refund refused' && l.json.orderId === stuck[1],
    );
    expect(tries.length).toBeLessThanOrEqual(2);

    // Room made in the wallet: the next retry lands every one of them.
    await ok(post(`/v1/wallets/${fullWallet}/debits`, { amount: STUCK * 100, description: 'room' }));
    clock.advance(60 * 60_000);
    await runTimeouts();
    for (const id of stuck) expect(await getOrder(id)).toMatchObject({ status: 'failed', refundStuck: null });
    expect(sample(await api.scrape(), 'orders_timeout_refund_refused')).toBe(0);
  });
});
