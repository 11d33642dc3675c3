import { describe, expect, it } from 'vitest';
import type { Payment } from '../../shared/api/payments.js';
import type { Refund } from '../../shared/api/refunds.js';
import type { Session } from '../../shared/ipc-contract.js';
import { NetworkError, type ApiClient } from '../api/client.js';
import { createDispatcher, type Handlers } from './handle.js';
import type { HandlerContext } from './handler-context.js';
import { createRefundHandlers } from './refund-handlers.js';

const NOW = '2030-01-01T00:00:00.000Z';
const REFUND: Refund = {
  id: 'rfd_1',
  walletId: 'wal_1',
  customerId: 'cus_1',
  paymentId: 'pay_1',
  provider: 'stripe',
  method: 'provider',
  amount: 500,
  currency: 'USD',
  reason: 'Asked',
  status: 'succeeded',
  destination: null,
  reference: null,
  providerRefundId: 're_1',
  failureReason: null,
  transactionId: 'txn_1',
  compensationId: null,
  createdAt: NOW,
  updatedAt: NOW,
};

/** The refund channels behind a dispatcher that trusts 'main-window', with a fake API and cache. */
function world(role: Session['role'], client: Partial<ApiClient> = {}) {
  const calls: Array<[string, unknown[]]> = [];
  const stored: Payment[] = [];
  let pulls = 0;
  const recording = new Proxy(client, {
    get: (target, name: string) => {
      const fn = (target as Record<string, unknown>)[name];
      if (typeof fn !== 'function') return fn;
      return (...args: unknown[]) => {
        calls.push([name, args]);
        return (fn as (...a: unknown[]) => unknown)(...args);
      };
    },
  });
  const context = {
    session: {
      signedIn: () => ({ account: 'acct', client: recording as ApiClient }),
      get: () => ({ role }) as Session,
    },
    real: (id: string) => (id === 'local_wal_1' ? 'local_wal_1' : id),
    cache: { putPayment: (p: Payment) => stored.push(p) },
    paymentsStored: () => undefined,
    engine: () => ({ syncNow: () => void pulls++ }),
  } as unknown as HandlerContext;
  const handlers = createRefundHandlers(context) as unknown as Handlers;
  const dispatch = createDispatcher(handlers, (sender: string) => sender === 'main-window');
  return {
    calls,
    stored,
    pulls: () => pulls,
    call: (channel: string, input: unknown, sender = 'main-window') => dispatch(sender, channel, input),
  };
}

describe('refund channels', () => {
  it('refund through the API with a fresh key each time, store the payment and ask for a pull', async () => {
    const payment = { id: 'pay_1', refundedAmount: 500 } as Payment;
    const w = world('reseller_admin', {
      refundPayment: async () => REFUND,
      payment: async () => payment,
    });
    const input = { paymentId: 'pay_1', amount: 500, reason: 'Asked' };
    expect(await w.call('payments:refund', input)).toEqual({ ok: true, value: REFUND });
    await w.call('payments:refund', input);
    const keys = w.calls.filter(([name]) => name === 'refundPayment').map(([, args]) => args[2]);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(2);
    expect(w.calls[0]).toEqual(['refundPayment', ['pay_1', { amount: 500, reason: 'Asked' }, keys[0]]]);
    expect(w.stored).toEqual([payment, payment]);
    expect(w.pulls()).toBe(2);
  });

  it('refuse bad input by field, support agents and customers, a sender that is not the window, and offline', async () => {
    const w = world('reseller_admin', {
      refundPayment: async () => {
        throw new NetworkError('unreachable');
      },
    });
    expect(await w.call('payments:refund', { paymentId: 'pay_1', amount: -1, reason: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'amount' },
    });
    expect(await w.call('payments:refund', { paymentId: 'pay_1', reason: 'x' }, 'iframe')).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
    expect(await w.call('payments:refund', { paymentId: 'pay_1', reason: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'offline' },
    });
    for (const role of ['support_agent', 'customer'] as const) {
      const other = world(role, { refundPayment: async () => REFUND });
      expect(await other.call('payments:refund', { paymentId: 'pay_1', reason: 'x' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(
        await other.call('wallets:close', { walletId: 'wal_1', refund: { to: 'original' } }),
      ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(other.calls).toEqual([]);
    }
  });

  it('close a wallet: the wallet and its refunds apart; a wallet still syncing is refused', async () => {
    const wallet = {
      id: 'wal_1',
      customerId: 'cus_1',
      currency: 'USD',
      status: 'closed',
      balance: 0,
      pendingCharges: 0,
      availableBalance: 0,
      createdAt: NOW,
      updatedAt: NOW,
    } as const;
    const w = world('reseller_admin', { closeWallet: async () => ({ ...wallet, refunds: [REFUND] }) });
    const refund = { to: 'manual', destination: 'IBAN X', reference: 'R-1' } as const;
    expect(await w.call('wallets:close', { walletId: 'wal_1', refund })).toEqual({
      ok: true,
      value: { wallet, refunds: [REFUND] },
    });
    expect(await w.call('wallets:close', { walletId: 'local_wal_1', refund })).toMatchObject({
      ok: false,
      error: { code: 'not_synced', field: 'walletId' },
    });
    expect(
      await w.call('wallets:close', { walletId: 'wal_1', refund: { to: 'manual', destination: 'IBAN X' } }),
    ).toMatchObject({ ok: false, error: { code: 'validation', field: 'refund.reference' } });
  });
});
