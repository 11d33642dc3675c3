import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cacheMigrations } from './cache-migrations.js';
import { migrate } from './migrate.js';

describe('cache migration 110: orders, subscriptions and notices', () => {
  it('adds the two tables and keeps everything cached before', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(
      db,
      cacheMigrations.filter((m) => m.version < 110),
    );
    db.prepare(
      `insert into payments (id, wallet_id, customer_id, provider, status, created_at, updated_at, data)
       values ('pay_1', 'wal_1', 'cus_1', 'stripe', 'paid', '2030-01-01T00:00:00Z', '2030-01-01T00:00:00Z', '{}')`,
    ).run();
    db.prepare(`insert into meta (key, value) values ('cursor', '42')`).run();

    migrate(
      db,
      cacheMigrations.filter((m) => m.version <= 110),
    );

    expect(db.prepare('select id from payments').all()).toEqual([{ id: 'pay_1' }]);
    expect(db.prepare(`select value from meta where key = 'cursor'`).get()).toEqual({ value: '42' });
    db.prepare(
      `insert into orders (id, customer_id, status, created_at, data) values ('ord_1', 'cus_1', 'partial', '2030-01-01T00:00:00Z', '{}')`,
    ).run();
    db.prepare(
      `insert into subscriptions (id, customer_id, status, current_period_end, created_at, data)
       values ('sub_1', 'cus_1', 'active', '2030-02-01T00:00:00Z', '2030-01-01T00:00:00Z', '{}')`,
    ).run();
    expect(db.prepare('select count(*) as n from orders').get()).toEqual({ n: 1 });
    expect(db.prepare('select count(*) as n from subscriptions').get()).toEqual({ n: 1 });
    db.prepare(
      `insert into notices (id, customer_id, created_at, data) values ('ntc_1', 'cus_1', '2030-01-29T00:00:00Z', '{}')`,
    ).run();
    expect(db.prepare('select count(*) as n from notices').get()).toEqual({ n: 1 });
  });
});
