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

/**
 * A hosted API upgraded before the console words failures this release has no code for (a refund
 * refusal or a payment failure added later). The entry still reads, the code as none, so the console
 * shows the server's English for it instead of stopping its sync at that entry.
 */
describe('feed entries carrying a failure code from a newer server', () => {
  it('a refund refused for a reason added later reads with no code and its English', () => {
    const parsed = entityChangeSchema.parse({
      seq: 3,
      id: 'rfd_new',
      op: 'update',
      entity: 'refund',
      data: {
        id: 'rfd_new',
        walletId: 'wal_1',
        customerId: 'cus_1',
        paymentId: 'pay_1',
        provider: 'paypal',
        method: 'provider',
        amount: 500,
        currency: 'USD',
        reason: 'Refund',
        status: 'failed',
        destination: null,
        reference: null,
        providerRefundId: null,
        failureReason: 'PayPal UNPROCESSABLE_ENTITY SOMETHING_NEW: refused',
        failureCode: 'something_new',
        transactionId: 'txn_1',
        compensationId: 'txn_2',
        createdAt: T,
        updatedAt: T,
      },
    });
    expect(parsed.data).toMatchObject({
      status: 'failed',
      failureReason: 'PayPal UNPROCESSABLE_ENTITY SOMETHING_NEW: refused',
      failureCode: undefined,
    });
  });

  it('a payment that failed for a reason added later reads with no code and its English', () => {
    const parsed = entityChangeSchema.parse({
      seq: 4,
      id: 'pay_new',
      op: 'update',
      entity: 'payment',
      data: {
        id: 'pay_new',
        walletId: 'wal_1',
        customerId: 'cus_1',
        payerId: null,
        provider: 'stripe',
        amount: 1_000,
        currency: 'USD',
        status: 'failed',
        underpaid: false,
        overpaid: false,
        fee: 0,
        totalAmount: 1_000,
        checkout: null,
        savedMethodId: null,
        savesMethodId: null,
        transactionId: null,
        topUpLinkId: null,
        failureReason: 'Something new happened.',
        failureCode: 'something_new',
        expiresAt: T,
        paidAt: null,
        createdAt: T,
        updatedAt: T,
      },
    });
    expect(parsed.data).toMatchObject({ failureReason: 'Something new happened.', failureCode: null });
  });
});

/**
 * A hosted API upgraded before the console offers event types this release does not know (as
 * wallet.auto_top_up_unconfirmed was added). An endpoint subscribed to one still reads, the type
 * kept as the server sent it (the console lists it as it is), instead of stopping the sync.
 */
describe('a webhook endpoint subscribed to an event type from a newer server', () => {
  it('reads, with every type it is subscribed to', () => {
    const parsed = entityChangeSchema.parse({
      seq: 5,
      id: 'whe_new',
      op: 'update',
      entity: 'webhook_endpoint',
      data: {
        id: 'whe_new',
        url: 'https://hooks.example.com/billing',
        description: '',
        events: ['wallet.topped_up', 'wallet.some_event_added_later'],
        status: 'enabled',
        disabledReason: null,
        failureStreak: 0,
        lastSuccessAt: null,
        createdAt: T,
        updatedAt: T,
      },
    });
    expect(parsed.entity).toBe('webhook_endpoint');
    expect(parsed.data).toMatchObject({ events: ['wallet.topped_up', 'wallet.some_event_added_later'] });
  });
});
