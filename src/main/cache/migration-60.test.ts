import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { FeedPage } from '../sync/feed-page.js';
import { cacheMigrations } from './cache-migrations.js';
import { CacheStore } from './cache-store.js';
import { migrate } from './migrate.js';

describe('cache migration 60: payments with their provider reference', () => {
  it('forgets the payments cached without it and the cursor, so the next pull brings them back whole; ledger rows stay', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(
      db,
      cacheMigrations.filter((m) => m.version < 60),
    );
    db.exec(`
      insert into meta (key, value) values ('cursor', '42'), ('account', 'https://api.example|usr_1');
      insert into payments (id, wallet_id, customer_id, provider, status, created_at, updated_at, data)
        values ('pay_1', 'wal_1', 'cus_1', 'stripe', 'paid', '2025-03-04T12:00:00Z', '2025-03-04T12:05:00Z', '{}');
      insert into transactions (seq, id, wallet_id, ordinal, customer_id, type, amount, balance_after, currency,
          status, description, reference, related_id, created_at)
        values (7, 'txn_1', 'wal_1', 1, 'cus_1', 'top_up', 2500, 2500, 'USD', 'completed', 'Top-up', null, 'pay_1',
          '2025-03-04T12:05:00Z');
    `);

    migrate(db, cacheMigrations);

    const cache = new CacheStore(db);
    expect(cache.cursor()).toBe(0);
    expect(cache.getMeta('account')).toBe('https://api.example|usr_1');
    expect(cache.payments({}, 10)).toEqual([]);
    // The replayed feed: the ledger row is not taken twice, the payment arrives with its reference.
    const page: FeedPage = {
      entities: [],
      transactions: [
        [
          7,
          'txn_1',
          'wal_1',
          'cus_1',
          'top_up',
          2500,
          2500,
          'USD',
          'completed',
          'Top-up',
          null,
          'pay_1',
          0,
          '2025-03-04T12:05:00Z',
          null,
        ],
      ],
      nextCursor: 42,
      hasMore: false,
    };
    cache.applyPage(page);
    expect(db.prepare('select count(*) as n from transactions').get()).toEqual({ n: 1 });
    expect(cache.cursor()).toBe(42);
    db.close();
  });
});
