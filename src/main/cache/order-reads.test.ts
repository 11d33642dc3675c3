import { beforeEach, describe, expect, it } from 'vitest';
import type { EntityChange } from '../../shared/api/sync.js';
import {
  testCustomer,
  testOrder,
  testSubscription,
  testTransaction,
  testWallet,
} from '../../shared/testing/records.js';
import { memoryCache } from '../testing/handler-world.js';
import { feedPage } from '../sync/feed-page.js';
import type { CacheStore } from './cache-store.js';

let cache: CacheStore;
beforeEach(() => ({ cache } = memoryCache()));

function apply(changes: Array<Omit<EntityChange, 'seq'>>) {
  cache.applyPage(
    feedPage(
      changes.map((c, i) => ({ ...c, seq: i + 1 }) as EntityChange),
      changes.length,
    ),
  );
}

describe("an order's page, from the cache", () => {
  const payment = testTransaction({ id: 'txn_pay', type: 'payment', amount: -1_500, balanceAfter: 500 });
  const refund = testTransaction({
    id: 'txn_ref',
    type: 'refund',
    amount: 600,
    balanceAfter: 1_100,
    relatedId: payment.id,
    createdAt: '2030-01-02T00:00:00.000Z',
  });

  it('reads the order with the subscription it started and the ledger rows that paid and refunded it', () => {
    const order = testOrder({
      status: 'partial',
      provisioned: 6,
      refunded: 600,
      paymentTransactionId: payment.id,
      refundTransactionId: refund.id,
      subscriptionId: 'sub_1',
    });
    const subscription = testSubscription({ orderId: order.id });
    apply([
      { entity: 'customer', id: 'cus_1', op: 'create', data: testCustomer() },
      { entity: 'wallet', id: 'wal_1', op: 'create', data: testWallet() },
      { entity: 'transaction', id: payment.id, op: 'create', data: payment },
      { entity: 'transaction', id: refund.id, op: 'create', data: refund },
      { entity: 'order', id: order.id, op: 'create', data: order },
      { entity: 'subscription', id: subscription.id, op: 'create', data: subscription },
    ]);

    expect(cache.orderReads.order(order.id)).toEqual({ order, subscription, payment, refunds: [refund] });
  });

  it('lists every refund of its payment, oldest first: one staff made by hand before the order settled too', () => {
    const byHand = testTransaction({
      id: 'txn_hand',
      type: 'refund',
      amount: 400,
      balanceAfter: 900,
      relatedId: payment.id,
      description: 'Goodwill for the wait',
      createdAt: '2030-01-01T12:00:00.000Z',
    });
    const otherPayments = testTransaction({
      id: 'txn_other',
      type: 'refund',
      amount: 100,
      balanceAfter: 1_200,
      relatedId: 'txn_another_payment',
      createdAt: '2030-01-03T00:00:00.000Z',
    });
    const order = testOrder({
      status: 'partial',
      provisioned: 6,
      refunded: 1_000,
      paymentTransactionId: payment.id,
      refundTransactionId: refund.id,
    });
    apply([
      { entity: 'customer', id: 'cus_1', op: 'create', data: testCustomer() },
      { entity: 'wallet', id: 'wal_1', op: 'create', data: testWallet() },
      { entity: 'transaction', id: payment.id, op: 'create', data: payment },
      { entity: 'transaction', id: byHand.id, op: 'create', data: byHand },
      { entity: 'transaction', id: refund.id, op: 'create', data: refund },
      { entity: 'transaction', id: otherPayments.id, op: 'create', data: otherPayments },
      { entity: 'order', id: order.id, op: 'create', data: order },
    ]);

    expect(cache.orderReads.order(order.id)?.refunds).toEqual([byHand, refund]);
  });

  it('says what it does not hold: no refund, rows not synced yet, no such order', () => {
    const order = testOrder({ id: 'ord_2', paymentTransactionId: 'txn_elsewhere' });
    apply([{ entity: 'order', id: order.id, op: 'create', data: order }]);

    expect(cache.orderReads.order('ord_2')).toEqual({
      order,
      subscription: null,
      payment: null,
      refunds: [],
    });
    expect(cache.orderReads.order('ord_unknown')).toBeNull();
  });
});
