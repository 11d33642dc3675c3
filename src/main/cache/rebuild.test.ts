import { beforeEach, describe, expect, it } from 'vitest';
import type { Payment } from '../../shared/api/payments.js';
import { feedPage } from '../sync/feed-page.js';
import { memoryCache, TEST_NOW as NOW, testPayment, testWallet } from '../testing/handler-world.js';
import type { CacheStore } from './cache-store.js';

/** The server compacted its feed past this cache's cursor: the cache starts again from position 0. */
let cache: CacheStore;

const wallet = testWallet({ balance: 5_000, availableBalance: 5_000 });
const payment = (patch: Partial<Payment> = {}): Payment =>
  testPayment({ status: 'paid', checkout: null, paidAt: NOW, ...patch });

beforeEach(() => {
  cache = memoryCache().cache;
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
