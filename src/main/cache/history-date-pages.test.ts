import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntityChange } from '../../shared/api/sync.js';
import { testTransaction } from '../../shared/testing/records.js';
import { feedPage } from '../sync/feed-page.js';
import { cacheMigrations } from './cache-migrations.js';
import { CacheStore, type HistoryFilter } from './cache-store.js';
import { migrate } from './migrate.js';

/**
 * A history filtered by dates is read as a range of ordinals (found by searching the ordinals) rather than
 * by LIMIT/OFFSET over a WHERE on created_at: every page, and the total, must be exactly what the
 * textbook query gives, for ranges before, inside, across and after the wallet's days.
 */

let db: BetterSqlite3.Database;
let cache: CacheStore;

/** The feed's creation of a ledger row. */
function ledgerRow(seq: number, walletId: string, n: number, createdAt: string): EntityChange {
  const data = testTransaction({
    id: `txn_${walletId}_${n}`,
    walletId,
    type: n % 4 === 0 ? 'payment' : 'top_up',
    amount: n % 4 === 0 ? -100 : 500,
    balanceAfter: 1000 + n,
    description: `movement ${n}`,
    createdAt,
  });
  return { seq, entity: 'transaction', id: data.id, op: 'create', data };
}

/** Rows of two wallets, interleaved, a few a day over January 2025 (several on some days, none on others). */
function seed(): void {
  const changes: EntityChange[] = [];
  for (let n = 1; n <= 120; n++) {
    for (const walletId of ['wal_A', 'wal_B']) {
      const day = 1 + Math.floor((n * n) / 500);
      const createdAt = new Date(Date.UTC(2025, 0, day, 0, 0, n)).toISOString();
      changes.push(ledgerRow(changes.length + 1, walletId, n, createdAt));
    }
  }
  cache.applyPage(feedPage(changes, changes.length));
}

/** The textbook answer, straight from SQLite. */
function textbook(filter: HistoryFilter, offset: number, limit: number) {
  const where = ['wallet_id = ?'];
  const params: unknown[] = [filter.walletId];
  const add = (clause: string, value: unknown) => {
    where.push(clause);
    params.push(value);
  };
  if (filter.type) add('type = ?', filter.type);
  if (filter.from) add('created_at >= ?', `${filter.from}T00:00:00.000Z`);
  if (filter.to) add('created_at <= ?', `${filter.to}T23:59:59.999Z`);
  const ids = (
    db
      .prepare(`select id from transactions where ${where.join(' and ')} order by seq desc limit ? offset ?`)
      .all(...params, limit, offset) as Array<{ id: string }>
  ).map((r) => r.id);
  const total = (
    db.prepare(`select count(*) as n from transactions where ${where.join(' and ')}`).get(...params) as {
      n: number;
    }
  ).n;
  return { ids, total };
}

beforeEach(() => {
  db = new BetterSqlite3(':memory:');
  migrate(db, cacheMigrations);
  cache = new CacheStore(db);
  seed();
});
afterEach(() => db.close());

describe('wallet history filtered by dates', () => {
  const ranges: Array<Pick<HistoryFilter, 'from' | 'to'>> = [
    { from: '2025-01-05' },
    { to: '2025-01-10' },
    { from: '2025-01-03', to: '2025-01-03' },
    { from: '2025-01-02', to: '2025-01-20' },
    { from: '2024-12-01', to: '2024-12-31' },
    { from: '2025-03-01' },
    { from: '2024-01-01', to: '2026-01-01' },
    { from: '2025-01-20', to: '2025-01-02' },
  ];

  it('gives the textbook page and total at every offset, with and without a type', () => {
    for (const range of ranges) {
      for (const type of [undefined, 'payment'] as const) {
        const filter = { walletId: 'wal_A', ...range, type };
        const { total } = textbook(filter, 0, 1);
        for (let offset = 0; offset <= total + 7; offset += 7) {
          const page = cache.history(filter, { offset, limit: 7 });
          const label = JSON.stringify({ ...filter, offset });
          expect(
            page.items.map((t) => t.id),
            label,
          ).toEqual(textbook(filter, offset, 7).ids);
          expect(page.total, label).toBe(offset === 0 ? total : null);
        }
      }
    }
  });

  it('counts what the textbook counts for any pace of rows: bursts, quiet weeks, many on one instant', () => {
    const day = 86_400_000;
    const start = Date.UTC(2025, 0, 1);
    const dateOf = (offsetDays: number) => new Date(start + offsetDays * day).toISOString().slice(0, 10);
    fc.assert(
      fc.property(
        // The time from each row to the next: often none or seconds, sometimes weeks.
        fc.array(
          fc.oneof(
            fc.constant(0),
            fc.integer({ min: 1, max: 60_000 }),
            fc.integer({ min: 0, max: 30 * day }),
          ),
          {
            minLength: 0,
            maxLength: 200,
          },
        ),
        fc.integer({ min: -5, max: 400 }),
        fc.integer({ min: -5, max: 400 }),
        (gaps, fromDay, toDay) => {
          db.prepare('delete from transactions').run();
          let at = start;
          const changes = gaps.map((gap, i) => {
            at += gap;
            return ledgerRow(i + 1, 'wal_C', i + 1, new Date(at).toISOString());
          });
          cache.applyPage(feedPage(changes, changes.length));
          const filter = { walletId: 'wal_C', from: dateOf(fromDay), to: dateOf(toDay) };
          const page = cache.history(filter, { offset: 0, limit: 5 });
          const expected = textbook(filter, 0, 5);
          expect({ ids: page.items.map((t) => t.id), total: page.total }).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("sums the runway's 30 days of payments as the textbook does, rows on the window's very edges too", () => {
    const day = 86_400_000;
    const start = Date.UTC(2025, 0, 1);
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constant(0),
            fc.integer({ min: 1, max: 60_000 }),
            fc.integer({ min: 0, max: 20 * day }),
          ),
          { maxLength: 200 },
        ),
        // Where "now" is: on a row (its last millisecond in the window), 30 days after one (the first
        // millisecond out of it), or anywhere.
        fc.oneof(
          fc.record({ on: fc.nat(), shift: fc.constantFrom(0, 30 * day) }),
          fc.record({ on: fc.constant(-1), shift: fc.integer({ min: 0, max: 400 * day }) }),
        ),
        (gaps, { on, shift }) => {
          db.prepare('delete from transactions').run();
          let at = start;
          const times = gaps.map((gap) => (at += gap));
          const changes = times.map((t, i) => ledgerRow(i + 1, 'wal_C', i + 1, new Date(t).toISOString()));
          cache.applyPage(feedPage(changes, changes.length));
          const now = new Date((on >= 0 && times.length > 0 ? times[on % times.length]! : start) + shift);
          const textbookSpent =
            (db
              .prepare(
                `select sum(-amount) from transactions where wallet_id = 'wal_C' and type = 'payment'
                 and created_at > ? and created_at <= ?`,
              )
              .pluck()
              .get(new Date(now.getTime() - 30 * day).toISOString(), now.toISOString()) as number | null) ??
            0;
          expect(cache.alerts.wallet('wal_C', 10_000, now).spentLast30Days).toBe(textbookSpent);
        },
      ),
      { numRuns: 300 },
    );
  });
});
