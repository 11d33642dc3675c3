/**
 * A desktop cache holding one wallet with a long history, written through the feed writer
 * (CacheStore.applyPage) as a sync would: `rows` ledger rows of wallet `wal_1` of customer `cus_1`
 * (top-ups, payments, refunds, credits, a minute apart from 2024-01-01). Used by the history read
 * benchmarks (reads.bench.ts), the scrolling one (scroll.bench.ts) and the history scrolling test.
 */
import { join } from 'node:path';
import { cacheMigrations } from '../../src/main/cache/cache-migrations.js';
import { CacheStore } from '../../src/main/cache/cache-store.js';
import { openLocalDatabase } from '../../src/main/cache/open-database.js';
import type { TransactionTuple } from '../../src/main/sync/feed-page.js';
import { testCustomer, testWallet } from '../../src/shared/testing/records.js';

export const HISTORY_WALLET = 'wal_1';
export const HISTORY_START = Date.UTC(2024, 0, 1);
const TYPES = ['top_up', 'payment', 'payment', 'top_up', 'payment', 'refund', 'payment', 'credit'] as const;

/** The day (YYYY-MM-DD) of ledger row `row`. */
export const historyDay = (row: number) => new Date(HISTORY_START + row * 60_000).toISOString().slice(0, 10);

/**
 * Fills `dataDir/cache.sqlite`. `account`: the cache's owner (meta `account`), so that a core
 * signed in as that account keeps it rather than starting from an empty cache.
 */
export function seedHistoryCache(dataDir: string, rows: number, options: { account?: string } = {}): void {
  const { db } = openLocalDatabase(join(dataDir, 'cache.sqlite'), cacheMigrations, { rebuildable: true });
  const cache = new CacheStore(db);
  if (options.account) cache.setMeta('account', options.account);
  cache.applyPage({
    entities: [
      { seq: 1, entity: 'customer', id: 'cus_1', op: 'create', data: testCustomer() },
      { seq: 2, entity: 'wallet', id: HISTORY_WALLET, op: 'create', data: testWallet() },
    ],
    transactions: [],
    nextCursor: 2,
    hasMore: true,
  });
  for (let from = 0; from < rows; from += 10_000) {
    const transactions: TransactionTuple[] = [];
    for (let i = from; i < Math.min(rows, from + 10_000); i++) {
      const type = TYPES[i % TYPES.length]!;
      const amount = type === 'payment' ? -1_250 : 2_500;
      transactions.push([
        3 + i,
        `txn_${i}`,
        HISTORY_WALLET,
        'cus_1',
        type,
        amount,
        1_000_000 + i,
        'USD',
        'completed',
        i % 97 === 0 ? `Order "${i}", renewal` : `Movement ${i}`,
        i % 3 === 0 ? `ref-${i}` : null,
        null,
        0,
        new Date(HISTORY_START + i * 60_000).toISOString(),
        null,
      ]);
    }
    cache.applyPage({
      entities: [],
      transactions,
      nextCursor: 3 + from + transactions.length,
      hasMore: true,
    });
  }
  db.close();
}
