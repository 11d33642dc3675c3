import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cacheMigrations } from './cache-migrations.js';
import { CacheStore } from './cache-store.js';
import { migrate } from './migrate.js';

describe('cache migration 240: rows numbered within their wallet and type', () => {
  it('numbers the rows a cache already holds, so type-filtered pages and totals are right at once', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(
      db,
      cacheMigrations.filter((m) => m.version < 240),
    );
    const insert = db.prepare(
      `insert into transactions (seq, id, wallet_id, ordinal, customer_id, type, amount, balance_after,
         currency, status, description, created_at)
       values (?, ?, ?, ?, 'cus_1', ?, 100, 100, 'USD', 'completed', '', ?)`,
    );
    const rows: Array<[string, string]> = [
      ['wal_A', 'top_up'],
      ['wal_A', 'payment'],
      ['wal_B', 'payment'],
      ['wal_A', 'payment'],
      ['wal_A', 'top_up'],
      ['wal_A', 'payment'],
    ];
    const ordinals = new Map<string, number>();
    rows.forEach(([wallet, type], i) => {
      const ordinal = (ordinals.get(wallet) ?? 0) + 1;
      ordinals.set(wallet, ordinal);
      insert.run(i + 1, `txn_${i + 1}`, wallet, ordinal, type, `2025-01-0${i + 1}T00:00:00.000Z`);
    });

    migrate(
      db,
      cacheMigrations.filter((m) => m.version <= 240),
    );
    expect(db.prepare('select id, type_ordinal from transactions order by seq').raw().all()).toEqual([
      ['txn_1', 1],
      ['txn_2', 1],
      ['txn_3', 1],
      ['txn_4', 2],
      ['txn_5', 2],
      ['txn_6', 3],
    ]);
    migrate(db, cacheMigrations);
    const cache = new CacheStore(db);
    const page = cache.history({ walletId: 'wal_A', type: 'payment' }, { offset: 1, limit: 5 });
    expect(page.items.map((t) => t.id)).toEqual(['txn_4', 'txn_2']);
    expect(cache.history({ walletId: 'wal_A', type: 'payment' }, { offset: 0, limit: 1 }).total).toBe(3);
  });
});
