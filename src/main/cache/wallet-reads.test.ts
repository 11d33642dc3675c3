import { beforeEach, describe, expect, it } from 'vitest';
import type { EntityChange } from '../../shared/api/sync.js';
import type { Wallet } from '../../shared/api/wallets.js';
import { testCustomer, testWallet } from '../../shared/testing/records.js';
import { memoryCache } from '../testing/handler-world.js';
import { feedPage } from '../sync/feed-page.js';
import type { CacheStore } from './cache-store.js';
import { walletPageSql } from './wallet-reads.js';

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

const plan = (sql: string, ...params: unknown[]) =>
  (db.prepare(`explain query plan ${sql}`).all(...params) as Array<{ detail: string }>)
    .map((r) => r.detail)
    .join('; ');

describe('wallets by customer name: the whole list a page at a time, or a search', () => {
  it('every wallet once, in order, at every offset, named with its customer, with the count', () => {
    const listed = seed();
    const expected = idsOf(listed);
    const read: string[] = [];
    for (let offset = 0; offset < listed.length; offset += 40) {
      const page = cache.searchWallets({ query: '' }, offset, 40);
      expect(page.total).toBe(listed.length);
      read.push(...page.items.map((w) => w.id));
    }
    expect(read).toEqual(expected);
    const [first] = cache.searchWallets({ query: ' ' }, 137, 1).items;
    const wanted = listed.find((l) => l.wallet.id === expected[137])!;
    expect(first).toMatchObject({
      id: wanted.wallet.id,
      customerName: wanted.name,
      balance: wanted.wallet.balance,
    });
  });

  it('finds a customer by name, e-mail or reference, or a currency; % and _ are only characters', () => {
    const listed = seed();
    const found = (query: string, more: { currency?: 'VND' | 'USD' | 'EUR'; active?: boolean } = {}) =>
      cache.searchWallets({ query, ...more }, 0, 500);
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
    expect(payable.total).toBeGreaterThan(0);
  });

  it('reads the whole list in index order, without sorting it', () => {
    seed();
    const read = plan(walletPageSql(''), 40, 100);
    expect(read).toMatch(/SCAN c USING COVERING INDEX customers_name/);
    expect(read).toMatch(/SEARCH w USING INDEX wallets_customer_currency/);
    expect(read).not.toMatch(/TEMP B-TREE/);
  });
});
