import { describe, expect, it } from 'vitest';
import { minorUnits } from '../../shared/money.js';
import { DIALECTS } from '../../../test/support/databases.js';
import { enableSandbox, SANDBOX_ONLY, serviceWorld } from '../../../test/support/service-world.js';
import { baseUnits } from '../gateways/crypto/amounts.js';
import type { ProviderPaymentSnapshot, RailAmount } from '../gateways/provider.js';
import { cancelPayment } from '../services/payments/cancel.js';
import { createTopUp } from '../services/payments/create-top-up.js';
import { unwrap } from '../services/result.js';
import { settlePayment } from './settle.js';

/**
 * A payment cancelled here but paid at its provider anyway credits nothing by itself: its review
 * carries what arrived (minor units of the payment's currency), so staff can apply it, once.
 */
describe.each(DIALECTS)('a payment paid after it was cancelled, on %s', (dialect) => {
  const world = serviceWorld(dialect);

  /** A cancelled 5 000 USD sandbox top-up (fee 0), its provider id and, for coins, the quote stored. */
  async function cancelled(key: string, expected: object | null = null) {
    const { store, admin, a, now } = world();
    await enableSandbox(store, admin);
    const gateways = {
      registry: SANDBOX_ONLY,
      cryptoGapPolicy: 'warn' as const,
      credentialProblem: async () => null,
    };
    const payment = await store.write(async (trx) =>
      unwrap(
        await createTopUp(
          trx,
          admin,
          {
            walletId: a.walletId,
            body: { amount: 5_000, provider: 'sandbox' },
            idempotencyKey: key,
            gateways,
          },
          now,
        ),
      ),
    );
    await store.write((trx) =>
      trx
        .updateTable('payments')
        .set({
          provider_payment_id: `sbx_${key}`,
          recipient: 'acct_sandbox',
          expected: expected && JSON.stringify(expected),
        })
        .where('id', '=', payment.id)
        .execute(),
    );
    await store.write(async (trx) => unwrap(await cancelPayment(trx, admin, { id: payment.id }, now)));
    return store.db.selectFrom('payments').selectAll().where('id', '=', payment.id).executeTakeFirstOrThrow();
  }

  const paidAnswer = (key: string, received: RailAmount): ProviderPaymentSnapshot => ({
    providerPaymentId: `sbx_${key}`,
    reference: null,
    status: 'paid',
    received,
    recipient: 'acct_sandbox',
  });

  const reviewsOf = (paymentId: string) =>
    world()
      .store.db.selectFrom('payment_reviews')
      .select(['reason', 'status', 'amount', 'currency'])
      .where('payment_id', '=', paymentId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();

  const balance = async () =>
    (
      await world()
        .store.db.selectFrom('wallets')
        .select('balance')
        .where('id', '=', world().a.walletId)
        .executeTakeFirstOrThrow()
    ).balance;

  it('fiat: the review carries the amount received in the payment currency; nothing is credited', async () => {
    const { store, now } = world();
    const payment = await cancelled('fiat');
    const before = await balance();
    // More than asked: what arrived is what staff may apply.
    const outcome = await settlePayment(
      store,
      payment,
      paidAnswer('fiat', { kind: 'fiat', currency: 'USD', amount: minorUnits(5_250) }),
      now,
    );
    expect(outcome).toBe('credited_late');
    expect(await reviewsOf(payment.id)).toEqual([
      { reason: 'unmatched', status: 'open', amount: 5_250, currency: 'USD' },
    ]);
    expect(await balance()).toBe(before);
  });

  it('crypto that covered the quote: the review carries the payment amount', async () => {
    const { store, now } = world();
    const quote = { kind: 'coin', asset: 'BTC', network: 'bitcoin', amount: '100000' };
    const payment = await cancelled('coin', quote);
    const outcome = await settlePayment(
      store,
      payment,
      paidAnswer('coin', { kind: 'coin', asset: 'BTC', network: 'bitcoin', amount: baseUnits(120_000n) }),
      now,
    );
    expect(outcome).toBe('credited_late');
    expect(await reviewsOf(payment.id)).toEqual([
      { reason: 'unmatched', status: 'open', amount: 5_000, currency: 'USD' },
    ]);
  });

  it('reported again after its review was resolved: the same money, carried once only', async () => {
    const { store, now } = world();
    const payment = await cancelled('twice');
    const answer = paidAnswer('twice', { kind: 'fiat', currency: 'USD', amount: minorUnits(5_000) });
    await settlePayment(store, payment, answer, now);
    // Reported again while the review is open: no second review.
    await settlePayment(store, payment, answer, now);
    expect(await reviewsOf(payment.id)).toHaveLength(1);
    await store.write((trx) =>
      trx
        .updateTable('payment_reviews')
        .set({ status: 'resolved' })
        .where('payment_id', '=', payment.id)
        .execute(),
    );
    await settlePayment(store, payment, answer, now);
    expect(await reviewsOf(payment.id)).toEqual([
      { reason: 'unmatched', status: 'resolved', amount: 5_000, currency: 'USD' },
      { reason: 'unmatched', status: 'open', amount: null, currency: null },
    ]);
  });
});
