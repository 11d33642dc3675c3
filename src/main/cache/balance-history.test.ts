import { feedPage } from '../sync/feed-page.js';
import BetterSqlite3 from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EntityChange } from '../../shared/api/sync.js';
import type { WalletTransaction } from '../../shared/api/wallets.js';
import { cacheMigrations } from './cache-migrations.js';
import { CacheStore } from './cache-store.js';
import { migrate } from './migrate.js';

/** The chart's closing balances are the server's `balanceAfter` values, read per UTC day. */
let cache: CacheStore;
let seq = 0;

function row(walletId: string, createdAt: string, balanceAfter: number): EntityChange {
  const data: WalletTransaction = {
    id: `txn_${++seq}`,
    walletId,
    customerId: 'cus_1',
    type: 'top_up',
    amount: 100,
    balanceAfter,
    currency: 'USD',
    status: 'completed',
    description: 'x',
    reference: null,
    relatedId: null,
    test: false,
    createdAt,
  };
  return { seq, entity: 'transaction', id: data.id, op: 'create', data };
}

beforeEach(() => {
  const db = new BetterSqlite3(':memory:');
  migrate(db, cacheMigrations);
  cache = new CacheStore(db);
  seq = 0;
});

describe('balance history', () => {
  it("gives each day's last balance, carries it over quiet days, and zero before the first row", () => {
    const changes = [
      row('wal_A', '2026-11-02T08:00:00.000Z', 1000),
      row('wal_B', '2026-11-02T09:00:00.000Z', 999_999),
      row('wal_A', '2026-11-02T23:59:59.999Z', 1500),
      row('wal_A', '2026-11-04T00:00:00.000Z', 700),
      row('wal_A', '2026-11-04T12:00:00.000Z', 900),
    ];
    cache.applyPage(feedPage(changes, seq));
    const history = cache.balanceHistory('wal_A', 5, new Date('2026-11-05T10:00:00.000Z'));
    expect(history).toEqual([
      { date: '2026-11-01', balance: 0 },
      { date: '2026-11-02', balance: 1500 },
      { date: '2026-11-03', balance: 1500 },
      { date: '2026-11-04', balance: 900 },
      { date: '2026-11-05', balance: 900 },
    ]);
  });

  it('is zero throughout for a wallet with no rows', () => {
    expect(cache.balanceHistory('wal_none', 2, new Date('2026-11-05T10:00:00.000Z'))).toEqual([
      { date: '2026-11-04', balance: 0 },
      { date: '2026-11-05', balance: 0 },
    ]);
  });

  it('agrees with a full scan over a long history', () => {
    const start = Date.UTC(2026, 8, 1);
    const changes: EntityChange[] = [];
    for (let i = 0; i < 5000; i++) {
      changes.push(row('wal_A', new Date(start + i * 1_234_567).toISOString(), i * 3));
    }
    cache.applyPage(feedPage(changes, seq));
    const today = new Date(start + 5000 * 1_234_567);
    const history = cache.balanceHistory('wal_A', 30, today);
    for (const { date, balance } of history) {
      const end = new Date(Date.parse(`${date}T00:00:00.000Z`) + 86_400_000).toISOString();
      const last = changes.filter((c) => (c.data as WalletTransaction).createdAt < end).at(-1);
      expect(balance).toBe(last ? (last.data as WalletTransaction).balanceAfter : 0);
    }
  });
});
