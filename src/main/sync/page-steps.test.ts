import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntityChange } from '../../shared/api/sync.js';
import { cacheMigrations } from '../cache/cache-migrations.js';
import { CacheStore } from '../cache/cache-store.js';
import { migrate } from '../cache/migrate.js';
import { feedPage, pageSteps, toFeedPage, type FeedPage } from './feed-page.js';

/**
 * A page written in steps: each step is a slice of the page in feed order committed with its own
 * cursor, so that the cache is consistent wherever the steps stop. Amounts are minor units of USD.
 */

const at = '2025-01-01T00:00:00.000Z';
const wallet = (seq: number, balance: number): EntityChange => ({
  seq,
  entity: 'wallet',
  id: 'wal_A',
  op: 'update',
  data: {
    id: 'wal_A',
    customerId: 'cus_1',
    currency: 'USD',
    status: 'active',
    balance,
    pendingCharges: 0,
    availableBalance: balance,
    onHold: false,
    createdAt: at,
    updatedAt: at,
  } as never,
});
const transaction = (seq: number, balanceAfter: number): EntityChange => ({
  seq,
  entity: 'transaction',
  id: `txn_${seq}`,
  op: 'create',
  data: {
    id: `txn_${seq}`,
    walletId: 'wal_A',
    customerId: 'cus_1',
    type: 'top_up',
    amount: 100,
    balanceAfter,
    currency: 'USD',
    status: 'completed',
    description: 'top-up',
    reference: null,
    relatedId: null,
    test: false,
    createdAt: at,
  } as never,
});
/** A movement as a live server records it: the wallet's new state, then the ledger row. */
function movements(count: number, firstSeq = 1): EntityChange[] {
  return Array.from({ length: count }, (_, i) => [
    wallet(firstSeq + 2 * i, 100 * (i + 1)),
    transaction(firstSeq + 2 * i + 1, 100 * (i + 1)),
  ]).flat();
}
const seqsOf = (page: FeedPage) =>
  [...page.entities.map((e) => e.seq), ...page.transactions.map((t) => t[0])].sort((a, b) => a - b);

describe('pageSteps', () => {
  it('cuts a page into slices of at most `size` changes, in feed order, each with its last position', () => {
    const page = feedPage(movements(5), 12, true);
    const steps = pageSteps(page, 4);
    expect(steps.map(seqsOf)).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10],
    ]);
    expect(steps.map((s) => [s.nextCursor, s.hasMore])).toEqual([
      [4, true],
      [8, true],
      [12, true],
    ]);
    expect(steps.flatMap((s) => s.transactions)).toEqual(page.transactions);
    expect(steps.flatMap((s) => s.entities)).toEqual(page.entities);
  });

  it('leaves a page that fits in one step, or an empty one, as it is', () => {
    const small = feedPage(movements(2), 4);
    expect(pageSteps(small, 4)).toEqual([small]);
    const empty = feedPage([], 7);
    expect(pageSteps(empty, 4)).toEqual([empty]);
  });
});

describe('toFeedPage', () => {
  it('keeps of each wallet only its newest change in the page, and every ledger row', () => {
    const other = { ...wallet(11, 50), id: 'wal_B', data: { ...wallet(11, 50).data, id: 'wal_B' } };
    const changes = [...movements(5), other];
    const page = toFeedPage({ changes, nextCursor: 11, hasMore: true });
    expect(page.entities.map((e) => [e.id, e.seq])).toEqual([
      ['wal_A', 9],
      ['wal_B', 11],
    ]);
    expect(page.transactions.map((t) => t[0])).toEqual([2, 4, 6, 8, 10]);
    expect(page).toMatchObject({ nextCursor: 11, hasMore: true });
  });

  it('passes over an entity a newer API records and this console does not know, and still refuses a bad one it knows', () => {
    // A hosted API upgraded before the console: its feed may carry kinds of change this release has
    // never heard of. Nothing of them can be cached, and the sync must go on past them.
    const unknown = { seq: 11, entity: 'loyalty_points', id: 'lp_1', op: 'create', data: { points: 5 } };
    const page = toFeedPage({ changes: [...movements(5), unknown], nextCursor: 11, hasMore: false });
    expect(page.entities.map((e) => e.id)).toEqual(['wal_A']);
    expect(page.transactions).toHaveLength(5);
    expect(page).toMatchObject({ nextCursor: 11, hasMore: false });

    const broken = { ...wallet(12, 50), data: { ...wallet(12, 50).data, balance: 'fifty' } };
    expect(() => toFeedPage({ changes: [broken], nextCursor: 12, hasMore: false })).toThrow(
      /the server sent an invalid wallet \(wal_A\)/,
    );
  });
});

describe('applyPageInSteps', () => {
  let db: BetterSqlite3.Database;
  let cache: CacheStore;
  beforeEach(() => {
    db = new BetterSqlite3(':memory:');
    migrate(db, cacheMigrations);
    cache = new CacheStore(db);
  });
  afterEach(() => db.close());

  it('leaves the cache as applying the whole page at once does', async () => {
    const page = feedPage(movements(7), 14);
    const touched = await cache.applyPageInSteps(page, 3);
    expect([...touched].sort()).toEqual(['transactions', 'wallets']);
    const wholeDb = new BetterSqlite3(':memory:');
    migrate(wholeDb, cacheMigrations);
    const whole = new CacheStore(wholeDb);
    whole.applyPage(page);
    const dump = (c: CacheStore) => ({
      wallets: c.db.prepare('select * from wallets').all(),
      transactions: c.db.prepare('select * from transactions order by seq').all(),
      cursor: c.cursor(),
    });
    expect(dump(cache)).toEqual(dump(whole));
    expect(cache.cursor()).toBe(14);
    wholeDb.close();
  });

  it('ends a page kept to each wallet’s newest change as the page with every change does', async () => {
    const changes = movements(7);
    await cache.applyPageInSteps(toFeedPage({ changes, nextCursor: 14, hasMore: false }), 3);
    const everyDb = new BetterSqlite3(':memory:');
    migrate(everyDb, cacheMigrations);
    const every = new CacheStore(everyDb);
    every.applyPage(feedPage(changes, 14));
    const dump = (c: CacheStore) => ({
      wallets: c.db.prepare('select * from wallets').all(),
      transactions: c.db.prepare('select * from transactions order by seq').all(),
      cursor: c.cursor(),
    });
    expect(dump(cache)).toEqual(dump(every));
    everyDb.close();
  });

  it('hands the event loop back between steps, and stops between two when asked, cursor on the last step applied', async () => {
    const page = feedPage(movements(6), 12);
    let stepsSeen = 0;
    const cursors: number[] = [];
    // An immediate queued before the apply runs between its first and second steps.
    setImmediate(() => cursors.push(cache.cursor()));
    const stop = () => ++stepsSeen >= 2;
    await cache.applyPageInSteps(page, 4, stop);
    expect(cursors).toEqual([4]);
    expect(cache.cursor()).toBe(8);
    const rows = db.prepare('select seq from transactions order by seq').pluck().all();
    expect(rows).toEqual([2, 4, 6, 8]);
    expect(db.prepare('select balance from wallets').pluck().get()).toBe(400);
  });
});
