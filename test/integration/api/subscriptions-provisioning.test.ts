import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_JOBS } from '../../../src/server/jobs/order-jobs.js';
import { call, key, seedReseller, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { expectRefusal, listAll, manualClock, ok } from '../../support/tenants.js';

const DAY = 86_400_000;

/**
 * A subscription starts with its order, while the order is still provisioning; what it renews
 * depends on that order's outcome. So nothing renews until the order settles: "Renew now" is
 * refused, the renewal job leaves it due; and a renewal charged meanwhile (by a version before that
 * rule) is refunded with the order: in full when it fails, its unprovisioned share when partial.
 */
describe.each(DIALECTS)('renewals of a subscription whose order is provisioning on %s', (dialect) => {
  let api: TestApi;
  let admin: string;
  let productId: string;
  // February: the month from the 1st (28 days) is shorter than the provisioning timeout (30 days).
  const clock = manualClock('2031-02-01T00:00:00.000Z');

  const renewals = () => api.app.orderJobs.runOnce(ORDER_JOBS.renewals);
  const get = (url: string) => ok(call(api.app, 'GET', url, { token: admin }));
  const post = (url: string, body?: unknown, k = key()) =>
    call(api.app, 'POST', url, { token: admin, key: k, ...(body === undefined ? {} : { body }) });
  const ledger = (walletId: string) =>
    listAll(api.app, admin, `/v1/wallets/${walletId}/transactions?limit=500`);
  const balance = async (walletId: string) => (await get(`/v1/wallets/${walletId}`)).balance as number;

  /** A customer with a USD wallet of `initial`, who ordered `quantity` × 15.00 a month (still provisioning). */
  async function ordered(initial: number, quantity = 2) {
    const c = await ok(
      call(api.app, 'POST', '/v1/customers', {
        token: admin,
        body: { name: 'Sub', email: `${key()}@example.com` },
      }),
    );
    const w = await ok(
      call(api.app, 'POST', `/v1/customers/${c.id}/wallets`, {
        token: admin,
        body: { currency: 'USD', initialBalance: initial },
        key: key('wallet'),
      }),
    );
    const placed = await ok(post(`/v1/customers/${c.id}/orders`, { productId, quantity, currency: 'USD' }));
    expect(placed.order.status).toBe('provisioning');
    const sub = await get(`/v1/subscriptions/${placed.order.subscriptionId}`);
    return { walletId: w.id as string, order: placed.order, sub };
  }

  /**
   * A renewal charged while the order provisioned, as the API did before renewals waited for the
   * order: in the database such charges exist; the order is completed only for the moment of it.
   */
  async function renewedByAnOlderVersion(orderId: string, subscriptionId: string) {
    const setStatus = (status: 'completed' | 'provisioning') =>
      api.db.store.db.updateTable('orders').set({ status }).where('id', '=', orderId).execute();
    await setStatus('completed');
    const renewed = await ok(post(`/v1/subscriptions/${subscriptionId}/renew`));
    await setStatus('provisioning');
    return renewed;
  }

  beforeAll(async () => {
    api = await startApi(dialect, { clock: clock.now });
    admin = (await seedReseller(api.app, 'Hostco')).admin;
    productId = (
      await ok(
        call(api.app, 'POST', '/v1/products', {
          token: admin,
          body: {
            name: 'VPS small',
            prices: { USD: 1_500 },
            period: 'month',
            provisioningTimeoutMinutes: 30 * 24 * 60,
          },
        }),
      )
    ).id;
  });
  afterAll(() => api.close());

  it('"Renew now" is refused 409 naming the order, charges nothing, and renews once the order is provisioned', async () => {
    const { walletId, order, sub } = await ordered(10_000);
    const refused = await post(`/v1/subscriptions/${sub.id}/renew`);
    expectRefusal(refused, 409, 'conflict');
    expect(refused.body.error.message).toBe(
      `order ${order.number} is still being provisioned; renew this subscription once it is provisioned`,
    );
    expect(await balance(walletId)).toBe(7_000);
    expect((await ledger(walletId)).map((t: any) => t.type)).toEqual(['payment', 'credit']);
    expect(await get(`/v1/subscriptions/${sub.id}`)).toMatchObject({
      status: 'active',
      currentPeriodEnd: sub.currentPeriodEnd,
      attempts: [],
    });

    await ok(post(`/v1/orders/${order.id}/fulfilment`, { provisioned: 2 }));
    const renewed = await ok(post(`/v1/subscriptions/${sub.id}/renew`));
    expect(renewed.subscription).toMatchObject({ currentPeriodStart: sub.currentPeriodEnd });
    expect(renewed.transaction).toMatchObject({ type: 'payment', amount: -3_000 });
    expect(await balance(walletId)).toBe(4_000);
  });

  it('the renewal job neither charges nor marks past due while the order provisions, and renews once it completes', async () => {
    clock.advance(Date.parse('2032-02-01T00:00:00.000Z') - clock.now().getTime());
    const covered = await ordered(10_000);
    const short = await ordered(3_000);
    const end = Date.parse(covered.sub.currentPeriodEnd);
    expect(end - clock.now().getTime()).toBe(29 * DAY); // 2032 is a leap year: still under 30 days

    clock.advance(end - clock.now().getTime() + DAY);
    await renewals();
    await renewals();
    for (const { walletId, order, sub } of [covered, short]) {
      expect(await get(`/v1/orders/${order.id}`)).toMatchObject({ status: 'provisioning' });
      expect(await get(`/v1/subscriptions/${sub.id}`)).toMatchObject({
        status: 'active',
        pastDueSince: null,
        currentPeriodEnd: sub.currentPeriodEnd,
        nextAttemptAt: sub.currentPeriodEnd,
        attempts: [],
      });
      expect((await ledger(walletId)).map((t: any) => t.type)).toEqual(['payment', 'credit']);
    }

    await ok(post(`/v1/orders/${covered.order.id}/fulfilment`, { provisioned: 2 }));
    await ok(post(`/v1/orders/${short.order.id}/fail`, { reason: 'no capacity' }));
    await renewals();
    expect(await get(`/v1/subscriptions/${covered.sub.id}`)).toMatchObject({
      status: 'active',
      currentPeriodStart: covered.sub.currentPeriodEnd,
      attempts: [{ outcome: 'paid', trigger: 'schedule', amount: 3_000 }],
    });
    expect(await balance(covered.walletId)).toBe(4_000);
    // The failed order's subscription never renews; its wallet has all of the order back.
    expect(await get(`/v1/subscriptions/${short.sub.id}`)).toMatchObject({
      status: 'cancelled',
      attempts: [],
    });
    expect(await balance(short.walletId)).toBe(3_000);
  });

  it('a renewal charged while the order provisioned is refunded in full when the order fails, once', async () => {
    const { walletId, order, sub } = await ordered(10_000);
    const renewed = await renewedByAnOlderVersion(order.id, sub.id);
    expect(await balance(walletId)).toBe(4_000);

    const k = key();
    const failed = await ok(post(`/v1/orders/${order.id}/fail`, { reason: 'no capacity' }, k));
    expect(failed.order).toMatchObject({ status: 'failed', refunded: 3_000 });
    expect(await balance(walletId)).toBe(10_000);
    const from = renewed.subscription.currentPeriodStart.slice(0, 10);
    const to = renewed.subscription.currentPeriodEnd.slice(0, 10);
    const rows = await ledger(walletId);
    expect(rows.map((t: any) => [t.type, t.amount])).toEqual([
      ['refund', 3_000],
      ['refund', 3_000],
      ['payment', -3_000],
      ['payment', -3_000],
      ['credit', 10_000],
    ]);
    const renewalRefund = rows.find(
      (t: any) => t.type === 'refund' && t.relatedId === renewed.transaction.id,
    );
    expect(renewalRefund).toMatchObject({
      reference: order.number,
      description: `Refund: renewal of 2 × VPS small, ${from} to ${to} (order ${order.number} failed)`,
      wording: {
        kind: 'renewal_refund',
        order: order.number,
        missing: 2,
        quantity: 2,
        product: 'VPS small',
        from,
        to,
      },
    });
    expect(await get(`/v1/subscriptions/${sub.id}`)).toMatchObject({ status: 'cancelled', autoRenew: false });

    // The same report again, and a new one: the same outcome, nothing more refunded.
    expect(await ok(post(`/v1/orders/${order.id}/fail`, { reason: 'no capacity' }, k))).toEqual(failed);
    expect((await post(`/v1/orders/${order.id}/fail`, { reason: 'no capacity' })).status).toBe(200);
    expect(await ledger(walletId)).toHaveLength(5);
    expect(await balance(walletId)).toBe(10_000);
  });

  it('the provisioning timeout refunds renewals charged meanwhile too', async () => {
    const { walletId, order, sub } = await ordered(10_000);
    await renewedByAnOlderVersion(order.id, sub.id);
    clock.advance(30 * DAY);
    await api.app.orderJobs.runOnce(ORDER_JOBS.timeouts);
    expect(await get(`/v1/orders/${order.id}`)).toMatchObject({ status: 'failed', refunded: 3_000 });
    expect(await balance(walletId)).toBe(10_000);
    const refunds = (await ledger(walletId)).filter((t: any) => t.type === 'refund');
    expect(refunds.map((t: any) => t.wording.kind).sort()).toEqual(['order_failed', 'renewal_refund']);
  });

  it('partly provisioned: each renewal charged meanwhile gives back its unprovisioned share', async () => {
    const { walletId, order, sub } = await ordered(20_000, 3);
    const first = await renewedByAnOlderVersion(order.id, sub.id);
    const second = await renewedByAnOlderVersion(order.id, sub.id);
    expect(await balance(walletId)).toBe(20_000 - 3 * 4_500);

    const settled = await ok(post(`/v1/orders/${order.id}/fulfilment`, { provisioned: 1 }));
    expect(settled.order).toMatchObject({ status: 'partial', refunded: 3_000 });
    // 2 of 3 units missing: 30.00 of each 45.00 renewal back, as of the order.
    expect(await balance(walletId)).toBe(20_000 - 3 * 1_500);
    const rows = await ledger(walletId);
    for (const renewal of [first, second]) {
      const refunds = rows.filter((t: any) => t.type === 'refund' && t.relatedId === renewal.transaction.id);
      expect(refunds).toHaveLength(1);
      expect(refunds[0]).toMatchObject({
        amount: 3_000,
        reference: order.number,
        description: expect.stringMatching(
          new RegExp(`^Refund: renewal of 2 of 3 × VPS small not provisioned, .* \\(${order.number}\\)$`),
        ),
        wording: { kind: 'renewal_refund', missing: 2, quantity: 3, order: order.number },
      });
    }
    // From now on it renews what was provisioned.
    const next = await ok(post(`/v1/subscriptions/${sub.id}/renew`));
    expect(next.transaction).toMatchObject({ type: 'payment', amount: -1_500 });
    expect(await balance(walletId)).toBe(20_000 - 4 * 1_500);
  });
});
