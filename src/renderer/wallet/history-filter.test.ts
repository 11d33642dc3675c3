import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER_FORM, historyFilterOf, isFiltered } from './history-filter';

describe('historyFilterOf', () => {
  it('leaves out what is not set', () => {
    expect(historyFilterOf('wal_1', EMPTY_FILTER_FORM)).toEqual({ ok: true, filter: { walletId: 'wal_1' } });
    expect(isFiltered(EMPTY_FILTER_FORM)).toBe(false);
  });

  it('passes a type and a date range through', () => {
    expect(historyFilterOf('wal_1', { type: 'refund', from: '2025-01-01', to: '2025-01-31' })).toEqual({
      ok: true,
      filter: { walletId: 'wal_1', type: 'refund', from: '2025-01-01', to: '2025-01-31' },
    });
    expect(historyFilterOf('wal_1', { type: 'refund', from: '2025-01-01', to: '2025-01-01' }).ok).toBe(true);
    expect(historyFilterOf('wal_1', { type: 'credit', from: '', to: '' })).toEqual({
      ok: true,
      filter: { walletId: 'wal_1', type: 'credit' },
    });
  });

  it('refuses a range that ends before it starts, and ignores unknown types', () => {
    expect(historyFilterOf('wal_1', { type: '', from: '2025-02-01', to: '2025-01-01' })).toEqual({
      ok: false,
      field: 'to',
      message: 'The end date is before the start date.',
    });
    expect(historyFilterOf('wal_1', { type: 'bogus', from: '', to: '' })).toEqual({
      ok: true,
      filter: { walletId: 'wal_1' },
    });
  });
});
