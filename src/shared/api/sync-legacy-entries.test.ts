import { describe, expect, it } from 'vitest';
import { entityChangeSchema } from './sync.js';

const T = '2026-11-01T10:00:00.000Z';

/**
 * The change feed keeps what older releases wrote. A desktop syncing from scratch must read those
 * entries (or its sync stops at the first one), in today's shape and truthfully.
 */
describe('feed entries written before fees were charged and transfers could be applied', () => {
  it('an old payment reads as paid without a fee: its fee was shown, never asked for', () => {
    const old = {
      id: 'pay_old',
      walletId: 'wal_1',
      customerId: 'cus_1',
      payerId: null,
      provider: 'crypto',
      amount: 10_000,
      currency: 'USD',
      status: 'paid',
      underpaid: false,
      overpaid: false,
      fee: 100,
      checkout: null,
      savedMethodId: null,
      savesMethodId: null,
      transactionId: 'txn_1',
      topUpLinkId: null,
      failureReason: null,
      expiresAt: T,
      paidAt: T,
      createdAt: T,
      updatedAt: T,
    };
    const parsed = entityChangeSchema.parse({
      seq: 1,
      id: 'pay_old',
      op: 'update',
      entity: 'payment',
      data: old,
    });
    expect(parsed.data).toMatchObject({ amount: 10_000, fee: 0, totalAmount: 10_000, failureCode: null });
  });

  it('an old review reads as one with no transfer and nothing applied', () => {
    const old = {
      id: 'prv_old',
      paymentId: null,
      provider: 'vietqr',
      reason: 'unmatched',
      detail: '500000 VND matches no open payment',
      status: 'open',
      createdAt: T,
    };
    const parsed = entityChangeSchema.parse({
      seq: 2,
      id: 'prv_old',
      op: 'create',
      entity: 'payment_review',
      data: old,
    });
    expect(parsed.data).toMatchObject({ amount: null, currency: null, applied: null, resolution: null });
  });
});
