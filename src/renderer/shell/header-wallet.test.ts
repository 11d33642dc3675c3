import { describe, expect, it } from 'vitest';
import { permissionsFor } from '../lib/permissions';
import { headerWalletSource, ownWalletsShown } from './header-wallet';
import type { Route } from './routes';

const admin = permissionsFor({ state: 'signed_in', role: 'reseller_admin' });
const agent = permissionsFor({ state: 'signed_in', role: 'support_agent' });
const customer = permissionsFor({ state: 'signed_in', role: 'customer' });

describe('the wallet the header speaks for', () => {
  it('is a customer’s own wallet, on every page', () => {
    for (const route of [
      { page: 'dashboard' },
      { page: 'payments' },
      { page: 'wallet', walletId: 'wal_2' },
    ] satisfies Route[]) {
      expect(headerWalletSource(route, customer)).toEqual({ kind: 'own' });
    }
  });

  it('is nothing for staff away from a wallet, a customer or a payment', () => {
    for (const permissions of [admin, agent]) {
      for (const route of [
        { page: 'dashboard' },
        { page: 'customers' },
        { page: 'payments' },
        { page: 'payment-settings' },
        { page: 'outbox' },
        { page: 'connection' },
      ] satisfies Route[]) {
        expect(headerWalletSource(route, permissions)).toEqual({ kind: 'none' });
      }
    }
  });

  it('is the wallet in context for staff', () => {
    for (const permissions of [admin, agent]) {
      expect(headerWalletSource({ page: 'customer', customerId: 'cus_1' }, permissions)).toEqual({
        kind: 'customer',
        customerId: 'cus_1',
        walletId: null,
      });
      expect(
        headerWalletSource({ page: 'customer', customerId: 'cus_1', walletId: 'wal_2' }, permissions),
      ).toEqual({ kind: 'customer', customerId: 'cus_1', walletId: 'wal_2' });
      expect(headerWalletSource({ page: 'wallet', walletId: 'wal_2' }, permissions)).toEqual({
        kind: 'wallet',
        walletId: 'wal_2',
      });
      expect(headerWalletSource({ page: 'wallet' }, permissions)).toEqual({ kind: 'wallet', walletId: null });
      expect(headerWalletSource({ page: 'top-up', walletId: 'wal_2' }, permissions)).toEqual({
        kind: 'wallet',
        walletId: 'wal_2',
      });
      expect(headerWalletSource({ page: 'payment', paymentId: 'pay_1' }, permissions)).toEqual({
        kind: 'payment',
        paymentId: 'pay_1',
      });
    }
  });
});

describe('the balances a customer’s header shows', () => {
  const usd = { id: 'wal_usd', status: 'active' as const };
  const vnd = { id: 'wal_vnd', status: 'active' as const };
  const eur = { id: 'wal_eur', status: 'closed' as const };

  it('is every wallet the customer holds, the current one first', () => {
    expect(ownWalletsShown(vnd, [usd, vnd])).toEqual([vnd, usd]);
    expect(ownWalletsShown(usd, [usd, vnd])).toEqual([usd, vnd]);
    expect(ownWalletsShown(usd, [usd])).toEqual([usd]);
  });

  it('leaves a closed wallet out, unless it is the current one', () => {
    expect(ownWalletsShown(usd, [usd, eur, vnd])).toEqual([usd, vnd]);
    expect(ownWalletsShown(eur, [usd, eur])).toEqual([eur, usd]);
  });
});
