import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cacheMigrations } from './cache-migrations.js';
import { migrate } from './migrate.js';
import { SearchIndex } from './search-index.js';

describe('cache migration 220: invoices and orders in the search index', () => {
  it('indexes the invoices and orders a cache already holds, and those the feed brings later', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(
      db,
      cacheMigrations.filter((m) => m.version < 220),
    );
    const invoice = { id: 'inv_1', customerId: 'cus_1', number: 'INV-2026-000007', status: 'paid' };
    db.prepare(
      `insert into invoices (id, customer_id, number, status, currency, created_at, updated_at, data)
       values ('inv_1', 'cus_1', 'INV-2026-000007', 'paid', 'USD', 'x', 'x', ?)`,
    ).run(JSON.stringify({ ...invoice, lines: [{ description: 'Domain renewal' }], memo: null }));

    // Through 220 and every migration after it: the index is built on a cache at the latest version.
    migrate(db, cacheMigrations);
    const index = new SearchIndex(db);
    expect(index.backlog()).toBe(1);
    while (index.indexSome() > 0);
    expect(index.search('renewal', 5).map((g) => [g.kind, g.items.map((h) => h.id)])).toEqual([
      ['invoice', ['inv_1']],
    ]);

    db.prepare(
      `insert into orders (id, customer_id, status, created_at, data) values ('ord_1', 'cus_1', 'completed', 'x', ?)`,
    ).run(
      JSON.stringify({ id: 'ord_1', number: 'ORD-1', productName: 'Domain transfer', status: 'completed' }),
    );
    while (index.indexSome() > 0);
    expect(index.search('domain', 5).map((g) => g.kind)).toEqual(['invoice', 'order']);
  });
});
