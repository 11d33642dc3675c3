import { describe, expect, it } from 'vitest';
import { MAX_BALANCE, minorUnits } from '../../shared/money.js';
import { DIALECTS } from '../../../test/support/databases.js';
import {
  addWallet,
  enableSandbox,
  expectRefusedUnwritten,
  SANDBOX_ONLY,
  serviceWorld,
} from '../../../test/support/service-world.js';
import { baseUnits } from '../gateways/crypto/amounts.js';
import type { ProviderPaymentSnapshot, RailAmount } from '../gateways/provider.js';
import { applyReviewTransfer, type ApplyTarget } from '../services/payment-reviews/apply.js';
import { openReview } from '../services/payment-reviews/open.js';
import { resolveReview } from '../services/payment-reviews/resolve.js';
import { cancelPayment } from '../services/payments/cancel.js';
import { createTopUp } from '../services/payments/create-top-up.js';
import { paymentsQuery } from '../services/payments/list.js';
import { unwrap } from '../services/result.js';
import { toPayment } from '../wire/payment.js';
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

  it('its money applied to its own wallet: the payment reads paid, by that credit', async () => {
    const { store, admin, a, now } = world();
    const payment = await cancelled('own-wallet');
    const before = await balance();
    await settlePayment(
      store,
      payment,
      paidAnswer('own-wallet', { kind: 'fiat', currency: 'USD', amount: minorUnits(5_000) }),
      now,
    );
    const review = await store.db
      .selectFrom('payment_reviews')
      .select('id')
      .where('payment_id', '=', payment.id)
      .executeTakeFirstOrThrow();
    const applied = await store.write((trx) =>
      applyReviewTransfer(
        trx,
        admin,
        { id: review.id, target: { walletId: a.walletId }, actor: 'admin' },
        now,
      ),
    );
    expect(applied).toMatchObject({ ok: true });
    expect(await balance()).toBe(before + 5_000);
    const paid = await store.db
      .selectFrom('payments')
      .selectAll()
      .where('id', '=', payment.id)
      .executeTakeFirstOrThrow();
    // What its payer reads: paid, not cancelled with a failure, by the credit their balance shows.
    expect(toPayment(paid)).toMatchObject({
      status: 'paid',
      failureCode: null,
      failureReason: null,
      transactionId: applied.ok ? applied.value.applied_transaction_id : 'none',
    });
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

/**
 * Money only a review can credit, which the review therefore carries: a payment paid at its provider
 * whose wallet refuses it (closed, or at its balance limit) is held for its review; a payment staff
 * already paid with a transfer, paid at its provider too, is a second payment. Staff apply it, once;
 * no later settle credits it.
 */
describe.each(DIALECTS)('money only a review can credit, on %s', (dialect) => {
  const world = serviceWorld(dialect);
  const gateways = {
    registry: SANDBOX_ONLY,
    cryptoGapPolicy: 'warn' as const,
    credentialProblem: async () => null,
  };

  /** A customer of reseller A of the test's own (a customer has one wallet per currency). */
  async function customerOf(key: string): Promise<string> {
    const { store, a, now } = world();
    const id = `cus_${key}`;
    await store.db
      .insertInto('customers')
      .values({
        id,
        reseller_id: a.resellerId,
        name: key,
        email: `${key}@alpha.example`,
        external_ref: null,
        search_text: key,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  }

  /** An open 5 000 USD sandbox top-up into a wallet of its own, and that wallet. */
  async function opened(key: string) {
    const { store, admin, a, now } = world();
    await enableSandbox(store, admin);
    const customerId = await customerOf(key);
    const walletId = await store.write((trx) => addWallet(trx, a.resellerId, customerId, 'USD'));
    const payment = await store.write(async (trx) =>
      unwrap(
        await createTopUp(
          trx,
          admin,
          { walletId, body: { amount: 5_000, provider: 'sandbox' }, idempotencyKey: key, gateways },
          now,
        ),
      ),
    );
    await store.write((trx) =>
      trx
        .updateTable('payments')
        .set({ provider_payment_id: `sbx_${key}`, recipient: 'acct_sandbox' })
        .where('id', '=', payment.id)
        .execute(),
    );
    return { paymentId: payment.id, walletId };
  }

  const paymentOf = (id: string) =>
    world().store.db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const walletOf = (id: string) =>
    world().store.db.selectFrom('wallets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const setWallet = (id: string, set: { status?: 'active' | 'closed'; balance?: number }) =>
    world().store.write((trx) => trx.updateTable('wallets').set(set).where('id', '=', id).execute());
  const reviewsOf = (paymentId: string) =>
    world()
      .store.db.selectFrom('payment_reviews')
      .select(['id', 'reason', 'status', 'amount', 'currency'])
      .where('payment_id', '=', paymentId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  /** The provider reports the payment paid (a webhook, a retry of it, the re-check job). */
  const reportPaid = async (paymentId: string, key: string) =>
    settlePayment(
      world().store,
      await paymentOf(paymentId),
      {
        providerPaymentId: `sbx_${key}`,
        reference: null,
        status: 'paid',
        received: { kind: 'fiat', currency: 'USD', amount: minorUnits(5_000) },
        recipient: 'acct_sandbox',
      },
      world().now,
    );
  const apply = (id: string, target: ApplyTarget) =>
    world().store.write((trx) =>
      applyReviewTransfer(trx, world().admin, { id, target, actor: 'admin@alpha.example' }, world().now),
    );
  /** A 5 000 USD bank line that matched no payment: its review, which carries it. */
  async function bankLine(key: string) {
    const { store, a, now } = world();
    await store.write((trx) =>
      openReview(
        trx,
        {
          reseller_id: a.resellerId,
          payment_id: null,
          provider: 'vietqr',
          reason: 'unmatched',
          detail: 'a bank line',
          provider_event: `vietqr:${key}`,
          amount: 5_000,
          currency: 'USD',
        },
        now,
      ),
    );
    return store.db
      .selectFrom('payment_reviews')
      .select('id')
      .where('provider_event', '=', `vietqr:${key}`)
      .executeTakeFirstOrThrow();
  }
  const creditsOf = (walletId: string) =>
    world()
      .store.db.selectFrom('ledger_entries')
      .select(['type', 'amount'])
      .where('wallet_id', '=', walletId)
      .execute();

  it('wallet closed: the review carries the amount; reopened, no settle credits it; applied to the payment, credited once', async () => {
    const { paymentId, walletId } = await opened('closed');
    await setWallet(walletId, { status: 'closed' });

    expect(await reportPaid(paymentId, 'closed')).toBe('review');
    const [review, ...others] = await reviewsOf(paymentId);
    expect(others).toEqual([]);
    expect(review).toMatchObject({ reason: 'unmatched', status: 'open', amount: 5_000, currency: 'USD' });
    expect(await walletOf(walletId)).toMatchObject({ balance: 0 });
    expect((await paymentOf(paymentId)).status).not.toBe('paid');

    // Reopened: the webhook retried and delivered twice, then the re-check; none of them credits it.
    await setWallet(walletId, { status: 'active' });
    await reportPaid(paymentId, 'closed');
    await reportPaid(paymentId, 'closed');
    expect(await walletOf(walletId)).toMatchObject({ balance: 0 });
    expect(await reviewsOf(paymentId)).toEqual([review]);

    expect(await apply(review!.id, { paymentId })).toMatchObject({ ok: true });
    const paid = await paymentOf(paymentId);
    expect(paid).toMatchObject({ status: 'paid', wallet_id: walletId });
    expect(await creditsOf(walletId)).toEqual([{ type: 'top_up', amount: 5_000 }]);
    expect(
      await world()
        .store.db.selectFrom('ledger_entries')
        .select('id')
        .where('id', '=', paid.transaction_id)
        .execute(),
    ).toHaveLength(1);

    // Reported again once applied: the same money; nothing credited, no new review.
    expect(await reportPaid(paymentId, 'closed')).toBe('already_final');
    expect(await creditsOf(walletId)).toEqual([{ type: 'top_up', amount: 5_000 }]);
    expect(await reviewsOf(paymentId)).toHaveLength(1);
  });

  it('at its balance limit: the review carries the amount; resolved without applying, the payment is closed by staff and no later settle credits it', async () => {
    const { store, admin, now } = world();
    const { paymentId, walletId } = await opened('limit');
    const full = MAX_BALANCE - 1_000;
    await setWallet(walletId, { balance: full });

    expect(await reportPaid(paymentId, 'limit')).toBe('review');
    const [review] = await reviewsOf(paymentId);
    expect(review).toMatchObject({ status: 'open', amount: 5_000, currency: 'USD' });
    expect(await walletOf(walletId)).toMatchObject({ balance: full });

    // Staff handled the money outside and resolve the review; the wallet has room again.
    await store.write((trx) => resolveReview(trx, admin, { id: review!.id, note: 'refunded by hand' }, now));
    // No review holds its money any more: it no longer reads held (waiting for staff), but closed by
    // them, with nothing credited.
    const closed = await paymentOf(paymentId);
    expect(closed).toMatchObject({ status: 'cancelled', failure_code: 'closed_by_staff', paid_at: null });
    expect(toPayment(closed)).toMatchObject({ heldForReview: false, failureCode: 'closed_by_staff' });
    // Resolved again (a new note): it stays as it is.
    await store.write((trx) => resolveReview(trx, admin, { id: review!.id, note: 'refunded' }, now));
    expect(await paymentOf(paymentId)).toEqual(closed);
    await setWallet(walletId, { balance: 0 });
    expect(await reportPaid(paymentId, 'limit')).toBe('already_final');
    expect(await walletOf(walletId)).toMatchObject({ balance: 0 });
    expect(await creditsOf(walletId)).toEqual([]);
    expect(await reviewsOf(paymentId)).toEqual([{ ...review, status: 'resolved' }]);
  });

  it('applied to another wallet: the payment is paid by that row, in that wallet; its own wallet gets nothing', async () => {
    const { store, a } = world();
    const { paymentId, walletId } = await opened('elsewhere');
    await setWallet(walletId, { status: 'closed' });
    await reportPaid(paymentId, 'elsewhere');
    const [review] = await reviewsOf(paymentId);
    const otherCustomer = await customerOf('elsewhere-other');
    const other = await store.write((trx) => addWallet(trx, a.resellerId, otherCustomer, 'USD'));

    expect(await apply(review!.id, { walletId: other })).toMatchObject({ ok: true });
    expect(await paymentOf(paymentId)).toMatchObject({ status: 'paid', wallet_id: other });
    await setWallet(walletId, { status: 'active' });
    expect(await reportPaid(paymentId, 'elsewhere')).toBe('already_final');
    expect(await creditsOf(other)).toEqual([{ type: 'top_up', amount: 5_000 }]);
    expect(await creditsOf(walletId)).toEqual([]);
  });

  it("applied to another customer's wallet: the payment is that customer's, and both customers' desktops hear of it", async () => {
    const { store, a } = world();
    const { paymentId, walletId } = await opened('moved');
    await setWallet(walletId, { status: 'closed' });
    await reportPaid(paymentId, 'moved');
    const [review] = await reviewsOf(paymentId);
    const otherCustomer = await customerOf('moved-other');
    const other = await store.write((trx) => addWallet(trx, a.resellerId, otherCustomer, 'USD'));

    expect(await apply(review!.id, { walletId: other })).toMatchObject({ ok: true });
    // What each customer's console lists: the payment went with its money to the other customer.
    const listedFor = async (customerId: string) =>
      (
        await paymentsQuery(store.db, { resellerId: a.resellerId, customerId, canWrite: false }, {}).execute()
      ).map((p) => p.id);
    expect(await listedFor(otherCustomer)).toContain(paymentId);
    expect(await listedFor('cus_moved')).not.toContain(paymentId);
    expect(await paymentOf(paymentId)).toMatchObject({ wallet_id: other, customer_id: otherCustomer });
    // The last feed row each customer's desktop reads about it: paid, in the other customer's wallet
    // (the first customer's desktop no longer reads it waiting for staff).
    const lastFor = async (customerId: string) => {
      const rows = await store.db
        .selectFrom('changes')
        .select('data')
        .where('entity', '=', 'payment')
        .where('entity_id', '=', paymentId)
        .where('customer_id', '=', customerId)
        .orderBy('id')
        .execute();
      const data = rows.at(-1)?.data;
      return typeof data === 'string' ? (JSON.parse(data) as object) : data;
    };
    const moved = { status: 'paid', heldForReview: false, walletId: other, customerId: otherCustomer };
    expect(await lastFor(otherCustomer)).toMatchObject(moved);
    expect(await lastFor('cus_moved')).toMatchObject(moved);
  });

  it('another transfer is not applied to a held payment: refused, nothing written', async () => {
    const { store, now } = world();
    const { paymentId, walletId } = await opened('held-target');
    await setWallet(walletId, { status: 'closed' });
    await reportPaid(paymentId, 'held-target');
    await setWallet(walletId, { status: 'active' });
    const line = await bankLine('held-target');
    await expectRefusedUnwritten(
      store,
      (trx) =>
        applyReviewTransfer(trx, world().admin, { id: line.id, target: { paymentId }, actor: 'admin' }, now),
      'conflict',
      'paymentId',
    );
  });

  it('settles and the application racing: credited once, paid', async () => {
    const runs = await Promise.all(
      ['race-1', 'race-2', 'race-3'].map(async (key) => {
        const { paymentId, walletId } = await opened(key);
        await setWallet(walletId, { status: 'closed' });
        await reportPaid(paymentId, key);
        const [review] = await reviewsOf(paymentId);
        await setWallet(walletId, { status: 'active' });
        await Promise.all([
          reportPaid(paymentId, key),
          apply(review!.id, { paymentId }),
          reportPaid(paymentId, key),
          apply(review!.id, { paymentId }),
        ]);
        return { paymentId, walletId };
      }),
    );
    for (const { paymentId, walletId } of runs) {
      expect(await creditsOf(walletId)).toEqual([{ type: 'top_up', amount: 5_000 }]);
      expect(await walletOf(walletId)).toMatchObject({ balance: 5_000 });
      expect(await paymentOf(paymentId)).toMatchObject({ status: 'paid' });
    }
  });

  it('paid at its provider after staff paid it with a transfer: the review carries that second money, once', async () => {
    const { paymentId, walletId } = await opened('second');
    const line = await bankLine('second');
    expect(await apply(line.id, { paymentId })).toMatchObject({ ok: true });

    expect(await reportPaid(paymentId, 'second')).toBe('credited_late');
    // Reported again: the same money, which the first review carries.
    await reportPaid(paymentId, 'second');
    const reviews = await reviewsOf(paymentId);
    expect(reviews.map(({ id: _, ...r }) => r)).toEqual([
      { reason: 'unmatched', status: 'open', amount: 5_000, currency: 'USD' },
    ]);
    expect(await apply(reviews[0]!.id, { walletId })).toMatchObject({ ok: true });
    expect(await creditsOf(walletId)).toEqual([
      { type: 'top_up', amount: 5_000 },
      { type: 'top_up', amount: 5_000 },
    ]);
  });
});
