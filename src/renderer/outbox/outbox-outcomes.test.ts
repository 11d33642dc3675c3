import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../shared/ipc-contract';
import { i18n } from '../i18n';
import { withFormattedAmounts } from '../lib/refusal-words';
import { newlyRejected, rejectionNotice } from './outbox-outcomes';

const adjustment: OutboxItem = {
  id: 'obx_1',
  kind: 'wallet.adjust',
  state: 'pending',
  payload: { amount: -500_000, reason: 'Chargeback' },
  customerId: 'cus_1',
  walletId: 'wal_1',
  currency: 'USD',
  summary: { key: 'walletAdjust', values: { amount: -500_000, currency: 'USD', reason: 'Chargeback' } },
  error: null,
  createdAt: '2025-03-04T12:00:00Z',
};
const refused: OutboxItem = {
  ...adjustment,
  state: 'rejected',
  error: { code: 'insufficient_funds', message: 'available balance is 4119.16 USD, 5000.00 USD needed' },
};

describe('a refused write, as the console says it', () => {
  it('formats the amounts of the server’s reason for their currency', () => {
    expect(withFormattedAmounts('available balance is 4119.16 USD, 5000.00 USD needed')).toBe(
      'available balance is $4,119.16, $5,000.00 needed',
    );
    expect(withFormattedAmounts('the balance would exceed 1000000.00 EUR')).toBe(
      'the balance would exceed €1,000,000.00',
    );
    expect(withFormattedAmounts('available balance is -12 VND')).toBe('available balance is -₫12');
    // Not amounts: left alone.
    expect(withFormattedAmounts('120 ABC and 3 USDT and order 42')).toBe('120 ABC and 3 USDT and order 42');
  });

  it('says "rejected" and why, never "pending sync"', () => {
    const notice = rejectionNotice(refused);
    expect(notice).toBe(
      'Adjust by -$5,000.00: Chargeback — rejected: available balance is $4,119.16, $5,000.00 needed',
    );
    expect(notice).not.toMatch(/pending/i);
    expect(notice).not.toMatch(/\d USD/);
  });

  it('announces a write once, when it turns rejected, and not the ones refused before the outbox was first seen', () => {
    expect(newlyRejected(null, [refused])).toEqual([]);
    const seenPending = new Map([[adjustment.id, adjustment.state]]);
    expect(newlyRejected(seenPending, [refused])).toEqual([refused]);
    const seenRejected = new Map([[refused.id, refused.state]]);
    expect(newlyRejected(seenRejected, [refused])).toEqual([]);
    // Refused before this console saw it queued (e.g. sent and refused between two reads): news too.
    expect(newlyRejected(new Map(), [refused])).toEqual([refused]);
  });

  it('words the server’s reason in the console’s language when the server gave it as data', async () => {
    const explained: OutboxItem = {
      ...refused,
      error: {
        ...refused.error!,
        reason: {
          key: 'insufficient_funds',
          values: { available: 411_916, needed: 500_000, currency: 'USD' },
        },
      },
    };
    await i18n.changeLanguage('vi');
    try {
      const notice = rejectionNotice(explained);
      expect(notice).toContain('Số dư khả dụng là 4.119,16\u00a0US$; cần 5.000,00\u00a0US$.');
      expect(notice).not.toContain('available balance');
    } finally {
      await i18n.changeLanguage('en');
    }
    // A reason this console does not know: the server's English, amounts formatted, as before.
    const unknown: OutboxItem = {
      ...explained,
      error: { ...explained.error!, reason: { key: 'later', values: {} } },
    };
    expect(rejectionNotice(unknown)).toContain('available balance is $4,119.16, $5,000.00 needed');
  });
});
