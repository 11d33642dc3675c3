import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { WalletAlert } from '../../shared/api/alerts.js';
import { AlertCache } from './alert-cache.js';
import { cacheMigrations } from './cache-migrations.js';
import { migrate } from './migrate.js';

const NOW = new Date('2031-03-31T00:00:00.000Z');
const failed: WalletAlert = {
  id: 'alr_old',
  walletId: 'wal_1',
  customerId: 'cus_1',
  type: 'wallet.auto_top_up_failed',
  reason: null,
  message: 'Auto top-up of $50.00 failed: The payment was declined.. Next try at 2031-03-30T00:15:00.000Z.',
  availableBalance: 900,
  currency: 'USD',
  threshold: null,
  runwayDays: null,
  daysLeft: null,
  channels: ['desktop'],
  createdAt: '2031-03-30T00:00:00.000Z',
};
const facts = {
  amount: 5_000,
  upTo: false,
  error: 'The payment was declined.',
  nextAttemptAt: '2031-03-30T00:15:00.000Z',
  failures: 1,
  switchedOff: false,
};
const low: WalletAlert = {
  ...failed,
  id: 'alr_low',
  type: 'wallet.balance_low',
  reason: 'threshold',
  message: 'Available balance $9.00 is below $10.00',
  threshold: 1_000,
};

function cacheAt360(alerts: WalletAlert[]): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  migrate(
    db,
    cacheMigrations.filter((m) => m.version < 370),
  );
  const cache = new AlertCache(db);
  for (const [i, alert] of alerts.entries())
    cache.apply({ seq: i + 1, id: alert.id, op: 'create', entity: 'wallet_alert', data: alert });
  db.prepare(`insert into meta (key, value) values ('cursor', '42')`).run();
  return db;
}

const alertIds = (db: BetterSqlite3.Database) =>
  (db.prepare('select id from wallet_alerts order by id').all() as Array<{ id: string }>).map((r) => r.id);
const cursor = (db: BetterSqlite3.Database) =>
  db.prepare(`select value from meta where key = 'cursor'`).get();

describe('cache migration 370: failed auto top-ups cached with their English alone', () => {
  it('drops them and resets the cursor, so the feed brings them again with their facts', () => {
    const db = cacheAt360([failed, { ...failed, id: 'alr_new', autoTopUp: facts }, low]);
    migrate(db, cacheMigrations);
    expect(alertIds(db)).toEqual(['alr_low', 'alr_new']);
    expect(cursor(db)).toBeUndefined();

    // The pull from the start brings the entry the server's 0495 gave the facts.
    const cache = new AlertCache(db);
    cache.apply({
      seq: 7,
      id: 'alr_old',
      op: 'create',
      entity: 'wallet_alert',
      data: { ...failed, autoTopUp: facts },
    });
    expect(cache.wallet('wal_1', 900, NOW).alerts.find((a) => a.id === 'alr_old')?.autoTopUp).toEqual(facts);
    db.close();
  });

  it('keeps the cursor of a cache that has none of them', () => {
    const db = cacheAt360([{ ...failed, autoTopUp: facts }, low]);
    migrate(db, cacheMigrations);
    expect(alertIds(db)).toEqual(['alr_low', 'alr_old']);
    expect(cursor(db)).toEqual({ value: '42' });
    db.close();
  });
});
