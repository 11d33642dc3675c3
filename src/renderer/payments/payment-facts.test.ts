import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage } from '../i18n';
import { hrefFor, parseHash } from '../shell/routes';
import {
  balanceAfterPayment,
  expiryDate,
  lateMoneyText,
  ledgerRowRoute,
  settledDate,
  walletName,
} from './payment-facts';

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

  describe('where staff applied the money of a payment paid after it ended', () => {
    afterEach(() => applyLanguage('en'));
    const at = '2026-12-07T09:00:00.000Z';
    const late = (lateMoney: Parameters<typeof lateMoneyText>[0]['lateMoney']) => ({
      walletId: 'wal_1',
      lateMoney,
    });

    it("tells its customer it went to another customer's wallet, never whose", async () => {
      const unnamed = late({ otherCustomer: true, walletId: null, customerId: null, at });
      expect(lateMoneyText(unnamed, null)).toBe("Staff applied this money to another customer's wallet.");
      await applyLanguage('vi');
      expect(lateMoneyText(unnamed, null)).toBe(
        'Nhân viên đã áp dụng khoản tiền này cho ví của một khách hàng khác.',
      );
    });

    it("tells staff which customer's wallet", async () => {
      const named = late({ otherCustomer: true, walletId: 'wal_9', customerId: 'cus_9', at });
      const wallet = { id: 'wal_9', customerName: 'Ben Ltd', currency: 'USD' };
      expect(lateMoneyText(named, wallet)).toBe('Staff applied this money to Ben Ltd · USD wallet.');
      // Not in this console's cache (yet): still says it went to another customer.
      expect(lateMoneyText(named, null)).toBe("Staff applied this money to another customer's wallet.");
      await applyLanguage('vi');
      expect(lateMoneyText(named, wallet)).toBe('Nhân viên đã áp dụng khoản tiền này cho Ben Ltd · ví USD.');
    });

    it('says its own wallet or another of its customer, and nothing when nothing of the kind happened', async () => {
      const own = late({ otherCustomer: false, walletId: 'wal_1', customerId: 'cus_1', at });
      expect(lateMoneyText(own, null)).toBe("Staff applied this money to this payment's wallet.");
      const sibling = late({ otherCustomer: false, walletId: 'wal_2', customerId: 'cus_1', at });
      expect(lateMoneyText(sibling, { id: 'wal_2', customerName: 'Ana', currency: 'EUR' })).toBe(
        'Staff applied this money to Ana · EUR wallet.',
      );
      expect(lateMoneyText(sibling, null)).toBe('Staff applied this money to another wallet.');
      await applyLanguage('vi');
      expect(lateMoneyText(own, null)).toBe(
        'Nhân viên đã áp dụng khoản tiền này cho ví của khoản thanh toán này.',
      );
      expect(lateMoneyText(sibling, null)).toBe('Nhân viên đã áp dụng khoản tiền này cho một ví khác.');
      expect(lateMoneyText(late(null), null)).toBeNull();
      expect(lateMoneyText(late(undefined), null)).toBeNull();
    });
  });
});
