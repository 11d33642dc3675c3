import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../shared/api/audit';
import { changedFields, currencyOf, walletOf } from './audit-change';

const record = (over: Partial<AuditRecord>): AuditRecord => ({
  id: 'aud_1',
  actor: { userId: null, apiKeyId: null, role: 'system' },
  action: 'wallet.credited',
  entityType: 'wallet',
  entityId: 'wal_1',
  before: null,
  after: null,
  reason: null,
  at: '2026-12-05T10:00:00.000Z',
  ...over,
});

describe('what an audit record changed', () => {
  it('a movement: the balance before and after, and the amount moved', () => {
    expect(
      changedFields({ balance: 9_750 }, { balance: 9_668, amount: -82, transactionId: 'txn_1' }),
    ).toEqual([
      { field: 'balance', before: 9_750, after: 9_668 },
      { field: 'amount', before: undefined, after: -82 },
      { field: 'transactionId', before: undefined, after: 'txn_1' },
    ]);
  });

  it('an update names only the fields that changed, nested values compared whole', () => {
    expect(
      changedFields(
        { name: 'Proxy', prices: { USD: 150 }, active: true },
        { name: 'Proxy', prices: { USD: 175 }, active: true },
      ),
    ).toEqual([{ field: 'prices', before: { USD: 150 }, after: { USD: 175 } }]);
  });

  it('a new record lists what it was created with; the currency is said by its amounts', () => {
    expect(changedFields(null, { walletId: 'wal_1', amount: 500, currency: 'USD' })).toEqual([
      { field: 'walletId', before: undefined, after: 'wal_1' },
      { field: 'amount', before: undefined, after: 500 },
    ]);
  });

  it('a field only the record before had is listed as gone', () => {
    expect(changedFields({ status: 'pending', note: 'x' }, { status: 'pending' })).toEqual([
      { field: 'note', before: 'x', after: undefined },
    ]);
  });

  it('a value that is not an object is one field', () => {
    expect(changedFields(null, ['a', 'b'])).toEqual([
      { field: 'value', before: undefined, after: ['a', 'b'] },
    ]);
    expect(changedFields('on', 'off')).toEqual([{ field: 'value', before: 'on', after: 'off' }]);
  });
});

describe('the currency of an audit record', () => {
  const wallets = new Map([['wal_1', 'VND']]);
  const walletCurrency = (id: string) => wallets.get(id);

  it('as the record states it', () => {
    const hold = record({
      entityType: 'hold',
      entityId: 'hld_1',
      after: { walletId: 'wal_9', amount: 5, currency: 'EUR' },
    });
    expect(currencyOf(hold, walletCurrency)).toBe('EUR');
  });

  it("else its wallet's: the record's own entity, or the wallet it names", () => {
    expect(currencyOf(record({ after: { balance: 1 } }), walletCurrency)).toBe('VND');
    const capture = record({
      entityType: 'hold',
      entityId: 'hld_1',
      after: { walletId: 'wal_1', charged: 3 },
    });
    expect(walletOf(capture)).toBe('wal_1');
    expect(currencyOf(capture, walletCurrency)).toBe('VND');
  });

  it('unknown when neither says, or the code is not a currency', () => {
    expect(
      currencyOf(record({ entityId: 'wal_gone', after: { balance: 1 } }), walletCurrency),
    ).toBeUndefined();
    expect(
      currencyOf(record({ entityType: 'product', after: { currency: 'XXX' } }), walletCurrency),
    ).toBeUndefined();
  });
});
