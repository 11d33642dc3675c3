import { afterEach, describe, expect, it } from 'vitest';
import type { SearchHit } from '../../shared/ipc-contract';
import { i18n } from '../i18n';
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
  it('opens an invoice and an order on their pages', () => {
    expect(routeOfHit(hit({ kind: 'invoice', id: 'inv_9' }))).toEqual({
      page: 'invoice',
      invoiceId: 'inv_9',
    });
    expect(routeOfHit(hit({ kind: 'order', id: 'ord_9' }))).toEqual({ page: 'order', orderId: 'ord_9' });
  });

  it('names a payment by its method and status, anything else by its own title', () => {
    expect(hitTitle(hit({ kind: 'payment', type: 'crypto:paid', title: 'x' }))).toBe('Crypto top-up · Paid');
    expect(hitTitle(hit({ kind: 'payment', type: 'sandbox:held_for_review', title: 'x' }))).toBe(
      'Sandbox test card top-up · Paid — waiting for staff: the wallet could not take it',
    );
    // A saved method's charge held unanswered: nothing is known to have arrived.
    expect(hitTitle(hit({ kind: 'payment', type: 'paypal:held_unanswered', title: 'x' }))).toBe(
      'PayPal top-up · Charge not confirmed — staff are checking it with the provider',
    );
    expect(hitTitle(hit({}))).toBe('Proxy order');
  });
  it('names an invoice by its number and status as its customer reads it, an order by product and status', () => {
    expect(hitTitle(hit({ kind: 'invoice', type: 'open', title: 'INV-2026-000042' }))).toBe(
      'INV-2026-000042 · Unpaid',
    );
    expect(hitTitle(hit({ kind: 'invoice', type: 'payment_held', title: 'INV-2026-000042' }))).toBe(
      'INV-2026-000042 · Payment arrived — waiting for staff',
    );
    expect(hitTitle(hit({ kind: 'order', type: 'partial', title: 'Proxy × 10' }))).toBe(
      'Proxy × 10 · Partly provisioned',
    );
  });
});

describe('a result in the console’s language', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('words a payment and a ledger row the server wrote itself, also one written before wordings', async () => {
    await i18n.changeLanguage('vi');
    expect(hitTitle(hit({ kind: 'payment', type: 'crypto:paid', title: 'x' }))).toBe(
      'Nạp tiền qua Tiền mã hóa · Đã thanh toán',
    );
    const order = { kind: 'order', order: 'ORD-1', quantity: 2, product: 'Mobile proxy' };
    expect(hitTitle(hit({ title: 'Order ORD-1: 2 × Mobile proxy', wording: order }))).toBe(
      'Đơn hàng ORD-1: 2 × Mobile proxy',
    );
    expect(hitTitle(hit({ title: 'Order ORD-1: 2 × Mobile proxy', relatedId: 'ord_1' }))).toBe(
      'Đơn hàng ORD-1: 2 × Mobile proxy',
    );
    // What a person typed stays as written.
    expect(hitTitle(hit({ title: 'Proxy order' }))).toBe('Proxy order');
  });
});
