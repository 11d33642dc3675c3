import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { wordingOfOlderRow } from '../../../src/shared/api/ledger-wording.js';
import { ORDER_JOBS } from '../../../src/server/jobs/order-jobs.js';
import { chargePeriod } from '../../../src/server/services/subscriptions/renew.js';
import { call, key, seedReseller, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { pressSandboxButton, startPaymentsApi } from '../../support/payments.js';
import {
  createTenant,
  expectRefusal,
  listAll,
  manualClock,
  ok,
  readFeed,
  settleFeed,
} from '../../support/tenants.js';

const DAY = 86_400_000;

/**
 * Subscriptions under a manual clock: the renewal job (run by hand) charges the wallet at the period
 * end, once; a short wallet goes past due on the stated schedule (1, 3, 5 days, then 7: expired);
 * cancelling stops the next charge and refunds nothing; "Renew now" pays at once.
 */
describe.each(DIALECTS)('subscription renewals on %s', (dialect) => {
  let api: TestApi;
  let admin: string;
  let productId: string;
  const clock = manualClock('2030-01-15T10:00:00.000Z');

  const renewals = () => api.app.orderJobs.runOnce(ORDER_JOBS.renewals);
  const get = (url: string) => ok(call(api.app, 'GET', url, { token: admin }));
  const post = (url: string, body?: unknown, k = key()) =>
    call(api.app, 'POST', url, { token: admin, key: k, ...(body === undefined ? {} : { body }) });
  const ledger = (walletId: string) =>
    listAll(api.app, admin, `/v1/wallets/${walletId}/transactions?limit=500`);

  /** A customer with a USD wallet of `balance`, subscribed to 2 × 15.00 a month (30.00 paid now). */
  async function subscriber(balance: number) {
    const c = await ok(
      call(api.app, 'POST', '/v1/customers', {
        token: admin,
        body: { name: 'Sub', email: `${key()}@example.com` },
      }),
    );
    const w = await ok(
      call(api.app, 'POST', `/v1/customers/${c.id}/wallets`, {
        token: admin,
        body: { currency: 'USD', initialBalance: balance },
        key: key('wallet'),
      }),
    );
    const placed = await ok(
      post(`/v1/customers/${c.id}/orders`, { productId, quantity: 2, currency: 'USD' }),
    );
    await ok(post(`/v1/orders/${placed.order.id}/fulfilment`, { provisioned: 2 }));
    const sub = await get(`/v1/subscriptions/${placed.order.subscriptionId}`);
    return { customerId: c.id as string, walletId: w.id as string, sub };
  }

  beforeAll(async () => {
    api = await startApi(dialect, { clock: clock.now });
    admin = (await seedReseller(api.app, 'Hostco')).admin;
    productId = (
      await ok(
        call(api.app, 'POST', '/v1/products', {
          token: admin,
          body: { name: 'VPS small', prices: { USD: 1_500 }, period: 'month' },
        }),
      )
    ).id;
  });
  afterAll(() => api.close());

  it('ordering a monthly product starts an active, auto-renewing subscription for a month', async () => {
    const { sub } = await subscriber(10_000);
    expect(sub).toMatchObject({
      status: 'active',
      autoRenew: true,
      amount: 3_000,
      quantity: 2,
      period: 'month',
      currentPeriodStart: clock.iso(),
      attempts: [],
    });
    expect(Date.parse(sub.currentPeriodEnd) - Date.parse(sub.currentPeriodStart)).toBe(31 * DAY);
  });

  it('at the period end the job charges the wallet once and moves the period on', async () => {
    const { walletId, sub } = await subscriber(10_000);
    clock.advance(Date.parse(sub.currentPeriodEnd) - clock.now().getTime() - 1);
    await renewals();
    expect((await get(`/v1/wallets/${walletId}`)).balance).toBe(7_000);
    clock.advance(1);
    await renewals();
    await renewals();
    const renewed = await get(`/v1/subscriptions/${sub.id}`);
    expect(renewed).toMatchObject({
      status: 'active',
      currentPeriodStart: sub.currentPeriodEnd,
      attempts: [{ outcome: 'paid', trigger: 'schedule', amount: 3_000 }],
    });
    expect(renewed.currentPeriodEnd > sub.currentPeriodEnd).toBe(true);
    const rows = await ledger(walletId);
    expect(rows.filter((t: any) => t.type === 'payment').map((t: any) => t.amount)).toEqual([-3_000, -3_000]);
    expect(rows[0]).toMatchObject({
      reference: sub.id,
      description: expect.stringMatching(/^Renewal: 2 × VPS small/),
      wording: {
        kind: 'renewal',
        quantity: 2,
        product: 'VPS small',
        from: renewed.currentPeriodStart.slice(0, 10),
        to: renewed.currentPeriodEnd.slice(0, 10),
      },
    });
    // A console reading the same row without its wording (written before wordings) words it alike.
    expect(wordingOfOlderRow({ ...rows[0], wording: undefined })).toEqual(rows[0].wording);
    expect((await get(`/v1/wallets/${walletId}`)).balance).toBe(4_000);
  });

  it('a renewal the wallet cannot cover: the customer is told once, days before', async () => {
    const { customerId, sub } = await subscriber(3_000);
    clock.advance(Date.parse(sub.currentPeriodEnd) - clock.now().getTime() - 2 * DAY);
    await renewals();
    await renewals();
    await settleFeed(api.db.store);
    const notices = (await readFeed(api.app, admin)).filter(
      (c: any) => c.entity === 'notice' && c.data.subjectId === sub.id,
    );
    expect(notices).toHaveLength(1);
    expect(notices[0].data).toMatchObject({ kind: 'renewal_not_covered', customerId });
    expect(notices[0].data.message).toMatch(/VPS small renews on .* for 30\.00 USD/);
  });

  it('short at the period end: past due, retried after 1, 3 and 5 days, expired after the 7-day grace', async () => {
    const { walletId, sub } = await subscriber(3_000);
    const end = Date.parse(sub.currentPeriodEnd);
    clock.advance(end - clock.now().getTime());
    await renewals();
    let now = await get(`/v1/subscriptions/${sub.id}`);
    expect(now).toMatchObject({
      status: 'past_due',
      pastDueSince: sub.currentPeriodEnd,
      nextAttemptAt: new Date(end + DAY).toISOString(),
    });
    for (const [day, next] of [
      [1, 3],
      [3, 5],
      [5, 7],
    ] as const) {
      clock.advance(end + day * DAY - clock.now().getTime());
      await renewals();
      now = await get(`/v1/subscriptions/${sub.id}`);
      expect(now).toMatchObject({
        status: 'past_due',
        nextAttemptAt: new Date(end + next * DAY).toISOString(),
      });
    }
    clock.advance(end + 7 * DAY - clock.now().getTime());
    await renewals();
    now = await get(`/v1/subscriptions/${sub.id}`);
    expect(now).toMatchObject({ status: 'expired', nextAttemptAt: null });
    expect(now.attempts.map((a: any) => a.outcome)).toEqual([
      'insufficient_funds',
      'insufficient_funds',
      'insufficient_funds',
      'insufficient_funds',
      'expired',
    ]);
    // Nothing was charged after the order, and nothing refunded.
    expect((await ledger(walletId)).map((t: any) => t.type)).toEqual(['payment', 'credit']);
  });

  it('past due, then money arrives: the next retry pays and a new period starts then', async () => {
    const { walletId, sub } = await subscriber(3_000);
    const end = Date.parse(sub.currentPeriodEnd);
    clock.advance(end - clock.now().getTime());
    await renewals();
    await ok(post(`/v1/wallets/${walletId}/credits`, { amount: 5_000, description: 'Bank transfer' }));
    clock.advance(DAY);
    await renewals();
    const paid = await get(`/v1/subscriptions/${sub.id}`);
    expect(paid).toMatchObject({ status: 'active', pastDueSince: null, currentPeriodStart: clock.iso() });
    expect(paid.attempts.map((a: any) => a.outcome)).toEqual(['insufficient_funds', 'paid']);
    expect((await get(`/v1/wallets/${walletId}`)).balance).toBe(2_000);
  });

  it('cancel: auto-renew off, active until the period end, then ended with no charge and no refund', async () => {
    const { walletId, sub } = await subscriber(10_000);
    const cancelled = await ok(call(api.app, 'POST', `/v1/subscriptions/${sub.id}/cancel`, { token: admin }));
    expect(cancelled).toMatchObject({
      status: 'active',
      autoRenew: false,
      currentPeriodEnd: sub.currentPeriodEnd,
    });
    // Again: the same answer.
    expect(await ok(call(api.app, 'POST', `/v1/subscriptions/${sub.id}/cancel`, { token: admin }))).toEqual(
      cancelled,
    );
    const before = await ledger(walletId);
    clock.advance(Date.parse(sub.currentPeriodEnd) - clock.now().getTime());
    await renewals();
    const ended = await get(`/v1/subscriptions/${sub.id}`);
    expect(ended).toMatchObject({
      status: 'cancelled',
      nextAttemptAt: null,
      attempts: [{ outcome: 'ended' }],
    });
    expect(await ledger(walletId)).toEqual(before);
    expect((await get(`/v1/wallets/${walletId}`)).balance).toBe(7_000);
  });

  it('cancelled while the job is renewing it: the job, having read it before, charges nothing', async () => {
    const { walletId, sub } = await subscriber(10_000);
    clock.advance(Date.parse(sub.currentPeriodEnd) - clock.now().getTime());
    // The job read the subscription (auto-renew on) just before the customer's cancel committed.
    const read = await api.db.store.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('id', '=', sub.id)
      .executeTakeFirstOrThrow();
    await ok(call(api.app, 'POST', `/v1/subscriptions/${sub.id}/cancel`, { token: admin }));
    const charged = api.db.store.write((trx) => chargePeriod(trx, read, 'schedule', clock.iso()));
    await expect(charged).rejects.toMatchObject({ code: 'conflict' });
    expect((await get(`/v1/wallets/${walletId}`)).balance).toBe(7_000);
    await renewals();
    const ended = await get(`/v1/subscriptions/${sub.id}`);
    expect(ended).toMatchObject({ status: 'cancelled', autoRenew: false, attempts: [{ outcome: 'ended' }] });
    expect((await get(`/v1/wallets/${walletId}`)).balance).toBe(7_000);
  });

  // Two writers at once: PostgreSQL only (SQLite runs one write transaction at a time).
  it.runIf(dialect === 'postgres')(
    'cancelled while the job is renewing it: the period just paid for runs to its end, then it ends',
    async () => {
      const { walletId, sub } = await subscriber(10_000);
      clock.advance(Date.parse(sub.currentPeriodEnd) - clock.now().getTime());
      let cancel: ReturnType<typeof call> | undefined;
      // The job charges the period; before it commits, the customer cancels (its write waits for the job's).
      await api.db.store.write(async (trx) => {
        const read = await trx
          .selectFrom('subscriptions')
          .selectAll()
          .where('id', '=', sub.id)
          .executeTakeFirstOrThrow();
        await chargePeriod(trx, read, 'schedule', clock.iso());
        cancel = call(api.app, 'POST', `/v1/subscriptions/${sub.id}/cancel`, { token: admin });
        for (;;) {
          const waiting = await sql<{ n: string }>`select count(*) as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`.execute(api.db.store.db);
          if (Number(waiting.rows[0]!.n) > 0) break;
          await new Promise((resolve) => setImmediate(resolve));
        }
      });
      const cancelled = await ok(cancel!);
      const paid = await get(`/v1/subscriptions/${sub.id}`);
      expect(paid.currentPeriodStart).toBe(sub.currentPeriodEnd);
      expect(cancelled).toMatchObject({
        status: 'active',
        autoRenew: false,
        currentPeriodEnd: paid.currentPeriodEnd,
      });
      expect(paid).toMatchObject({
        status: 'active',
        autoRenew: false,
        nextAttemptAt: paid.currentPeriodEnd,
      });
      // The job runs again at once: the period paid for is not ended early.
      await renewals();
      expect(await get(`/v1/subscriptions/${sub.id}`)).toMatchObject({ status: 'active', autoRenew: false });
      clock.advance(Date.parse(paid.currentPeriodEnd) - clock.now().getTime());
      await renewals();
      expect(await get(`/v1/subscriptions/${sub.id}`)).toMatchObject({
        status: 'cancelled',
        nextAttemptAt: null,
      });
      expect((await get(`/v1/wallets/${walletId}`)).balance).toBe(4_000);
    },
  );

  it('renew now pays the next period from the wallet at once; a replay answers the same; a short wallet is refused', async () => {
    const { walletId, sub } = await subscriber(6_000);
    const k = key();
    const renewed = await post(`/v1/subscriptions/${sub.id}/renew`, undefined, k);
    expect(renewed.status).toBe(200);
    expect(renewed.body.subscription).toMatchObject({ currentPeriodStart: sub.currentPeriodEnd });
    expect(renewed.body.transaction).toMatchObject({ type: 'payment', amount: -3_000 });
    expect(renewed.body.wallet.balance).toBe(0);
    const replay = await post(`/v1/subscriptions/${sub.id}/renew`, undefined, k);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(renewed.body);
    expectRefusal(await post(`/v1/subscriptions/${sub.id}/renew`), 422, 'insufficient_funds', 'amount');
    expect((await get(`/v1/wallets/${walletId}`)).balance).toBe(0);
    expectRefusal(
      await call(api.app, 'POST', `/v1/subscriptions/${sub.id}/renew`, { token: admin }),
      400,
      'idempotency_key_missing',
      'Idempotency-Key',
    );
  });

  it('a wallet on hold at the period end: that subscription falls past due saying why, and the others still renew', async () => {
    const held = await subscriber(10_000);
    const other = await subscriber(10_000);
    // The hold is what payments/reversals.ts sets when a reversal takes more than the wallet held.
    await api.db.store.db
      .updateTable('wallets')
      .set({ spending_hold: 1 })
      .where('id', '=', held.walletId)
      .execute();
    clock.advance(Date.parse(held.sub.currentPeriodEnd) - clock.now().getTime());
    await renewals();
    const renewed = await get(`/v1/subscriptions/${other.sub.id}`);
    expect(renewed).toMatchObject({ status: 'active', attempts: [{ outcome: 'paid' }] });
    const late = await get(`/v1/subscriptions/${held.sub.id}`);
    expect(late).toMatchObject({
      status: 'past_due',
      pastDueSince: held.sub.currentPeriodEnd,
      nextAttemptAt: new Date(Date.parse(held.sub.currentPeriodEnd) + DAY).toISOString(),
      attempts: [{ outcome: 'insufficient_funds', detail: expect.stringMatching(/on hold/) }],
    });
    expect((await get(`/v1/wallets/${held.walletId}`)).balance).toBe(7_000);
  });

  it('lists subscriptions renewing before a date, per customer', async () => {
    const { customerId, sub } = await subscriber(10_000);
    const soon = await get(
      `/v1/subscriptions?customerId=${customerId}&renewingBefore=${encodeURIComponent(
        new Date(Date.parse(sub.currentPeriodEnd) + 1).toISOString(),
      )}`,
    );
    expect(soon.items.map((s: any) => s.id)).toEqual([sub.id]);
    const none = await get(
      `/v1/subscriptions?customerId=${customerId}&renewingBefore=${encodeURIComponent(sub.currentPeriodEnd)}`,
    );
    expect(none.items).toEqual([]);
    expectRefusal(
      await call(api.app, 'GET', '/v1/subscriptions?renewingBefore=tomorrow', { token: admin }),
      400,
      'validation',
      'renewingBefore',
    );
  });
});

/** Short at the period end with a default saved card: an off-session top-up of the shortfall, then the charge. */
describe.each(DIALECTS)('a renewal paid through the default saved method on %s', (dialect) => {
  let api: TestApi;
  const clock = manualClock('2030-03-01T08:00:00.000Z');
  beforeEach(async () => {
    api = await startPaymentsApi(dialect, { listen: true, clock: clock.now });
  });
  afterEach(() => api.close());

  /**
   * A tenant whose customer's card was saved at the sandbox's checkout (by paying 10.00 with it) and
   * made the default; `as` calls the API as its admin, each call under a fresh key.
   */
  async function tenantWithDefaultCard(name: string) {
    const t = await createTenant(api.app, name);
    const as = (method: 'GET' | 'POST', url: string, body?: unknown) =>
      ok(call(api.app, method, url, { token: t.admin, ...(body === undefined ? {} : { body }), key: key() }));
    const payer = await as('POST', `/v1/customers/${t.customerId}/payers`, { name: 'Accounts' });
    const first = await as('POST', `/v1/wallets/${t.walletId}/top-ups`, {
      amount: 1_000,
      provider: 'sandbox',
      payerId: payer.id,
      saveMethod: true,
    });
    await pressSandboxButton(first.checkout.url, 'pay');
    await api.app.payments.settled();
    await as('POST', `/v1/payment-methods/${first.savesMethodId}/default`);
    return { t, as, savedMethodId: first.savesMethodId as string };
  }

  /**
   * A monthly product at `price` (USD minor units) ordered for the customer and provisioned (nothing
   * renews while its order is still provisioning); the clock then moved to the end of the
   * subscription's period and the renewals job run. The subscription as it was, then after.
   */
  async function renewedAtPeriodEnd(
    { t, as }: Awaited<ReturnType<typeof tenantWithDefaultCard>>,
    price: number,
    beforeRenewal: () => Promise<void>,
  ) {
    const product = await as('POST', '/v1/products', {
      name: 'Plan',
      prices: { USD: price },
      period: 'month',
    });
    const placed = await as('POST', `/v1/customers/${t.customerId}/orders`, {
      productId: product.id,
      quantity: 1,
      currency: 'USD',
    });
    await as('POST', `/v1/orders/${placed.order.id}/fulfilment`, { provisioned: 1 });
    await beforeRenewal();
    const sub = await as('GET', `/v1/subscriptions/${placed.order.subscriptionId}`);
    clock.advance(Date.parse(sub.currentPeriodEnd) - clock.now().getTime());
    await api.app.orderJobs.runOnce(ORDER_JOBS.renewals);
    return { sub, after: await as('GET', `/v1/subscriptions/${sub.id}`) };
  }

  it('tops up the shortfall with the saved card, then renews; both attempts are visible', async () => {
    const shop = await tenantWithDefaultCard('Cardco');
    const { t, as } = shop;
    let shortfall = 0;
    const { sub, after } = await renewedAtPeriodEnd(shop, 60_000, async () => {
      shortfall = 60_000 - (await as('GET', `/v1/wallets/${t.walletId}`)).availableBalance;
      expect(shortfall).toBeGreaterThan(0);
    });

    expect(after).toMatchObject({
      status: 'active',
      currentPeriodStart: sub.currentPeriodEnd,
      pendingPaymentId: null,
    });
    // Both in the same instant of the manual clock: listed oldest first, in either order between them.
    expect(after.attempts.map((a: any) => a.outcome).sort()).toEqual(['paid', 'top_up_started']);
    const started = after.attempts.find((a: any) => a.outcome === 'top_up_started');
    const topUp = await as('GET', `/v1/payments/${started.paymentId}`);
    expect(topUp).toMatchObject({ status: 'paid', amount: shortfall, savedMethodId: shop.savedMethodId });
    expect((await as('GET', `/v1/wallets/${t.walletId}`)).availableBalance).toBe(0);
  });

  it('short by less than the smallest top-up: the saved card tops up that smallest amount, and it renews', async () => {
    const shop = await tenantWithDefaultCard('Centco');
    const { t, as } = shop;
    // A price that leaves the wallet 10 or 11 cents short of the renewal (the smallest USD top-up is 0.50).
    const held = (await as('GET', `/v1/wallets/${t.walletId}`)).availableBalance;
    const price = Math.ceil((held + 10) / 2);
    let shortfall = 0;
    const { sub, after } = await renewedAtPeriodEnd(shop, price, async () => {
      shortfall = price - (await as('GET', `/v1/wallets/${t.walletId}`)).availableBalance;
      expect(shortfall).toBeGreaterThan(0);
      expect(shortfall).toBeLessThan(50);
    });

    expect(after).toMatchObject({ status: 'active', currentPeriodStart: sub.currentPeriodEnd });
    const started = after.attempts.find((a: any) => a.outcome === 'top_up_started');
    expect(await as('GET', `/v1/payments/${started.paymentId}`)).toMatchObject({
      status: 'paid',
      amount: 50,
    });
    expect((await as('GET', `/v1/wallets/${t.walletId}`)).availableBalance).toBe(50 - shortfall);
  });
});
