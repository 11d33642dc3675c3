import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../shared/ipc-contract';
import { outboxAmount, outboxNote, outboxStateLabel } from './outbox-item';

const item: OutboxItem = {
  id: 'obx_1',
  kind: 'wallet.top_up',
  state: 'pending',
  payload: { walletId: 'wal_1', amount: 1050, description: 'Top-up' },
  customerId: 'cus_1',
  walletId: 'wal_1',
  currency: 'USD',
  summary: 'Top up 10.50 USD',
  error: null,
  createdAt: '2025-03-04T12:00:00Z',
};

describe('outboxAmount', () => {
  it('reads the amount a queued movement carries', () => {
    expect(outboxAmount(item)).toEqual({ amount: 1050, currency: 'USD' });
  });

  it('has none for writes that move no money, or with no known currency', () => {
    expect(outboxAmount({ ...item, kind: 'customer.create', payload: { name: 'Ann' } })).toBeNull();
    expect(outboxAmount({ ...item, currency: null })).toBeNull();
    expect(outboxAmount({ ...item, payload: { amount: '10.50' } })).toBeNull();
  });
});

describe('outboxStateLabel', () => {
  it('names each state', () => {
    expect(outboxStateLabel(item)).toBe('Pending sync');
    expect(outboxStateLabel({ ...item, state: 'rejected' })).toBe('Rejected');
  });
});

describe('outboxNote', () => {
  it('shows what was written with the write, or its summary', () => {
    expect(outboxNote(item)).toBe('Top-up');
    expect(outboxNote({ ...item, kind: 'wallet.adjust', payload: { amount: -5, reason: 'Goodwill' } })).toBe(
      'Goodwill',
    );
    expect(outboxNote({ ...item, kind: 'customer.create', payload: { name: 'Ann' } })).toBe(
      'Top up 10.50 USD',
    );
  });
});
