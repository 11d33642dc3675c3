import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { testInvoice } from '../../shared/testing/records.js';
import { cacheMigrations } from './cache-migrations.js';
import { CacheStore } from './cache-store.js';
import { migrate } from './migrate.js';

describe('cache migration 290: receipt invoices found by their payment through an index', () => {
  it('indexes the receipts a cache already holds, and the look-up reads no other invoice', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(
      db,
      cacheMigrations.filter((m) => m.version < 290),
    );
    const insert = db.prepare(
      `insert into invoices (id, customer_id, number, status, currency, due_date, issued_at, created_at,
         updated_at, data)
       values (?, 'cus_1', ?, 'paid', 'USD', null, ?, ?, ?, ?)`,
    );
    const cached = [
      testInvoice({ id: 'inv_1', number: 'INV-1' }),
      testInvoice({ id: 'inv_2', number: 'INV-2', receiptPaymentId: 'pay_7' }),
      testInvoice({ id: 'inv_3', number: 'INV-3', receiptPaymentId: null }),
    ];
    for (const i of cached)
      insert.run(i.id, i.number, i.issuedAt, i.createdAt, i.updatedAt, JSON.stringify(i));

    migrate(db, cacheMigrations);
    const cache = new CacheStore(db);
    expect(cache.receiptOf('pay_7')?.id).toBe('inv_2');
    expect(cache.receiptOf('pay_8')).toBeNull();
    const plan = db
      .prepare('explain query plan select data from invoices where receipt_payment_id = ? limit 1')
      .all('pay_7') as Array<{ detail: string }>;
    // A payment's page used to read every cached invoice's JSON to find its receipt.
    expect(plan.map((r) => r.detail).join('; ')).toMatch(/USING INDEX invoices_receipt/);
  });
});
