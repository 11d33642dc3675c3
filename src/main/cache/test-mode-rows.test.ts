import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { WalletTransaction } from '../../shared/api/wallets.js';
import { transactionSchema } from '../../shared/api/wallets.js';
import { feedPage } from '../sync/feed-page.js';
import { cacheMigrations } from './cache-migrations.js';
import { CacheStore } from './cache-store.js';
import { migrate } from './migrate.js';

/**
 * Cache migration 40: a ledger row's `test` flag (a top-up through the sandbox test gateway, no real
 * money) is kept in the cache as the change feed sends it, so the wallet history can say "Test".
 * Amounts are minor units of USD.
 */

const row = (id: string, test: boolean): WalletTransaction => ({
  id,
  walletId: 'wal_1',
  customerId: 'cus_1',
  type: 'top_up',
  amount: 2_500,
  balanceAfter: 2_500,
  currency: 'USD',
  status: 'completed',
  description: test ? 'Test top-up via Sandbox test card — no real money' : 'Top-up via PayPal',
  reference: 'pay_1',
  relatedId: 'pay_1',
  test,
  createdAt: '2030-01-01T00:00:00.000Z',
});

let db: BetterSqlite3.Database;
afterEach(() => db.close());

describe('cache migration 40: test-mode ledger rows', () => {
  it('keeps rows cached before it (read as not a test) and adds the flag with 0 as default', () => {
    db = new BetterSqlite3(':memory:');
    migrate(
      db,
      cacheMigrations.filter((m) => m.version <= 30),
    );
    db.prepare(
      `insert into transactions (seq, id, wallet_id, ordinal, customer_id, type, amount, balance_after,
         currency, status, description, reference, related_id, created_at)
       values (1, 'txn_old', 'wal_1', 1, 'cus_1', 'top_up', 2500, 2500, 'USD', 'completed', 'Top-up via Card (sandbox)',
         'pay_0', 'pay_0', '2029-12-31T00:00:00.000Z')`,
    ).run();

    migrate(db, cacheMigrations);

    expect(db.pragma('user_version', { simple: true })).toBe(cacheMigrations.at(-1)!.version);
    const cache = new CacheStore(db);
    const [old] = cache.history({ walletId: 'wal_1' }, { offset: 0, limit: 10 }).items;
    expect(old).toMatchObject({ id: 'txn_old', description: 'Top-up via Card (sandbox)', test: false });
  });

  it('stores the feed’s flag: a sandbox top-up reads as a test, a real one does not', () => {
    db = new BetterSqlite3(':memory:');
    migrate(db, cacheMigrations);
    const cache = new CacheStore(db);
    cache.applyPage(
      feedPage(
        [
          { seq: 1, entity: 'transaction', id: 'txn_test', op: 'create', data: row('txn_test', true) },
          { seq: 2, entity: 'transaction', id: 'txn_real', op: 'create', data: row('txn_real', false) },
        ],
        2,
      ),
    );
    const items = cache.history({ walletId: 'wal_1' }, { offset: 0, limit: 10 }).items;
    expect(items.map((t) => [t.id, t.test])).toEqual([
      ['txn_real', false],
      ['txn_test', true],
    ]);
  });

  it('a feed entry written before the flag existed parses as not a test', () => {
    const { test: _, ...before } = row('txn_before', false);
    expect(transactionSchema.parse(before).test).toBe(false);
  });
});
