import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { testPayment } from '../../shared/testing/records.js';
import { cacheMigrations } from './cache-migrations.js';
import { CacheStore } from './cache-store.js';
import { migrate } from './migrate.js';

describe('cache migration 280: payments by currency, unpaid ones indexed', () => {
  it('gives the payments a cache already holds their currency, so the transfer picker finds them at once', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(
      db,
      cacheMigrations.filter((m) => m.version < 280),
    );
    const insert = db.prepare(
      `insert into payments (id, wallet_id, customer_id, provider, status, created_at, updated_at, data)
       values (?, 'wal_1', 'cus_1', 'sandbox', ?, ?, ?, ?)`,
    );
    const cached = [
      testPayment({ id: 'pay_1', status: 'expired', currency: 'VND', createdAt: '2030-01-01T00:00:01.000Z' }),
      testPayment({ id: 'pay_2', status: 'paid', currency: 'VND', createdAt: '2030-01-01T00:00:02.000Z' }),
      testPayment({ id: 'pay_3', status: 'new', currency: 'USD', createdAt: '2030-01-01T00:00:03.000Z' }),
      testPayment({ id: 'pay_4', status: 'failed', currency: 'VND', createdAt: '2030-01-01T00:00:04.000Z' }),
    ];
    for (const p of cached) insert.run(p.id, p.status, p.createdAt, p.updatedAt, JSON.stringify(p));

    migrate(db, cacheMigrations);
    const cache = new CacheStore(db);
    expect(cache.payments({ unpaidIn: 'VND' }, 10).map((p) => p.id)).toEqual(['pay_4', 'pay_1']);
    expect(cache.payments({ unpaidIn: 'USD' }, 10).map((p) => p.id)).toEqual(['pay_3']);
  });
});
