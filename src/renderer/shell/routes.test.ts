import { describe, expect, it } from 'vitest';
import { hrefFor, parseHash, sectionOf, type Route } from './routes';

describe('routes', () => {
  it('round-trips every route through the hash', () => {
    const routes: Route[] = [
      { page: 'dashboard' },
      { page: 'wallet' },
      { page: 'wallet', walletId: 'wal_01ABC' },
      { page: 'wallet', walletId: 'wal_01ABC', ledgerRow: { transactionId: 'txn_9', day: '2025-03-04' } },
      { page: 'customers' },
      { page: 'customer', customerId: 'cus_01ABC' },
      { page: 'customer', customerId: 'cus_01ABC', walletId: 'wal_9' },
      { page: 'connection' },
      { page: 'outbox' },
      { page: 'top-up' },
      { page: 'top-up', walletId: 'wal_01ABC' },
      { page: 'payments' },
      { page: 'payment', paymentId: 'pay_01ABC' },
      { page: 'payments', customerId: 'cus_01ABC' },
      { page: 'payment-settings' },
      { page: 'users' },
      { page: 'orders' },
      { page: 'orders', customerId: 'cus_01ABC' },
      { page: 'order', orderId: 'ord_01ABC' },
      { page: 'subscriptions' },
      { page: 'subscriptions', customerId: 'cus_01ABC' },
      { page: 'invoices' },
      { page: 'invoices', customerId: 'cus_01ABC' },
      { page: 'invoice', invoiceId: 'inv_01ABC' },
    ];
    for (const route of routes) expect(parseHash(hrefFor(route))).toEqual(route);
  });

  it('leaves alone hashes that are not routes, like the browser host token', () => {
    expect(parseHash('#token=abc')).toBeNull();
    expect(parseHash('')).toBeNull();
    expect(parseHash('#/nowhere')).toBeNull();
    expect(parseHash('#/')).toEqual({ page: 'dashboard' });
    // A ledger link missing its day (or with a malformed one) opens the wallet alone.
    expect(parseHash('#/wallet/wal_1/ledger/txn_9')).toEqual({ page: 'wallet', walletId: 'wal_1' });
    expect(parseHash('#/wallet/wal_1/ledger/txn_9/yesterday')).toEqual({ page: 'wallet', walletId: 'wal_1' });
  });

  it('ignores ids that could not be ids', () => {
    expect(parseHash('#/wallet/%3Cscript%3E')).toEqual({ page: 'wallet' });
    expect(parseHash('#/orders/customer/%3Cscript%3E')).toEqual({ page: 'orders' });
    expect(parseHash('#/orders/%3Cscript%3E')).toEqual({ page: 'orders' });
    // An order is under Orders in the navigation.
    expect(sectionOf({ page: 'order', orderId: 'ord_1' })).toBe('orders');
  });
});
