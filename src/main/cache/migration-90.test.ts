import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cacheMigrations } from './cache-migrations.js';
import { migrate } from './migrate.js';

describe('cache migration 90: merchant credits are `credit`', () => {
  it('turns cached merchant credits and initial balances into `credit`; top-ups from payments and reviews, and every other row, stay', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(
      db,
      cacheMigrations.filter((m) => m.version < 90),
    );
    const insert =
      db.prepare(`insert into transactions (seq, id, wallet_id, ordinal, customer_id, type, amount,
        balance_after, currency, status, description, reference, related_id, test, created_at)
      values (?, ?, 'wal_1', ?, 'cus_1', ?, ?, 0, 'USD', 'completed', ?, null, ?, 0, '2025-03-04T12:00:00Z')`);
    const rows: Array<[string, string, number, string, string | null]> = [
      ['txn_initial', 'top_up', 1000, 'Initial balance', null],
      ['txn_credit', 'top_up', 2500, 'Welcome credit', null],
      ['txn_settled', 'top_up', 5000, 'Top-up via Card', 'pay_1'],
      ['txn_applied', 'top_up', 7000, 'Bank transfer applied from review by a@example.com', 'prv_1'],
      // No related record, but a cached payment names it as its ledger row: a top-up all the same.
      ['txn_paid', 'top_up', 900, 'Top-up via Card', null],
      ['txn_payment', 'payment', -500, 'Order 1', null],
      ['txn_refund', 'refund', 200, 'Returned', 'txn_payment'],
      ['txn_adjust', 'adjustment', 100, 'Correction', null],
    ];
    rows.forEach(([id, type, amount, description, related], i) =>
      insert.run(i + 1, id, i + 1, type, amount, description, related),
    );
    db.prepare(
      `insert into payments (id, wallet_id, customer_id, provider, status, created_at, updated_at, data)
       values ('pay_2', 'wal_1', 'cus_1', 'stripe', 'paid', '2025-03-04T12:00:00Z', '2025-03-04T12:00:00Z', ?)`,
    ).run(JSON.stringify({ id: 'pay_2', transactionId: 'txn_paid' }));
    const before = db.prepare('select * from transactions order by seq').all() as Array<
      Record<string, unknown>
    >;

    migrate(db, cacheMigrations);

    const after = db.prepare('select * from transactions order by seq').all() as Array<
      Record<string, unknown>
    >;
    expect(after.map((r) => [r.id, r.type])).toEqual([
      ['txn_initial', 'credit'],
      ['txn_credit', 'credit'],
      ['txn_settled', 'top_up'],
      ['txn_applied', 'top_up'],
      ['txn_paid', 'top_up'],
      ['txn_payment', 'payment'],
      ['txn_refund', 'refund'],
      ['txn_adjust', 'adjustment'],
    ]);
    // Migration 240's number within wallet and type and 340's wording (none on these rows) are new
    // beside them; nothing else changed.
    expect(after.map(({ type: _t, type_ordinal: _o, ...rest }) => rest)).toEqual(
      before.map(({ type: _t, ...rest }) => ({ ...rest, wording: null })),
    );
    // Every migration ran (later ones, past 90, change nothing of this).
    expect(db.pragma('user_version', { simple: true })).toBe(cacheMigrations.at(-1)!.version);
    db.close();
  });
});
