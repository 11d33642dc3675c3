import { describe, expect, it } from 'vitest';
import { outboxOperationSchema, readStoredOperation } from './outbox-operations.js';

/** Payloads as the first versions of the console wrote them, kind by kind. */
const stored = {
  customer: JSON.stringify({
    localId: 'local_cus_1',
    name: 'Ann',
    email: 'ann@example.com',
    externalRef: 'A-1',
  }),
  wallet: JSON.stringify({ localId: 'local_wal_1', currency: 'EUR', customerName: 'Ann' }),
  credit: JSON.stringify({ amount: 1_050, description: 'Cash at the counter' }),
  adjust: JSON.stringify({ amount: -500, reason: 'Goodwill' }),
  payment: JSON.stringify({
    localId: 'local_pay_1',
    amount: 2_500,
    provider: 'crypto',
    saveMethod: true,
    asset: { asset: 'USDT', network: 'tron' },
  }),
};

describe('reading a stored outbox operation', () => {
  it('reads a merchant credit stored under its old kind `wallet.top_up` as `wallet.credit`', () => {
    expect(readStoredOperation('wallet.top_up', stored.credit)).toEqual({
      kind: 'wallet.credit',
      payload: { amount: 1_050, description: 'Cash at the counter' },
    });
    expect(readStoredOperation('wallet.credit', stored.credit)).toEqual(
      readStoredOperation('wallet.top_up', stored.credit),
    );
  });

  it('reads every kind an earlier version stored, payload unchanged', () => {
    const cases: Array<[string, string]> = [
      ['customer.create', stored.customer],
      ['wallet.create', stored.wallet],
      ['wallet.adjust', stored.adjust],
      ['payment.create', stored.payment],
    ];
    for (const [kind, payload] of cases) {
      expect(readStoredOperation(kind, payload)).toEqual({ kind, payload: JSON.parse(payload) });
    }
  });

  it('reads a wallet creation stored without the customer name, and drops keys it does not know', () => {
    expect(
      readStoredOperation('wallet.create', JSON.stringify({ localId: 'local_wal_1', currency: 'USD' })),
    ).toEqual({
      kind: 'wallet.create',
      payload: { localId: 'local_wal_1', currency: 'USD' },
    });
    expect(
      readStoredOperation(
        'wallet.top_up',
        JSON.stringify({ walletId: 'wal_1', amount: 5, description: 'x' }),
      ),
    ).toEqual({ kind: 'wallet.credit', payload: { amount: 5, description: 'x' } });
  });

  it('turns a row it cannot read into an unreadable operation that says why, never a throw', () => {
    expect(readStoredOperation('wallet.credit', '{not json')).toEqual({
      kind: 'unreadable',
      payload: { storedKind: 'wallet.credit', reason: 'its stored payload is not JSON' },
    });
    expect(readStoredOperation('wallet.refund', stored.credit)).toMatchObject({
      kind: 'unreadable',
      payload: { storedKind: 'wallet.refund', reason: expect.stringMatching(/^kind: /) },
    });
    expect(
      readStoredOperation('wallet.top_up', JSON.stringify({ amount: '10.50', description: 'x' })),
    ).toMatchObject({
      kind: 'unreadable',
      payload: { storedKind: 'wallet.top_up', reason: /^payload\.amount: / },
    });
    expect(readStoredOperation('wallet.adjust', JSON.stringify({ amount: 0, reason: 'x' }))).toMatchObject({
      kind: 'unreadable',
      payload: { reason: 'payload.amount: must not be zero' },
    });
    expect(readStoredOperation('customer.create', 'null')).toMatchObject({ kind: 'unreadable' });
  });

  it('offers no operation under an old kind name', () => {
    expect(
      outboxOperationSchema.safeParse({ kind: 'wallet.top_up', payload: JSON.parse(stored.credit) }).success,
    ).toBe(false);
  });
});
