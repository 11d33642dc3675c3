import { beforeEach, describe, expect, it } from 'vitest';
import type { Customer } from '../../shared/api/customers.js';
import type { EntityChange } from '../../shared/api/sync.js';
import { testCustomer } from '../../shared/testing/records.js';
import { memoryCache } from '../testing/handler-world.js';
import { feedPage } from '../sync/feed-page.js';
import type { CacheStore } from './cache-store.js';

let cache: CacheStore;
let db: ReturnType<typeof memoryCache>['db'];
beforeEach(() => ({ cache, db } = memoryCache()));

const NAMES = ['beta Hosting', 'Alpha Proxies', 'alpha proxies', 'Công ty 100% Proxy', 'Zeta_net', 'Gamma'];
const CUSTOMERS = 240;

function seed(): Customer[] {
  const customers = Array.from({ length: CUSTOMERS }, (_, i) =>
    testCustomer({
      // Ids that do not sort as the names do; many customers share a name, so ties go by id.
      id: `cus_${String((i * 7919) % 1000).padStart(3, '0')}_${i}`,
      name: NAMES[i % NAMES.length]!,
      email: `c${i}@example.com`,
      externalRef: i % 5 === 0 ? `REF-${i}` : null,
    }),
  );
  const changes = customers.map((data, i) => ({
    entity: 'customer',
    id: data.id,
    op: 'create',
    data,
    seq: i + 1,
  }));
  cache.applyPage(feedPage(changes as EntityChange[], changes.length));
  return customers;
}

/** The list's order: by name ignoring case (ASCII, as SQLite's NOCASE), then by id. */
const byName = (a: Customer, b: Customer) =>
  a.name.toLowerCase().localeCompare(b.name.toLowerCase(), 'en', { sensitivity: 'base' }) ||
  (a.id < b.id ? -1 : 1);

const plan = (sql: string, ...params: unknown[]) =>
  (db.prepare(`explain query plan ${sql}`).all(...params) as Array<{ detail: string }>)
    .map((r) => r.detail)
    .join('; ');

describe('the Customers screen: the whole list by name, or a search, a page at any offset', () => {
  it('every customer once, by name then id, at every offset, with the count', () => {
    const customers = seed();
    const expected = [...customers].sort(byName).map((c) => c.id);
    const read: string[] = [];
    for (let offset = 0; offset < CUSTOMERS; offset += 50) {
      const page = cache.searchCustomers('', offset, 50);
      expect(page.total).toBe(CUSTOMERS);
      read.push(...page.items.map((c) => c.id));
    }
    expect(read).toEqual(expected);
    // A page anywhere is the same slice of that order (a scrollbar dragged straight to it).
    expect(cache.searchCustomers('  ', 173, 20).items.map((c) => c.id)).toEqual(expected.slice(173, 193));
  });

  it('a search finds the substring in a name, an e-mail or a reference; % and _ are only characters', () => {
    const customers = seed();
    const found = (query: string) => cache.searchCustomers(query, 0, 500);
    const matching = (keep: (c: Customer) => boolean) =>
      customers
        .filter(keep)
        .sort(byName)
        .map((c) => c.id);

    expect(found('ALPHA').items.map((c) => c.id)).toEqual(
      matching((c) => c.name.toLowerCase().includes('alpha')),
    );
    expect(found('c17@').items.map((c) => c.id)).toEqual(matching((c) => c.email.startsWith('c17@')));
    expect(found('ref-1').total).toBe(customers.filter((c) => c.externalRef?.startsWith('REF-1')).length);
    expect(found('100%').items.map((c) => c.name)).toEqual(
      Array(CUSTOMERS / NAMES.length).fill('Công ty 100% Proxy'),
    );
    // As a wildcard, _ would find "mma" in Gamma.
    expect(found('m_a').total).toBe(0);
    expect(found('a_net').total).toBe(CUSTOMERS / NAMES.length);
    expect(found('beta').items.slice(10, 12)).toEqual(cache.searchCustomers('beta', 10, 2).items);
  });

  it('the whole list reads a page deep down from the name index, never sorting the table; a search scans once', () => {
    seed();
    const browse = plan('select * from customers order by name collate nocase, id limit ? offset ?', 50, 100);
    expect(browse).toMatch(/SCAN customers USING INDEX customers_name/);
    expect(browse).not.toMatch(/TEMP B-TREE/);
    const search = plan(
      `select * from customers not indexed where search_text like ? escape '\\' order by name collate nocase, id limit ? offset ?`,
      '%a%',
      50,
      0,
    );
    expect(search).toMatch(/^SCAN customers/);
    expect(search).not.toMatch(/INDEX/);
  });
});
