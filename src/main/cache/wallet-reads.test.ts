import { beforeEach, describe, expect, it } from 'vitest';
import type { EntityChange } from '../../shared/api/sync.js';
import type { Wallet } from '../../shared/api/wallets.js';
import { testCustomer, testWallet } from '../../shared/testing/records.js';
import { memoryCache } from '../testing/handler-world.js';
import { feedPage } from '../sync/feed-page.js';
import type { CacheStore } from './cache-store.js';
import { AFTER_WALLET, walletPageSql } from './wallet-reads.js';

let cache: CacheStore;
let db: ReturnType<typeof memoryCache>['db'];
beforeEach(() => ({ cache, db } = memoryCache()));

const NAMES = ['beta Hosting', 'Alpha Proxies', 'alpha proxies', 'Công ty 100% Proxy', 'Zeta_net', 'Gamma'];
const CURRENCIES = ['VND', 'USD', 'EUR'] as const;
const CUSTOMERS = 150;

interface Listed {
  wallet: Wallet;
  name: string;
  email: string;
}

/** Customers sharing names (ties go by customer id), each with one to three wallets, some closed. */
function seed(): Listed[] {
  const changes: Array<Omit<EntityChange, 'seq'>> = [];
  const listed: Listed[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const customer = testCustomer({
      // Ids that do not sort as the names do.
      id: `cus_${String((i * 7919) % 1000).padStart(3, '0')}_${i}`,
      name: NAMES[i % NAMES.length]!,
      email: `c${i}@example.com`,
    });
    changes.push({ entity: 'customer', id: customer.id, op: 'create', data: customer });
    // Created out of currency order, so that the list's order is the read's doing.
    for (const currency of CURRENCIES.slice(0, 1 + (i % 3))) {
      const wallet = testWallet({
        id: `wal_${i}_${currency}`,
        customerId: customer.id,
        currency,
        status: i % 7 === 0 ? 'closed' : 'active',
      });
      changes.push({ entity: 'wallet', id: wallet.id, op: 'create', data: wallet });
      listed.push({ wallet, name: customer.name, email: customer.email });
    }
  }
  cache.applyPage(
    feedPage(
      changes.map((change, i) => ({ ...change, seq: i + 1 }) as EntityChange),
      changes.length,
    ),
  );
  return listed;
}

/** The list's order: customer name ignoring (ASCII) case, then customer id, then currency. */
const byCustomerName = (a: Listed, b: Listed) =>
  compare(a.name.toLowerCase(), b.name.toLowerCase()) ||
  compare(a.wallet.customerId, b.wallet.customerId) ||
  compare(a.wallet.currency, b.wallet.currency);
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const idsOf = (wallets: readonly Listed[]) => [...wallets].sort(byCustomerName).map((l) => l.wallet.id);

/** Where the page after `last` starts (none: the first page). */
const past = (last: (Wallet & { customerName: string }) | undefined) =>
  last && { customerName: last.customerName, customerId: last.customerId, currency: last.currency };

const plan = (sql: string, ...params: unknown[]) =>
  (db.prepare(`explain query plan ${sql}`).all(...params) as Array<{ detail: string }>)
    .map((r) => r.detail)
    .join('; ');

describe('wallets by customer name: the whole list a page at a time, or a search', () => {
  it('every wallet once, in order, a page past another, named with its customer, with the count', () => {
    const listed = seed();
    const read: Array<Wallet & { customerName: string }> = [];
    for (let pages = 1; ; pages++) {
      const page = cache.searchWallets({ query: '' }, past(read.at(-1)), 40);
      expect(page.total).toBe(listed.length);
      read.push(...page.items);
      if (page.items.length < 40) {
        expect(pages).toBe(Math.ceil(listed.length / 40));
        break;
      }
    }
    expect(read.map((w) => w.id)).toEqual(idsOf(listed));
    const wanted = listed.find((l) => l.wallet.id === read[137]!.id)!;
    expect(read[137]).toMatchObject({ customerName: wanted.name, balance: wanted.wallet.balance });
  });

  it('finds a customer by name, e-mail or reference, or a currency; % and _ are only characters', () => {
    const listed = seed();
    const found = (query: string, more: { currency?: 'VND' | 'USD' | 'EUR'; active?: boolean } = {}) =>
      cache.searchWallets({ query, ...more }, undefined, 500);
    const matching = (keep: (l: Listed) => boolean) => idsOf(listed.filter(keep));

    expect(found('ALPHA').items.map((w) => w.id)).toEqual(
      matching((l) => l.name.toLowerCase().includes('alpha')),
    );
    expect(found('c17@').items.map((w) => w.id)).toEqual(matching((l) => l.email.startsWith('c17@')));
    expect(found('usd').items.map((w) => w.id)).toEqual(matching((l) => l.wallet.currency === 'USD'));
    expect(found('100%').total).toBe(listed.filter((l) => l.name.includes('100%')).length);
    // As a wildcard, _ would find "mma" in Gamma.
    expect(found('m_a').total).toBe(0);

    // Narrowed to the wallets money can go to in one currency (a bank transfer's).
    const payable = found('proxies', { currency: 'EUR', active: true });
    expect(payable.items.map((w) => w.id)).toEqual(
      matching(
        (l) =>
          l.name.toLowerCase().includes('proxies') &&
          l.wallet.currency === 'EUR' &&
          l.wallet.status === 'active',
      ),
    );
    expect(payable.total).toBe(payable.items.length);
    expect(payable.total).toBeGreaterThan(4);
    // A search pages too: past its third match, the rest of them.
    const rest = cache.searchWallets(
      { query: 'proxies', currency: 'EUR', active: true },
      past(payable.items[2]),
      500,
    );
    expect(rest.items.map((w) => w.id)).toEqual(payable.items.slice(3).map((w) => w.id));
    expect(rest.total).toBe(payable.total);
  });

  it('reads the whole list in index order from where a page starts, without sorting it', () => {
    seed();
    const first = plan(walletPageSql(''), 40);
    expect(first).toMatch(/SCAN c USING COVERING INDEX customers_name/);
    const later = plan(walletPageSql(`where ${AFTER_WALLET}`), 'Gamma', 'cus_1', 'cus_1', 'USD', 40);
    expect(later).toMatch(/SEARCH c USING COVERING INDEX customers_name \(\(name,id\)>\(\?,\?\)\)/);
    for (const read of [first, later]) {
      expect(read).toMatch(/SEARCH w USING INDEX wallets_customer_currency \(customer_id=\?\)/);
      expect(read).not.toMatch(/TEMP B-TREE/);
    }
  });
});
