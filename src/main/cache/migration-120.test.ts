import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cacheMigrations } from './cache-migrations.js';
import { WalletReads } from './wallet-reads.js';
import { migrate } from './migrate.js';

describe('cache migration 120: a wallet on hold', () => {
  it('keeps every cached wallet as it was, not on hold, until the feed says otherwise', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(
      db,
      cacheMigrations.filter((m) => m.version < 120),
    );
    db.prepare(
      `insert into wallets (id, customer_id, currency, status, balance, pending_charges, created_at, updated_at)
       values ('wal_1', 'cus_1', 'USD', 'active', 2500, 500, '2025-03-04T12:00:00Z', '2025-03-04T12:00:00Z')`,
    ).run();
    migrate(
      db,
      cacheMigrations.filter((m) => m.version <= 120),
    );
    expect(new WalletReads(db).wallet('wal_1')).toMatchObject({
      id: 'wal_1',
      balance: 2500,
      availableBalance: 2000,
      onHold: false,
    });
    db.prepare(`update wallets set on_hold = 1 where id = 'wal_1'`).run();
    expect(new WalletReads(db).wallet('wal_1')).toMatchObject({ onHold: true });
    expect(db.pragma('user_version', { simple: true })).toBe(120);
    db.close();
  });
});
