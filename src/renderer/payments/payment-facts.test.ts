import { describe, expect, it } from 'vitest';
import { hrefFor, parseHash } from '../shell/routes';
import { balanceAfterPayment, expiryDate, ledgerRowRoute, settledDate, walletName } from './payment-facts';

describe('what a payment shows beside its status', () => {
  it('says when an open payment expires, when an expired one did, and nothing for one that ended otherwise', () => {
    const at = '2026-12-06T01:03:00.000Z';
    expect(expiryDate({ status: 'new', expiresAt: at })).toEqual({ label: 'Expires', at });
    expect(expiryDate({ status: 'processing', expiresAt: at })).toEqual({ label: 'Expires', at });
    expect(expiryDate({ status: 'expired', expiresAt: at })).toEqual({ label: 'Expired', at });
    for (const status of ['paid', 'failed', 'cancelled'] as const) {
      expect(expiryDate({ status, expiresAt: at }), status).toBeNull();
    }
  });

  it('names the wallet with its customer', () => {
    expect(walletName({ customerName: 'Acme Ltd', currency: 'USD' })).toBe('Acme Ltd · USD wallet');
    expect(walletName({ customerName: '', currency: 'EUR' })).toBe('EUR wallet');
  });

  it('links a paid payment to its ledger row, on the UTC day it was credited, and an unpaid one nowhere', () => {
    const paid = { walletId: 'wal_1', transactionId: 'txn_7', paidAt: '2025-03-04T23:59:30.000Z' };
    const route = ledgerRowRoute(paid);
    expect(route).toEqual({
      page: 'wallet',
      walletId: 'wal_1',
      ledgerRow: { transactionId: 'txn_7', day: '2025-03-04' },
    });
    // The link survives the URL (back, forward, reload).
    expect(parseHash(hrefFor(route!))).toEqual(route);
    expect(ledgerRowRoute({ walletId: 'wal_1', transactionId: null, paidAt: null })).toBeNull();
  });

  it('shows when it was paid, or else when it last changed', () => {
    expect(settledDate({ paidAt: '2025-03-04T12:05:00Z', updatedAt: '2025-03-04T12:06:00Z' })).toEqual({
      label: 'Paid',
      at: '2025-03-04T12:05:00Z',
    });
    expect(settledDate({ paidAt: null, updatedAt: '2025-03-04T12:06:00Z' })).toEqual({
      label: 'Updated',
      at: '2025-03-04T12:06:00Z',
    });
  });

  it("names a paid top-up's new balance only while the wallet still shows it, never today's balance", () => {
    const paidAt = '2026-12-06T01:03:00.000Z';
    const wallet = { balance: 172_522, updatedAt: paidAt };
    expect(balanceAfterPayment({ paidAt }, wallet)).toBe(172_522);
    // Spent from since: today's balance is not this payment's "new balance".
    expect(
      balanceAfterPayment({ paidAt }, { balance: 177_872, updatedAt: '2026-12-06T04:09:00.000Z' }),
    ).toBeNull();
    // The credit has not reached the cache yet.
    expect(
      balanceAfterPayment({ paidAt }, { balance: 147_022, updatedAt: '2026-12-06T01:00:00.000Z' }),
    ).toBeNull();
    expect(balanceAfterPayment({ paidAt: null }, wallet)).toBeNull();
    expect(balanceAfterPayment({ paidAt }, { ...wallet, pending: true })).toBeNull();
    expect(balanceAfterPayment({ paidAt }, undefined)).toBeNull();
  });
});
