import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_JOBS } from '../../../src/server/jobs/order-jobs.js';
import { call, key, seedReseller, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { listAll, manualClock, ok } from '../../support/tenants.js';

/**
 * Model-based test of orders, fulfilments, failures, renewals and cancellations: random sequences
 * go to the real API and to a model of each order's money. After every sequence: Σ ledger = balance
 * (each row's balanceAfter runs), the balance never went negative, every order's refund is exactly
 * the model's (the unprovisioned share, rounded up), and each subscription was charged once per
 * period it renewed.
 */
const NUM_RUNS = Number(process.env.ORDERS_PROPERTY_RUNS ?? 12);
const DAY = 86_400_000;

type Op =
  | { kind: 'order'; product: number; quantity: number }
  | { kind: 'fulfil'; order: number; provisioned: number }
  | { kind: 'fail'; order: number }
  | { kind: 'credit'; amount: number }
  | { kind: 'advance'; days: number }
  | { kind: 'cancel'; order: number }
  | { kind: 'renewNow'; order: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('order' as const),
    product: fc.nat(2),
    quantity: fc.integer({ min: 1, max: 13 }),
  }),
  fc.record({ kind: fc.constant('fulfil' as const), order: fc.nat(20), provisioned: fc.nat(13) }),
  fc.record({ kind: fc.constant('fail' as const), order: fc.nat(20) }),
  fc.record({ kind: fc.constant('credit' as const), amount: fc.integer({ min: 1, max: 20_000 }) }),
  fc.record({ kind: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('cancel' as const), order: fc.nat(20) }),
  fc.record({ kind: fc.constant('renewNow' as const), order: fc.nat(20) }),
);

interface OrderModel {
  id: string;
  total: number;
  quantity: number;
  subscriptionId: string | null;
  status: 'provisioning' | 'completed' | 'partial' | 'failed';
  refunded: number;
}

describe.each(DIALECTS)('orders and renewals keep Σ ledger = balance on %s', (dialect) => {
  let api: TestApi;
  let admin: string;
  const clock = manualClock('2031-01-01T00:00:00.000Z');
  const products: string[] = [];
  /** Odd unit prices; the last one monthly (it starts subscriptions), one yearly. */
  const PRODUCTS = [
    { name: 'IP', prices: { USD: 333 }, period: 'none' },
    { name: 'Plan', prices: { USD: 1_001 }, period: 'month' },
    { name: 'Annual', prices: { USD: 777 }, period: 'year' },
  ];

  beforeAll(async () => {
    api = await startApi(dialect, { clock: clock.now });
    admin = (await seedReseller(api.app, 'Modelco')).admin;
    for (const p of PRODUCTS) {
      products.push((await ok(call(api.app, 'POST', '/v1/products', { token: admin, body: p }))).id);
    }
  });
  afterAll(() => api.close());

  const post = (url: string, body?: unknown) =>
    call(api.app, 'POST', url, { token: admin, key: key(), ...(body === undefined ? {} : { body }) });

  it('for random sequences', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 30_000 }),
        fc.array(opArb, { maxLength: 25 }),
        async (start, ops) => {
          const c = await ok(
            call(api.app, 'POST', '/v1/customers', {
              token: admin,
              body: { name: 'M', email: `${key()}@example.com` },
            }),
          );
          const w = await ok(
            call(api.app, 'POST', `/v1/customers/${c.id}/wallets`, {
              token: admin,
              body: { currency: 'USD', initialBalance: start },
              key: key('wallet'),
            }),
          );
          const orders: OrderModel[] = [];
          let balance = start;
          const pick = (i: number) => (orders.length === 0 ? undefined : orders[i % orders.length]);

          for (const op of ops) {
            switch (op.kind) {
              case 'order': {
                const unit = PRODUCTS[op.product]!.prices.USD;
                const total = unit * op.quantity;
                const reply = await post(`/v1/customers/${c.id}/orders`, {
                  productId: products[op.product],
                  quantity: op.quantity,
                  currency: 'USD',
                });
                if (total > balance) {
                  expect(reply.status).toBe(422);
                } else {
                  expect(reply.status).toBe(201);
                  balance -= total;
                  orders.push({
                    id: reply.body.order.id,
                    total,
                    quantity: op.quantity,
                    subscriptionId: reply.body.order.subscriptionId,
                    status: 'provisioning',
                    refunded: 0,
                  });
                }
                break;
              }
              case 'fulfil':
              case 'fail': {
                const o = pick(op.order);
                if (!o) break;
                const provisioned = op.kind === 'fail' ? 0 : Math.min(op.provisioned, o.quantity);
                const reply =
                  op.kind === 'fail'
                    ? await post(`/v1/orders/${o.id}/fail`, { reason: 'model' })
                    : await post(`/v1/orders/${o.id}/fulfilment`, { provisioned });
                if (o.status !== 'provisioning') {
                  expect([200, 409]).toContain(reply.status);
                  break;
                }
                expect(reply.status).toBe(200);
                const share = Math.ceil((o.total * (o.quantity - provisioned)) / o.quantity);
                o.status =
                  provisioned === o.quantity ? 'completed' : provisioned === 0 ? 'failed' : 'partial';
                o.refunded = share;
                balance += share;
                expect(reply.body.order).toMatchObject({ status: o.status, refunded: share });
                break;
              }
              case 'credit':
                await ok(post(`/v1/wallets/${w.id}/credits`, { amount: op.amount, description: 'Top up' }));
                balance += op.amount;
                break;
              case 'advance':
                clock.advance(op.days * DAY);
                await api.app.orderJobs.runOnce(ORDER_JOBS.timeouts);
                await api.app.orderJobs.runOnce(ORDER_JOBS.renewals);
                // Timeouts refund stuck orders in full; renewals charge: read the truth back.
                for (const o of orders.filter((x) => x.status === 'provisioning')) {
                  const now = await ok(call(api.app, 'GET', `/v1/orders/${o.id}`, { token: admin }));
                  if (now.status === 'failed') {
                    expect(now.refunded).toBe(o.total);
                    o.status = 'failed';
                    o.refunded = o.total;
                  }
                }
                balance = (await ok(call(api.app, 'GET', `/v1/wallets/${w.id}`, { token: admin }))).balance;
                break;
              case 'cancel': {
                const o = pick(op.order);
                if (!o?.subscriptionId) break;
                expect([200, 409]).toContain(
                  (
                    await call(api.app, 'POST', `/v1/subscriptions/${o.subscriptionId}/cancel`, {
                      token: admin,
                    })
                  ).status,
                );
                break;
              }
              case 'renewNow': {
                const o = pick(op.order);
                if (!o?.subscriptionId) break;
                const reply = await post(`/v1/subscriptions/${o.subscriptionId}/renew`);
                expect([200, 409, 422]).toContain(reply.status);
                if (reply.status === 200) balance = reply.body.wallet.balance;
                break;
              }
            }
            expect(balance).toBeGreaterThanOrEqual(0);
          }

          const rows = (
            await listAll(api.app, admin, `/v1/wallets/${w.id}/transactions?limit=500`)
          ).reverse();
          let running = 0;
          for (const row of rows) {
            running += row.amount;
            expect(row.balanceAfter).toBe(running);
            expect(running).toBeGreaterThanOrEqual(0);
          }
          const wallet = await ok(call(api.app, 'GET', `/v1/wallets/${w.id}`, { token: admin }));
          expect(wallet.balance).toBe(running);
          expect(wallet.balance).toBe(balance);
          for (const o of orders) {
            const now = await ok(call(api.app, 'GET', `/v1/orders/${o.id}`, { token: admin }));
            expect(now).toMatchObject({ status: o.status, refunded: o.refunded });
            if (!o.subscriptionId) continue;
            // One paid attempt per renewal payment row, and no period charged twice.
            const sub = await ok(
              call(api.app, 'GET', `/v1/subscriptions/${o.subscriptionId}`, { token: admin }),
            );
            const paid = sub.attempts.filter((a: any) => a.outcome === 'paid');
            const charges = rows.filter((r: any) => r.type === 'payment' && r.relatedId === o.subscriptionId);
            expect(charges).toHaveLength(paid.length);
            expect(new Set(paid.map((a: any) => a.periodEnd)).size).toBe(paid.length);
          }
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});
