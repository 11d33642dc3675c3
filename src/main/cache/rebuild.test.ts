import BetterSqlite3 from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Payment } from '../../shared/api/payments.js';
import type { Wallet } from '../../shared/api/wallets.js';
import { feedPage } from '../sync/feed-page.js';
import { cacheMigrations } from './cache-migrations.js';
import { CacheStore } from './cache-store.js';
import { migrate } from './migrate.js';

/** The server compacted its feed past this cache's cursor: the cache starts again from position 0. */
let cache: CacheStore;
const NOW = '2030-01-01T00:00:00.000Z';

const wallet: Wallet = {
  id: 'wal_1',
  customerId: 'cus_1',
  currency: 'USD',
  status: 'active',
  balance: 5_000,
  pendingCharges: 0,
  availableBalance: 5_000,
  createdAt: NOW,
  updatedAt: NOW,
};

const payment = (patch: Partial<Payment> = {}): Payment => ({
  id: 'pay_1',
  walletId: 'wal_1',
  customerId: 'cus_1',
  payerId: null,
  provider: 'sandbox',
  amount: 2_500,
  currency: 'USD',
  status: 'paid',
  underpaid: false,
  overpaid: false,
  fee: 0,
  totalAmount: 2_500,
  checkout: null,
  savedMethodId: null,
  savesMethodId: null,
  providerReference: null,
  transactionId: null,
  topUpLinkId: null,
  failureReason: null,
  test: true,
  expiresAt: NOW,
  paidAt: NOW,
  createdAt: NOW,
  updatedAt: NOW,
  ...patch,
});

beforeEach(() => {
  const db = new BetterSqlite3(':memory:');
  migrate(db, cacheMigrations);
  cache = new CacheStore(db);
});

describe('rebuilding the cache', () => {
  it('forgets what the feed brought and the cursor, and keeps which account it belongs to', () => {
    cache.setMeta('account', 'http://127.0.0.1:1|rsl_1|key_1');
    cache.applyPage(
      feedPage(
        [
          { seq: 1, entity: 'wallet', id: wallet.id, op: 'create', data: wallet },
          { seq: 2, entity: 'payment', id: 'pay_1', op: 'create', data: payment() },
        ],
        2,
      ),
    );
    cache.takeFinishedPayments();
    expect(cache.cursor()).toBe(2);

    cache.rebuild();

    expect(cache.cursor()).toBe(0);
    expect(cache.wallets()).toEqual([]);
    expect(cache.payment('pay_1')).toBeNull();
    expect(cache.getMeta('account')).toBe('http://127.0.0.1:1|rsl_1|key_1');
  });

  it('does not report a payment that had ended before the rebuild as just finished, but does one that ends after', () => {
    cache.applyPage(
      feedPage(
        [
          { seq: 1, entity: 'payment', id: 'pay_1', op: 'create', data: payment() },
          {
            seq: 2,
            entity: 'payment',
            id: 'pay_2',
            op: 'create',
            data: payment({ id: 'pay_2', status: 'new', paidAt: null }),
          },
        ],
        2,
      ),
    );
    expect(cache.takeFinishedPayments().map((f) => f.payment.id)).toEqual(['pay_1']);

    cache.rebuild();
    cache.applyPage(
      feedPage(
        [
          { seq: 1, entity: 'payment', id: 'pay_1', op: 'create', data: payment() },
          { seq: 3, entity: 'payment', id: 'pay_2', op: 'update', data: payment({ id: 'pay_2' }) },
        ],
        3,
      ),
    );
    expect(cache.takeFinishedPayments()).toEqual([{ payment: payment({ id: 'pay_2' }), previous: 'new' }]);
  });
});
