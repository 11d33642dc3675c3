import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../shared/api/invoices.js';
import { cacheMigrations } from './cache-migrations.js';
import { CacheStore } from './cache-store.js';
import { migrate } from './migrate.js';

const invoice = (over: Partial<Invoice> = {}): Invoice => ({
  id: 'inv_1',
  customerId: 'cus_1',
  number: 'INV-2026-000001',
  status: 'open',
  currency: 'USD',
  lines: [{ description: 'Hosting', quantity: 1, unitAmount: 1_000, taxRateBps: null, amount: 1_000 }],
  subtotal: 1_000,
  tax: 0,
  total: 1_000,
  amountPaid: 0,
  amountRefunded: 0,
  amountDue: 1_000,
  memo: null,
  dueDate: '2026-01-15',
  autoPay: null,
  methodLastUsed: null,
  payments: [],
  pendingPaymentId: null,
  topUpWalletId: null,
  test: false,
  issuedAt: '2026-01-01T10:00:00.000Z',
  paidAt: null,
  voidedAt: null,
  createdAt: '2026-01-01T09:00:00.000Z',
  updatedAt: '2026-01-01T10:00:00.000Z',
  ...over,
});

describe('cache migration 100: invoices', () => {
  it('adds the invoices table to a cache of the release before, keeping its cursor; the feed fills it', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(
      db,
      cacheMigrations.filter((m) => m.version < 100),
    );
    db.exec(`insert into meta (key, value) values ('cursor', '42')`);
    migrate(
      db,
      cacheMigrations.filter((m) => m.version <= 100),
    );
    // No invoice was ever in a feed before: nothing to fetch again.
    expect(db.prepare("select value from meta where key = 'cursor'").pluck().get()).toBe('42');
    migrate(db, cacheMigrations);
    const cache = new CacheStore(db);
    expect(cache.invoices({}, 10)).toEqual([]);

    const touched = cache.applyPage({
      entities: [{ seq: 43, entity: 'invoice', id: 'inv_1', op: 'update', data: invoice() }],
      transactions: [],
      nextCursor: 43,
      hasMore: false,
    });
    expect([...touched]).toEqual(['invoices']);
    expect(cache.invoice('inv_1')).toEqual(invoice());
    // An older copy never overwrites a newer one; a newer one does.
    cache.putInvoice(invoice({ status: 'draft', updatedAt: '2026-01-01T09:00:00.000Z' }));
    expect(cache.invoice('inv_1')?.status).toBe('open');
    cache.putInvoice(invoice({ status: 'paid', amountDue: 0, updatedAt: '2026-01-02T00:00:00.000Z' }));
    expect(
      cache.invoices({ status: 'paid', customerId: 'cus_1', from: '2026-01-01', to: '2026-01-01' }, 10),
    ).toHaveLength(1);
    expect(cache.invoices({ status: 'open' }, 10)).toEqual([]);
    db.close();
  });
});
