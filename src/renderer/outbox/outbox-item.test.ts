import { describe, expect, it } from 'vitest';
import type { OutboxItem, QueuedItem } from '../../shared/ipc-contract';
import { outboxAmount, outboxDescription, outboxNote, outboxStateLabel } from './outbox-item';

const item: QueuedItem<'wallet.credit'> = {
  id: 'obx_1',
  kind: 'wallet.credit',
  state: 'pending',
  payload: { amount: 1050, description: 'Top-up' },
  customerId: 'cus_1',
  walletId: 'wal_1',
  currency: 'USD',
  summary: { key: 'walletCredit', values: { amount: 1050, currency: 'USD' } },
  error: null,
  createdAt: '2025-03-04T12:00:00Z',
};
const credit = (amount: number) => ({ key: 'walletCredit', values: { amount, currency: 'USD' } }) as const;
const customerCreate = {
  kind: 'customer.create',
  payload: { localId: 'local_cus_1', name: 'Ann', email: 'ann@example.com' },
} as const;
const adjust = (reason: string) => ({ kind: 'wallet.adjust', payload: { amount: -500, reason } }) as const;
const payment = {
  kind: 'payment.create',
  payload: { localId: 'local_pay_1', amount: 1000, provider: 'paypal' },
} as const;
const walletCreate = { kind: 'wallet.create', payload: { localId: 'local_wal_1', currency: 'USD' } } as const;

describe('outboxAmount', () => {
  it('reads the amount a queued movement carries', () => {
    expect(outboxAmount(item)).toEqual({ amount: 1050, currency: 'USD' });
  });

  it('has none for writes that move no money, or with no known currency', () => {
    expect(outboxAmount({ ...item, ...customerCreate })).toBeNull();
    expect(outboxAmount({ ...item, currency: null })).toBeNull();
    // What the types rule out may still come over the bridge: a malformed amount shows none.
    expect(outboxAmount({ ...item, payload: { amount: '10.50' } } as unknown as OutboxItem)).toBeNull();
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
    expect(outboxNote({ ...item, ...adjust('Goodwill') })).toBe('Goodwill');
    expect(outboxNote({ ...item, ...customerCreate })).toBe('Add credit $10.50');
  });
});

describe('outboxDescription', () => {
  const acme = { customerName: 'Acme Ltd', currency: 'USD' };

  it('says whose wallet a queued credit, top-up or adjustment is for', () => {
    expect(outboxDescription({ ...item, summary: credit(5000) }, acme)).toBe(
      'Add credit $50.00 to Acme Ltd · USD wallet',
    );
    expect(
      outboxDescription(
        {
          ...item,
          ...payment,
          summary: { key: 'topUp', values: { amount: 1000, currency: 'USD', provider: 'paypal' } },
        },
        acme,
      ),
    ).toBe('Top up $10.00 by PayPal to Acme Ltd · USD wallet');
    expect(
      outboxDescription(
        {
          ...item,
          ...adjust('Refund'),
          summary: { key: 'walletAdjust', values: { amount: -500, currency: 'USD', reason: 'Refund' } },
        },
        acme,
      ),
    ).toBe('Adjust by -$5.00: Refund (Acme Ltd · USD wallet)');
  });

  it('keeps the summary when the wallet is unknown or the write names its own subject', () => {
    expect(outboxDescription({ ...item, summary: credit(5000) }, null)).toBe('Add credit $50.00');
    expect(
      outboxDescription(
        {
          ...item,
          ...walletCreate,
          summary: { key: 'walletCreate', values: { currency: 'USD', name: 'Acme Ltd' } },
        },
        acme,
      ),
    ).toBe('Add a USD wallet for Acme Ltd');
  });
});
