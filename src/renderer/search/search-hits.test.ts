import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../shared/ipc-contract';
import { hitTitle, routeOfHit } from './search-hits';

const hit = (patch: Partial<SearchHit>): SearchHit => ({
  kind: 'transaction',
  id: 'txn_1',
  title: 'Proxy order',
  detail: 'Acme',
  code: 'ORD-1',
  type: 'payment',
  amount: -500,
  currency: 'USD',
  at: '2026-11-30T23:59:00.000Z',
  customerId: 'cus_1',
  walletId: 'wal_1',
  ...patch,
});

describe('where a search result leads', () => {
  it('opens a ledger row on its wallet, on the UTC day it was written', () => {
    expect(routeOfHit(hit({}))).toEqual({
      page: 'wallet',
      walletId: 'wal_1',
      ledgerRow: { transactionId: 'txn_1', day: '2026-11-30' },
    });
  });
  it('opens a payment on its page and a customer on theirs', () => {
    expect(routeOfHit(hit({ kind: 'payment', id: 'pay_9' }))).toEqual({
      page: 'payment',
      paymentId: 'pay_9',
    });
    expect(routeOfHit(hit({ kind: 'customer', id: 'cus_9' }))).toEqual({
      page: 'customer',
      customerId: 'cus_9',
    });
  });
  it('opens an invoice on its page and an order on the orders list', () => {
    expect(routeOfHit(hit({ kind: 'invoice', id: 'inv_9' }))).toEqual({
      page: 'invoice',
      invoiceId: 'inv_9',
    });
    expect(routeOfHit(hit({ kind: 'order', id: 'ord_9' }))).toEqual({ page: 'orders' });
  });

  it('names a payment by its method and status, anything else by its own title', () => {
    expect(hitTitle(hit({ kind: 'payment', type: 'crypto:paid', title: 'x' }))).toBe('Crypto top-up · Paid');
    expect(hitTitle(hit({}))).toBe('Proxy order');
  });
  it('names an invoice by its number and status as its customer reads it, an order by product and status', () => {
    expect(hitTitle(hit({ kind: 'invoice', type: 'open', title: 'INV-2026-000042' }))).toBe(
      'INV-2026-000042 · Unpaid',
    );
    expect(hitTitle(hit({ kind: 'order', type: 'partial', title: 'Proxy × 10' }))).toBe(
      'Proxy × 10 · Partly provisioned',
    );
  });
});
