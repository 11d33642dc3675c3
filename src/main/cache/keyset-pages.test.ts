import { beforeEach, describe, expect, it } from 'vitest';
import type { EntityChange } from '../../shared/api/sync.js';
import type { OlderThan } from '../../shared/ipc-contract.js';
import { testInvoice, testOrder, testSubscription, testTicket } from '../../shared/testing/records.js';
import { memoryCache, testPayment } from '../testing/handler-world.js';
import { feedPage } from '../sync/feed-page.js';
import type { CacheStore } from './cache-store.js';

let cache: CacheStore;
let db: ReturnType<typeof memoryCache>['db'];
beforeEach(() => ({ cache, db } = memoryCache()));

const RECORDS = 230;
/** Record i's creation time: three records share each second, so pages must part ties by id. */
const createdAt = (i: number) => new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 3) * 1000).toISOString();
/** Ids that do not sort as their creation order does. */
const idOf = (prefix: string, i: number) => `${prefix}_${String((i * 7919) % 1000).padStart(3, '0')}_${i}`;

function apply(changes: Array<Omit<EntityChange, 'seq'>>) {
  cache.applyPage(
    feedPage(
      changes.map((c, i) => ({ ...c, seq: i + 1 }) as EntityChange),
      changes.length,
    ),
  );
}

/** Every page of a list, each asked for below the last record of the one before, until one is short. */
function everyPage<T extends { id: string; createdAt: string }>(
  read: (olderThan: OlderThan | undefined) => T[],
  limit: number,
): string[][] {
  const pages: string[][] = [];
  let olderThan: OlderThan | undefined;
  for (;;) {
    const page = read(olderThan);
    pages.push(page.map((r) => r.id));
    if (page.length < limit) return pages;
    const last = page.at(-1)!;
    olderThan = { createdAt: last.createdAt, id: last.id };
  }
}

/** What a newest-first list must hold: the matching records by creation time, then id, descending. */
function newestFirst<T extends { id: string; createdAt: string }>(records: T[], keep: (r: T) => boolean) {
  return records
    .filter(keep)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (a.id < b.id ? 1 : -1))
    .map((r) => r.id);
}

/** The plan of a list's page: it must seek an index in the list's order, not sort the table. */
function plan(sql: string, params: unknown[]): string {
  const rows = db.prepare(`explain query plan ${sql}`).all(...params) as Array<{ detail: string }>;
  return rows.map((r) => r.detail).join('; ');
}

describe('lists of the cache, a keyset page at a time', () => {
  it('payments: every payment exactly once, in order, with each filter the Payments screen and transfer picker offer', () => {
    const statuses = ['paid', 'failed', 'paid', 'expired', 'paid', 'new'] as const;
    const payments = Array.from({ length: RECORDS }, (_, i) =>
      testPayment({
        id: idOf('pay', i),
        walletId: i % 2 ? 'wal_1' : 'wal_2',
        customerId: i % 3 ? 'cus_1' : 'cus_2',
        status: statuses[i % statuses.length]!,
        provider: i % 5 ? 'sandbox' : 'paypal',
        currency: i % 7 ? 'VND' : 'USD',
        createdAt: createdAt(i),
      }),
    );
    apply(payments.map((data) => ({ entity: 'payment', id: data.id, op: 'create', data })));

    const filters = [
      {},
      { walletId: 'wal_1' },
      { customerId: 'cus_2' },
      { customerId: 'cus_1', status: 'paid' as const },
      { status: 'failed' as const },
      { provider: 'paypal' as const },
      { walletId: 'wal_2', status: 'paid' as const },
      { unpaidIn: 'VND' },
      { unpaidIn: 'USD', walletId: 'wal_1' },
    ];
    for (const filter of filters) {
      const pages = everyPage((olderThan) => cache.payments(filter, 40, olderThan), 40);
      const expected = newestFirst(payments, (p) =>
        Object.entries(filter).every(([key, value]) =>
          key === 'unpaidIn'
            ? p.status !== 'paid' && p.currency === value
            : p[key as keyof typeof p] === value,
        ),
      );
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(pages.flat(), JSON.stringify(filter)).toEqual(expected);
      expect(pages.slice(0, -1).every((page) => page.length === 40)).toBe(true);
    }
  });

  it("payments: one whose money staff applied to another customer's wallet is listed under that wallet and customer", () => {
    const held = testPayment({
      id: 'pay_held',
      walletId: 'wal_1',
      customerId: 'cus_1',
      status: 'processing',
    });
    apply([{ entity: 'payment', id: held.id, op: 'create', data: held }]);
    const moved = {
      ...held,
      walletId: 'wal_2',
      customerId: 'cus_2',
      status: 'paid' as const,
      updatedAt: new Date(Date.parse(held.updatedAt) + 1000).toISOString(),
    };
    apply([{ entity: 'payment', id: held.id, op: 'update', data: moved }]);

    const ids = (filter: Parameters<CacheStore['payments']>[0]) =>
      cache.payments(filter, 10).map((p) => p.id);
    expect(ids({ customerId: 'cus_2' })).toEqual(['pay_held']);
    expect(ids({ walletId: 'wal_2', status: 'paid' })).toEqual(['pay_held']);
    expect(ids({ customerId: 'cus_1' })).toEqual([]);
    expect(ids({ walletId: 'wal_1' })).toEqual([]);
  });

  it('invoices by status as the list shows them: one whose payment is held, processing, charging a saved card or held unanswered is not Unpaid', () => {
    const payments = [
      testPayment({ id: 'pay_held', status: 'processing', heldForReview: true }),
      testPayment({ id: 'pay_confirming', status: 'processing' }),
      testPayment({ id: 'pay_new', status: 'new' }),
      // The off-session charge of a saved card for an auto-pay invoice's rest, not answered yet.
      testPayment({ id: 'pay_charging', status: 'new', savedMethodId: 'spm_1' }),
      // A saved method's charge held unanswered (lapsed-charge.ts): whether it was made is unknown.
      testPayment({
        id: 'pay_unanswered',
        status: 'new',
        savedMethodId: 'spm_2',
        checkout: null,
        heldForReview: true,
      }),
    ];
    apply(payments.map((data) => ({ entity: 'payment', id: data.id, op: 'create', data })));
    const invoices = [
      testInvoice({ id: 'inv_held', status: 'open', pendingPaymentId: 'pay_held', createdAt: createdAt(1) }),
      testInvoice({
        id: 'inv_part_held',
        status: 'partially_paid',
        pendingPaymentId: 'pay_held',
        createdAt: createdAt(2),
      }),
      testInvoice({
        id: 'inv_confirming',
        status: 'open',
        pendingPaymentId: 'pay_confirming',
        createdAt: createdAt(3),
      }),
      testInvoice({
        id: 'inv_checkout',
        status: 'open',
        pendingPaymentId: 'pay_new',
        createdAt: createdAt(4),
      }),
      testInvoice({ id: 'inv_open', status: 'open', createdAt: createdAt(5) }),
      testInvoice({ id: 'inv_part', status: 'partially_paid', createdAt: createdAt(6) }),
      testInvoice({ id: 'inv_paid', status: 'paid', pendingPaymentId: 'pay_held', createdAt: createdAt(7) }),
      testInvoice({
        id: 'inv_charging',
        status: 'partially_paid',
        pendingPaymentId: 'pay_charging',
        createdAt: createdAt(8),
      }),
      testInvoice({
        id: 'inv_unanswered',
        status: 'open',
        pendingPaymentId: 'pay_unanswered',
        createdAt: createdAt(9),
      }),
    ];
    apply(invoices.map((data) => ({ entity: 'invoice', id: data.id, op: 'create', data })));

    const listed = (status: Parameters<CacheStore['invoices']>[0]['status']) =>
      cache.invoices({ status }, 50).map((i) => i.id);
    expect(listed('open')).toEqual(['inv_open', 'inv_checkout']);
    expect(listed('partially_paid')).toEqual(['inv_part']);
    expect(listed('payment_held')).toEqual(['inv_part_held', 'inv_held']);
    expect(listed('processing')).toEqual(['inv_unanswered', 'inv_charging', 'inv_confirming']);
    expect(listed('paid')).toEqual(['inv_paid']);
  });

  it('orders and invoices: every record exactly once, in order, whole or by customer or status', () => {
    const orders = Array.from({ length: RECORDS }, (_, i) =>
      testOrder({
        id: idOf('ord', i),
        customerId: i % 4 ? 'cus_1' : 'cus_2',
        status: i % 3 ? 'completed' : 'failed',
        createdAt: createdAt(i),
      }),
    );
    const invoices = Array.from({ length: RECORDS }, (_, i) =>
      testInvoice({
        id: idOf('inv', i),
        number: `INV-${i}`,
        customerId: i % 4 ? 'cus_1' : 'cus_2',
        status: i % 3 ? 'paid' : 'open',
        createdAt: createdAt(i),
      }),
    );
    apply([
      ...orders.map((data) => ({ entity: 'order' as const, id: data.id, op: 'create' as const, data })),
      ...invoices.map((data) => ({ entity: 'invoice' as const, id: data.id, op: 'create' as const, data })),
    ]);

    for (const filter of [{}, { customerId: 'cus_2' }, { status: 'failed' as const }]) {
      const pages = everyPage((olderThan) => cache.orderReads.orders(filter, 50, olderThan), 50);
      const expected = newestFirst(orders, (o) =>
        Object.entries(filter).every(([key, value]) => o[key as keyof typeof o] === value),
      );
      expect(pages.flat(), JSON.stringify(filter)).toEqual(expected);
    }
    for (const filter of [{}, { customerId: 'cus_2' }, { status: 'open' as const }]) {
      const pages = everyPage((olderThan) => cache.invoices(filter, 50, olderThan), 50);
      const expected = newestFirst(invoices, (v) =>
        Object.entries(filter).every(([key, value]) => v[key as keyof typeof v] === value),
      );
      expect(pages.flat(), JSON.stringify(filter)).toEqual(expected);
    }
  });

  it('tickets: every ticket exactly once, latest activity first, by status, assignee (or nobody) and subject', () => {
    const tickets = Array.from({ length: RECORDS }, (_, i) =>
      testTicket({
        id: idOf('tkt', i),
        status: i % 3 ? 'open' : 'resolved',
        assigneeUserId: i % 4 === 0 ? null : i % 4 === 1 ? 'usr_1' : 'usr_2',
        about: { kind: 'payment', id: i % 5 ? 'pay_1' : 'pay_2' },
        // Activity order is not creation order: pages go by the latest activity.
        createdAt: createdAt(RECORDS - i),
        updatedAt: createdAt(i),
      }),
    );
    apply(tickets.map((data) => ({ entity: 'ticket', id: data.id, op: 'create', data })));

    const cases: Array<
      [Parameters<CacheStore['ticketReads']['tickets']>[0], (t: (typeof tickets)[number]) => boolean]
    > = [
      [{}, () => true],
      [{ status: 'resolved' }, (t) => t.status === 'resolved'],
      [{ assignee: 'none' }, (t) => t.assigneeUserId === null],
      [{ assignee: 'usr_2', status: 'open' }, (t) => t.assigneeUserId === 'usr_2' && t.status === 'open'],
      [{ about: 'pay_2' }, (t) => t.about?.id === 'pay_2'],
    ];
    for (const [filter, keep] of cases) {
      const pages: string[][] = [];
      let olderThan: { updatedAt: string; id: string } | undefined;
      for (;;) {
        const page = cache.ticketReads.tickets(filter, 30, olderThan);
        pages.push(page.map((t) => t.id));
        if (page.length < 30) break;
        olderThan = { updatedAt: page.at(-1)!.updatedAt, id: page.at(-1)!.id };
      }
      const expected = tickets
        .filter(keep)
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || (a.id < b.id ? 1 : -1))
        .map((t) => t.id);
      expect(pages.flat(), JSON.stringify(filter)).toEqual(expected);
    }
  });

  it('subscriptions: soonest renewal first, every one exactly once, whole, by customer, live, or renewing before a date', () => {
    const statuses = ['active', 'past_due', 'cancelled', 'expired'] as const;
    const subscriptions = Array.from({ length: RECORDS }, (_, i) =>
      testSubscription({
        id: idOf('sub', i),
        customerId: i % 2 ? 'cus_1' : 'cus_2',
        status: statuses[i % 4]!,
        // Renewal order is neither creation nor id order, and three share each period end.
        currentPeriodEnd: createdAt((i * 37) % RECORDS),
        createdAt: createdAt(i),
      }),
    );
    apply(subscriptions.map((data) => ({ entity: 'subscription', id: data.id, op: 'create', data })));

    const isLive = (s: (typeof subscriptions)[number]) => s.status === 'active' || s.status === 'past_due';
    const before = createdAt(150);
    const cases: Array<
      [
        Parameters<CacheStore['orderReads']['subscriptions']>[0],
        (s: (typeof subscriptions)[number]) => boolean,
      ]
    > = [
      [{}, () => true],
      [{ customerId: 'cus_1' }, (s) => s.customerId === 'cus_1'],
      [{ live: true }, isLive],
      [{ live: true, customerId: 'cus_2' }, (s) => isLive(s) && s.customerId === 'cus_2'],
      [{ renewingBefore: before }, (s) => isLive(s) && s.currentPeriodEnd < before],
    ];
    for (const [filter, keep] of cases) {
      const pages: string[][] = [];
      let laterThan: { currentPeriodEnd: string; id: string } | undefined;
      for (;;) {
        const page = cache.orderReads.subscriptions(filter, 20, laterThan);
        pages.push(page.map((s) => s.id));
        if (page.length < 20) break;
        laterThan = { currentPeriodEnd: page.at(-1)!.currentPeriodEnd, id: page.at(-1)!.id };
      }
      const expected = subscriptions
        .filter(keep)
        .sort((a, b) => a.currentPeriodEnd.localeCompare(b.currentPeriodEnd) || (a.id < b.id ? -1 : 1))
        .map((s) => s.id);
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(20);
      expect(pages.flat(), JSON.stringify(filter)).toEqual(expected);
    }
  });

  it('a page deep down is one index seek in the list order, for every filter, never a sort of the table', () => {
    const below = ['2026-01-01T00:00:00.000Z', 'x_1'];
    const page = (table: string, where: string) => {
      const order = table === 'tickets' ? 'updated_at' : 'created_at';
      return `select data from ${table} where ${where}(${order}, id) < (?, ?) order by ${order} desc, id desc limit 50`;
    };
    const cases: Array<[string, string, unknown[]]> = [
      ['payments', '', []],
      ['payments', 'wallet_id = ? and ', ['wal_1']],
      ['payments', 'customer_id = ? and ', ['cus_1']],
      ['payments', 'status = ? and ', ['paid']],
      ['payments', 'provider = ? and ', ['paypal']],
      ['payments', 'wallet_id = ? and status = ? and ', ['wal_1', 'paid']],
      ['payments', `status != 'paid' and currency = ? and `, ['VND']],
      ['orders', '', []],
      ['orders', 'customer_id = ? and ', ['cus_1']],
      ['orders', 'status = ? and ', ['failed']],
      ['invoices', '', []],
      ['invoices', 'customer_id = ? and ', ['cus_1']],
      ['invoices', 'status = ? and ', ['open']],
      ['tickets', '', []],
      ['tickets', 'status = ? and ', ['open']],
      ['tickets', 'assignee_user_id is null and ', []],
      ['tickets', 'assignee_user_id = ? and ', ['usr_1']],
      ['tickets', 'subject_id = ? and ', ['pay_1']],
    ];
    const live = `status in ('active', 'past_due') and `;
    const renewals = (where: string) =>
      `select data from subscriptions where ${where}(current_period_end, id) > (?, ?) order by current_period_end, id limit 50`;
    const plans: Array<[string, string]> = [
      ...cases.map(([table, where, params]): [string, string] => [
        `${table} ${where}`,
        plan(page(table, where), [...params, ...below]),
      ]),
      ['subscriptions', plan(renewals(''), below)],
      ['subscriptions by customer', plan(renewals('customer_id = ? and '), ['cus_1', ...below])],
      ['live subscriptions', plan(renewals(live), below)],
      ['live subscriptions by customer', plan(renewals(`customer_id = ? and ${live}`), ['cus_1', ...below])],
    ];
    for (const [what, detail] of plans) {
      expect(detail, what).toMatch(/USING (COVERING )?INDEX/);
      expect(detail, what).not.toMatch(/TEMP B-TREE/);
    }
  });
});
