import { feedPage, toFeedPage } from '../sync/feed-page.js';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntityChange } from '../../shared/api/sync.js';
import { testTransaction } from '../../shared/testing/records.js';
import { cacheMigrations } from './cache-migrations.js';
import { CacheStore } from './cache-store.js';
import { migrate } from './migrate.js';

/**
 * A wallet's history is read by ordinal (its rows numbered 1…n in feed order) rather than by
 * LIMIT/OFFSET: every page must be exactly the page the textbook query gives, whatever was applied
 * twice, and filtered reads keep working. Amounts are minor units of USD.
 */

const WALLETS = ['wal_A', 'wal_B'];
let db: BetterSqlite3.Database;
let cache: CacheStore;
let seq = 0;

function transaction(walletId: string, n: number): EntityChange {
  const data = testTransaction({
    id: `txn_${walletId}_${n}`,
    walletId,
    type: n % 3 === 0 ? 'payment' : 'top_up',
    amount: n % 3 === 0 ? -100 : 500,
    balanceAfter: 1000 + n,
    description: `movement ${n}`,
    createdAt: new Date(Date.UTC(2025, 0, 1 + Math.floor(n / 10))).toISOString(),
  });
  return { seq: ++seq, entity: 'transaction', id: data.id, op: 'create', data };
}

/** The textbook page, straight from SQLite. */
const byOffset = (walletId: string, offset: number, limit: number) =>
  (
    db
      .prepare('select id from transactions where wallet_id = ? order by seq desc limit ? offset ?')
      .all(walletId, limit, offset) as Array<{ id: string }>
  ).map((r) => r.id);

beforeEach(() => {
  db = new BetterSqlite3(':memory:');
  migrate(db, cacheMigrations);
  cache = new CacheStore(db);
  seq = 0;
});
afterEach(() => db.close());

describe('wallet history pages', () => {
  it('match LIMIT/OFFSET at every offset, across pages that interleave wallets', () => {
    const counts = new Map(WALLETS.map((w) => [w, 0]));
    for (let page = 0; page < 6; page++) {
      const changes: EntityChange[] = [];
      for (let i = 0; i < 37; i++) {
        const walletId = WALLETS[(i * 7 + page) % 3 === 0 ? 1 : 0]!;
        counts.set(walletId, counts.get(walletId)! + 1);
        changes.push(transaction(walletId, counts.get(walletId)!));
      }
      cache.applyPage(feedPage(changes, seq));
    }
    for (const walletId of WALLETS) {
      const total = counts.get(walletId)!;
      for (const limit of [1, 7, 50]) {
        for (let offset = 0; offset <= total + 1; offset += 3) {
          const page = cache.history({ walletId }, { offset, limit });
          expect(page.items.map((t) => t.id)).toEqual(byOffset(walletId, offset, limit));
          expect(page.total).toBe(offset === 0 ? total : null);
        }
      }
    }
    expect(cache.history({ walletId: 'wal_none' }, { offset: 0, limit: 50 })).toEqual({
      items: [],
      total: 0,
    });
  });

  it('keeps the wording a row arrived with (also of a kind this console does not know), and none on the rest', () => {
    const order = { kind: 'order', order: 'ORD-1', quantity: 2, product: 'Mobile proxy' };
    const newer = { kind: 'from_a_newer_server', n: 1 };
    const rows = [order, newer, undefined].map((wording, n) => {
      const { data, ...change } = transaction('wal_A', n + 1);
      return { ...change, data: wording ? { ...data, wording } : data };
    });
    cache.applyPage(
      toFeedPage({ changes: JSON.parse(JSON.stringify(rows)), nextCursor: seq, hasMore: false }),
    );
    const items = cache.history({ walletId: 'wal_A' }, { offset: 0, limit: 10 }).items;
    expect(items.map((t) => t.wording)).toEqual([undefined, newer, order]);
    expect(items.every((t) => !('wording' in t) || t.wording)).toBe(true);
  });

  it('a transaction sent again takes no place in the history', () => {
    const first = [1, 2, 3].map((n) => transaction('wal_A', n));
    cache.applyPage(feedPage(first, seq));
    // The same rows again (under new feed positions), then a new one.
    cache.applyPage(feedPage([...first.map((c) => ({ ...c, seq: ++seq })), transaction('wal_A', 4)], seq));
    const page = cache.history({ walletId: 'wal_A' }, { offset: 0, limit: 10 });
    expect(page.total).toBe(4);
    expect(page.items.map((t) => t.id)).toEqual(['txn_wal_A_4', 'txn_wal_A_3', 'txn_wal_A_2', 'txn_wal_A_1']);
    expect(cache.history({ walletId: 'wal_A' }, { offset: 3, limit: 10 }).items.map((t) => t.id)).toEqual([
      'txn_wal_A_1',
    ]);
  });

  it('filtered pages still count and page the matching rows only', () => {
    cache.applyPage(
      feedPage(
        Array.from({ length: 30 }, (_, i) => transaction('wal_A', i + 1)),
        seq,
      ),
    );
    const payments = cache.history({ walletId: 'wal_A', type: 'payment' }, { offset: 0, limit: 4 });
    expect(payments.total).toBe(10);
    expect(payments.items.map((t) => t.id)).toEqual([
      'txn_wal_A_30',
      'txn_wal_A_27',
      'txn_wal_A_24',
      'txn_wal_A_21',
    ]);
    const next = cache.history({ walletId: 'wal_A', type: 'payment' }, { offset: 8, limit: 4 });
    expect(next).toEqual({ items: expect.any(Array), total: null });
    expect(next.items.map((t) => t.id)).toEqual(['txn_wal_A_6', 'txn_wal_A_3']);
    expect([...cache.iterateHistory({ walletId: 'wal_A' })].map((t) => t.id)).toEqual(
      byOffset('wal_A', 0, 100),
    );
  });

  it('starts again from an empty history after the cache is cleared', () => {
    cache.applyPage(
      feedPage(
        [1, 2].map((n) => transaction('wal_A', n)),
        seq,
      ),
    );
    cache.clear();
    cache.applyPage(feedPage([transaction('wal_A', 3)], seq));
    expect(cache.history({ walletId: 'wal_A' }, { offset: 0, limit: 10 })).toMatchObject({
      total: 1,
      items: [{ id: 'txn_wal_A_3' }],
    });
  });
});

describe('cache migration 20', () => {
  it('drops the cached transactions and the cursor, so the next pull fetches them again', () => {
    const old = new BetterSqlite3(':memory:');
    migrate(
      old,
      cacheMigrations.filter((m) => m.version <= 10),
    );
    old.exec(`
      insert into meta values ('cursor', '42'), ('account', 'acct');
      insert into customers values ('cus_1', 'Ada', 'ada@example.com', null, 'ada', '2025-01-01', '2025-01-01');
      insert into transactions values ('txn_1', 7, 'wal_A', 'cus_1', 'top_up', 500, 500, 'USD', 'completed',
        'top-up', null, null, '2025-01-01');
    `);
    migrate(old, cacheMigrations);
    const after = new CacheStore(old);
    expect(after.cursor()).toBe(0);
    expect(after.getMeta('account')).toBe('acct');
    expect(after.customer('cus_1')?.name).toBe('Ada');
    expect(old.prepare('select count(*) from transactions').pluck().get()).toBe(0);
    old.close();
  });
});
