import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { AlertSettings, WalletAlert } from '../../shared/api/alerts.js';
import { AlertCache } from './alert-cache.js';
import { cacheMigrations } from './cache-migrations.js';
import { migrate } from './migrate.js';

const NOW = new Date('2031-03-31T00:00:00.000Z');

describe('cache migration 140: low-balance alert tables', () => {
  it('keeps every cached row, resets the cursor so the server sends its alerts, and then holds them', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(
      db,
      cacheMigrations.filter((m) => m.version < 140),
    );
    const insert =
      db.prepare(`insert into transactions (seq, id, wallet_id, ordinal, customer_id, type, amount,
        balance_after, currency, status, description, reference, related_id, test, created_at)
      values (?, ?, 'wal_1', ?, 'cus_1', ?, ?, 0, 'USD', 'completed', 'x', null, null, 0, ?)`);
    // 30 days before NOW is 2031-03-01: the first payment is out of the window, two are in.
    insert.run(1, 'txn_old', 1, 'payment', -9_000, '2031-02-28T00:00:00.000Z');
    insert.run(2, 'txn_a', 2, 'payment', -2_000, '2031-03-10T00:00:00.000Z');
    insert.run(3, 'txn_b', 3, 'payment', -1_000, '2031-03-20T00:00:00.000Z');
    insert.run(4, 'txn_c', 4, 'credit', 50_000, '2031-03-21T00:00:00.000Z');
    db.prepare(`insert into meta (key, value) values ('cursor', '42')`).run();
    const before = db.prepare('select * from transactions order by seq').all();

    migrate(
      db,
      cacheMigrations.filter((m) => m.version <= 140),
    );

    expect(db.prepare('select * from transactions order by seq').all()).toEqual(before);
    expect(db.prepare(`select value from meta where key = 'cursor'`).get()).toBeUndefined();
    expect(db.pragma('user_version', { simple: true })).toBe(140);

    migrate(db, cacheMigrations);
    const cache = new AlertCache(db);
    const alert: WalletAlert = {
      id: 'alr_1',
      walletId: 'wal_1',
      customerId: 'cus_1',
      type: 'wallet.balance_low',
      reason: 'threshold',
      message: 'Available balance $9.00 is below $10.00',
      availableBalance: 900,
      currency: 'USD',
      threshold: 1_000,
      runwayDays: null,
      daysLeft: null,
      channels: ['desktop'],
      createdAt: '2031-03-30T00:00:00.000Z',
    };
    const settings: AlertSettings = {
      walletId: 'wal_1',
      customerId: 'cus_1',
      threshold: 1_000,
      runwayDays: null,
      channels: ['desktop'],
      emails: [],
      state: 'low',
      stateSince: '2031-03-30T00:00:00.000Z',
      updatedAt: '2031-03-30T00:00:00.000Z',
    };
    cache.apply({ seq: 5, id: 'alr_1', op: 'create', entity: 'wallet_alert', data: alert });
    cache.apply({ seq: 6, id: 'alr_1', op: 'create', entity: 'wallet_alert', data: alert });
    cache.apply({ seq: 7, id: 'wal_1', op: 'update', entity: 'wallet_alert_settings', data: settings });
    // An older copy of the settings (the feed catching up) does not overwrite a newer one.
    cache.apply({
      seq: 8,
      id: 'wal_1',
      op: 'update',
      entity: 'wallet_alert_settings',
      data: { ...settings, state: 'ok', updatedAt: '2031-03-01T00:00:00.000Z' },
    });
    expect(cache.takeNewAlerts()).toEqual([alert]);
    expect(cache.takeNewAlerts()).toEqual([]);
    expect(cache.lowWallets(20)).toEqual({
      items: [{ walletId: 'wal_1', customerId: 'cus_1', since: settings.stateSince }],
      total: 1,
    });

    // Runway: 3 000 spent in 30 days = 100 a day; 4 500 available = 45 days.
    const view = cache.wallet('wal_1', 4_500, NOW);
    expect(view).toMatchObject({ spentLast30Days: 3_000, runwayDays: 45, settings, alerts: [alert] });
    expect(cache.wallet('wal_2', 4_500, NOW)).toMatchObject({
      spentLast30Days: 0,
      runwayDays: null,
      alerts: [],
    });
    db.close();
  });
});
