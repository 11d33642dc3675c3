import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { AlertSettings } from '../../shared/api/alerts.js';
import { AlertCache, LOW_WALLET_COUNT, LOW_WALLETS } from './alert-cache.js';
import { cacheMigrations } from './cache-migrations.js';
import { migrate } from './migrate.js';

const LOW = 130;
const FINE = 400;

/** A wallet's alert settings: low since `minute` minutes into 2031 (or fine). */
const settings = (i: number, low: boolean, minute: number): AlertSettings => ({
  walletId: `wal_${String(i).padStart(4, '0')}`,
  customerId: `cus_${i}`,
  threshold: 1_000,
  runwayDays: null,
  channels: ['desktop'],
  emails: [],
  state: low ? 'low' : 'ok',
  stateSince: new Date(Date.UTC(2031, 0, 1) + minute * 60_000).toISOString(),
  updatedAt: '2031-02-01T00:00:00.000Z',
});

describe('cache migration 320: the low wallets, longest below their line first, from an index', () => {
  it('keeps the settings a cache holds, and reads the first low ones and their count', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(
      db,
      cacheMigrations.filter((m) => m.version < 320),
    );
    const insert = db.prepare(
      'insert into wallet_alert_settings (wallet_id, state, updated_at, data) values (?, ?, ?, ?)',
    );
    const all: AlertSettings[] = [];
    // Low since minutes in no particular order, among many wallets that are fine.
    for (let i = 0; i < LOW + FINE; i++) all.push(settings(i, i < LOW, (i * 7_919) % 1_000));
    for (const s of all) insert.run(s.walletId, s.state, s.updatedAt, JSON.stringify(s));

    migrate(db, cacheMigrations);
    const cache = new AlertCache(db);
    const longestLow = all
      .filter((s) => s.state === 'low')
      .sort((a, b) => (a.stateSince < b.stateSince ? -1 : 1))
      .map((s) => ({ walletId: s.walletId, customerId: s.customerId, since: s.stateSince }));
    expect(cache.lowWallets(20)).toEqual({ items: longestLow.slice(0, 20), total: LOW });

    // A wallet that drops below its line later comes after them; one that recovers leaves the list.
    cache.putSettings({ ...settings(9_999, true, 5_000), updatedAt: '2031-03-01T00:00:00.000Z' });
    const first = longestLow[0]!;
    cache.putSettings({
      ...all.find((s) => s.walletId === first.walletId)!,
      state: 'ok',
      updatedAt: '2031-03-01T00:00:00.000Z',
    });
    const after = cache.lowWallets(LOW + 10);
    expect(after.total).toBe(LOW);
    expect(after.items.map((w) => w.walletId)).toEqual([
      ...longestLow.slice(1).map((w) => w.walletId),
      'wal_9999',
    ]);

    // Neither read visits the wallets that are fine.
    const plan = (sql: string) =>
      (db.prepare(`explain query plan ${sql}`).all() as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join();
    for (const read of [plan(`${LOW_WALLETS} limit 20`), plan(LOW_WALLET_COUNT)]) {
      expect(read).toMatch(/wallet_alert_settings_low/);
      expect(read).not.toMatch(/TEMP B-TREE/);
    }
  });
});
