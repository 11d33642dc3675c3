import { FINAL_PAYMENT_STATUSES } from '../../shared/api/payments.js';
import type { Store, Trx } from '../db/database.js';
import type { PaymentTable } from '../db/schema.js';
import {
  decideCredit,
  type CreditDecision,
  type MisdirectedTransfer,
  type ProviderPaymentSnapshot,
  type RailAmount,
} from '../gateways/provider.js';
import { postEntry, type EntryInput } from '../ledger/movements.js';
import { Failure } from '../services/failure.js';
import { recordChanges } from '../sync/record.js';
import { creditExpectation, describeAmount, totalToPayFor } from './expectation.js';
import { checkoutWhileWaiting } from './partial-payment.js';
import { openPaymentReview, openReview } from '../services/payment-reviews/open.js';
import { lockInvoiceOf } from '../services/invoices/pay.js';
import { linkCredit } from './link-credit.js';
import { readStoredSettings } from './settings.js';
import { paymentChange, toPayment } from '../wire/payment.js';
import { reviewChange } from '../wire/payment-review.js';
import { announcePaymentFailed } from '../events/payment-events.js';
import { paymentFailure, providerFailureCode } from './failure.js';

export type SettleOutcome = CreditDecision['action'] | 'already_final' | 'credited_late';

const FINAL = FINAL_PAYMENT_STATUSES as PaymentTable['status'][];

/**
 * Acts on the provider's own answer about a payment (invariants 3 to 5): decideCredit says whether
 * it credits, waits, closes or needs a person; crediting happens here, exactly once.
 */
export async function settlePayment(
  store: Store,
  seen: PaymentTable,
  answer: ProviderPaymentSnapshot,
  now: string,
): Promise<SettleOutcome> {
  const payment = await recordChainTxids(store, seen, answer, now);
  if (answer.misdirected?.length) await reviewMisdirected(store, payment, answer.misdirected, now);
  const decision = decideCredit(creditExpectation(payment, answer.recipient), answer);
  switch (decision.action) {
    case 'credit':
      return credit(store, payment, answer, decision.overpaid, now);
    case 'wait':
      await store.write(async (trx) => {
        // A chain that now shows nothing at the address (what it showed was reorganised away) puts
        // the payment back to waiting; other providers' "pending" never moves a payment back.
        const status =
          decision.status === 'processing' || decision.underpaid
            ? 'processing'
            : answer.chainTxids !== undefined
              ? 'new'
              : payment.status;
        // Partly paid: the payer is shown the remainder to send, and a QR code for it; coin awaiting
        // its confirmations: how many it has.
        const checkout = checkoutWhileWaiting(payment, answer, decision.underpaid);
        // What the payment waits on its payer for (PayPal's PAYER_ACTION_REQUIRED at capture): kept
        // while the provider only says it is pending (its order waits on the payer), cleared once
        // it moves on (the payer approved again: processing).
        const waitingOn =
          answer.declineCode ?? (decision.status === 'pending' ? (payment.decline_code ?? null) : null);
        await updateOpen(
          trx,
          payment.id,
          {
            status,
            underpaid: decision.underpaid ? 1 : 0,
            ...(checkout ? { checkout } : {}),
            decline_code: waitingOn,
          },
          now,
          (p) =>
            p.status !== status ||
            p.underpaid !== (decision.underpaid ? 1 : 0) ||
            (checkout !== null && p.checkout !== checkout) ||
            (p.decline_code ?? null) !== waitingOn,
        );
      });
      return 'wait';
    case 'close':
      await store.write(async (trx) => {
        const closed = await updateOpen(
          trx,
          payment.id,
          {
            status: decision.status,
            ...paymentFailure(providerFailureCode(decision.status)),
            // A declined card: the issuer's reason, as the provider coded it.
            decline_code: decision.status === 'failed' ? (answer.declineCode ?? null) : null,
          },
          now,
        );
        if (closed?.saves_method_id) await failSavedMethod(trx, closed.saves_method_id, now);
      });
      return 'close';
    case 'review':
      await store.write((trx) =>
        openPaymentReview(
          trx,
          payment,
          decision.mismatch,
          mismatchDetail(decision.mismatch, payment, answer),
          now,
        ),
      );
      return 'review';
  }
}

/**
 * Keeps the hashes of the chain transactions the provider saw paying a crypto payment (mempool
 * included), and the references of the bank lines paying a VietQR one, so that a payer quoting one,
 * and staff searching for it, find the payment. Written only when a new one appears; a payment
 * update on the feed like any other.
 */
async function recordChainTxids(
  store: Store,
  payment: PaymentTable,
  answer: ProviderPaymentSnapshot,
  now: string,
): Promise<PaymentTable> {
  const known = payment.chain_txids ? (JSON.parse(payment.chain_txids) as string[]) : [];
  const all = [...new Set([...known, ...(answer.chainTxids ?? [])])];
  const knownRefs = payment.bank_references ? (JSON.parse(payment.bank_references) as string[]) : [];
  const allRefs = [...new Set([...knownRefs, ...(answer.bankReferences ?? [])])];
  if (all.length === known.length && allRefs.length === knownRefs.length) return payment;
  return store.write(async (trx) => {
    const row = await trx
      .updateTable('payments')
      .set({
        ...(all.length > known.length ? { chain_txids: JSON.stringify(all) } : {}),
        ...(allRefs.length > knownRefs.length ? { bank_references: JSON.stringify(allRefs) } : {}),
        updated_at: now,
      })
      .where('id', '=', payment.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordChanges(trx, now, [paymentChange(row, 'update')]);
    return row;
  });
}

/**
 * Coin sent to this payment's account on another network than the invoice asked for: nothing is
 * credited (the invoice's own network decides that), and staff are told where it is, so they can
 * recover it with the same key and apply it by hand. One open review per payment says so.
 */
async function reviewMisdirected(
  store: Store,
  payment: PaymentTable,
  misdirected: MisdirectedTransfer[],
  now: string,
): Promise<void> {
  const [first] = misdirected;
  const where = misdirected
    .map((t) => `${t.amount} ${t.asset} in transaction ${t.txid} to ${t.address}`)
    .join('; ');
  const detail = `${first!.asset} arrived on ${networkName(first!.network)} instead of ${networkName(first!.expectedNetwork)}: ${where}. Nothing was credited; the same key holds that address, so the coins can be recovered.`;
  await store.write((trx) => openPaymentReview(trx, payment, 'network', detail, now));
}

const networkName = (network: string) => network.charAt(0).toUpperCase() + network.slice(1);

function mismatchDetail(mismatch: string, payment: PaymentTable, answer: ProviderPaymentSnapshot): string {
  switch (mismatch) {
    case 'amount':
    case 'currency':
      return `the provider reports ${describeAmount(answer.received)} ${answer.status}; expected ${totalToPayFor(payment)} ${payment.currency} minor units`;
    case 'recipient':
      return `the provider reports the money went to ${answer.recipient}, not to this merchant`;
    default:
      return `the provider's answer names ${mismatch} ${mismatch === 'reference' ? answer.reference : answer.providerPaymentId}, not this payment`;
  }
}

/**
 * One transaction: the payment leaves its open status for `paid` by a conditional UPDATE, and only
 * the caller whose UPDATE changed the row posts the top_up row, records the feed and confirms the
 * saved method. Every other caller (a duplicate event, the job, a concurrent delivery) finds no open
 * row and credits nothing.
 */
async function credit(
  store: Store,
  payment: PaymentTable,
  answer: ProviderPaymentSnapshot,
  overpaid: boolean,
  now: string,
): Promise<SettleOutcome> {
  try {
    return await store.write(async (trx) => {
      const claimed = await trx
        .updateTable('payments')
        .set({
          status: 'paid',
          paid_at: now,
          overpaid: overpaid ? 1 : 0,
          underpaid: 0,
          // What an open payment waited on the payer for (waitingOn) is done with once it is paid.
          decline_code: null,
          updated_at: now,
        })
        .where('id', '=', payment.id)
        .where('status', 'not in', FINAL)
        // Held for a review carrying its money: only applying that review credits it.
        .where('held_for_review', '=', 0)
        .returningAll()
        .executeTakeFirst();
      if (!claimed) return lateOrDuplicate(trx, payment, answer, now);
      // The invoice it pays is locked before the wallet, in the order every invoice write takes them.
      if (claimed.invoice_id) await lockInvoiceOf(trx, claimed);
      // The wallet gets the amount the customer asked for; the fee the payer paid on top is not credited.
      const entry = await paymentTopUp(trx, payment, payment.amount);
      const { test } = entry;
      const { transaction, wallet } = await postEntry(
        trx,
        { resellerId: payment.reseller_id, canWrite: true },
        payment.wallet_id,
        entry,
        now,
      );
      const paid = await linkCredit(trx, payment.id, { transaction, wallet, test }, now);
      if (paid.saves_method_id) await confirmSavedMethod(trx, paid.saves_method_id, answer, now);
      if (paid.top_up_link_id) {
        await trx
          .updateTable('top_up_links')
          .set({ status: 'used', payment_id: paid.id, updated_at: now })
          .where('id', '=', paid.top_up_link_id)
          .where('status', '=', 'active')
          .execute();
      }
      if (overpaid) {
        await openPaymentReview(
          trx,
          paid,
          'overpaid',
          `the provider reports ${describeAmount(answer.received)} of ${totalToPayFor(paid)} ${paid.currency} minor units due; ${paid.amount} were credited, the excess needs a decision`,
          now,
        );
      }
      return 'credit' as const;
    });
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    return holdForReview(store, payment, answer, error.message, now);
  }
}

/**
 * Paid at the provider but the wallet refuses it (closed, or at its balance limit): a person decides,
 * and the review carries the money, the amount the wallet would have been credited, so staff can
 * apply it once the wallet takes it (or to another wallet). One transaction holds the payment and
 * opens that review. The hold is a conditional UPDATE of the open payment row, the row credit()
 * claims the same way: on both databases the two serialize, and a held payment is never claimed, so
 * a later settle (a webhook retried, the re-check job, after the wallet reopened) and applying the
 * review can never both credit it. Claimed meanwhile by a concurrent settle, or closed (cancelled,
 * expired), nothing is held: it is what lateOrDuplicate says of any payment no longer open.
 */
async function holdForReview(
  store: Store,
  payment: PaymentTable,
  answer: ProviderPaymentSnapshot,
  why: string,
  now: string,
): Promise<SettleOutcome> {
  return store.write(async (trx) => {
    const held = await trx
      .updateTable('payments')
      .set({ held_for_review: 1, updated_at: now })
      .where('id', '=', payment.id)
      .where('status', 'not in', FINAL)
      .where('held_for_review', '=', 0)
      .returningAll()
      .executeTakeFirst();
    if (!held) return lateOrDuplicate(trx, payment, answer, now);
    await recordChanges(trx, now, [paymentChange(held, 'update')]);
    const detail = `paid at the provider, but the wallet could not be credited: ${why}; the payment is held for this review, apply it once the wallet takes it`;
    // Refused before payments were held, it got a review without its money, still open (openReview
    // would open no second one): that review carries it now.
    const earlier = await trx
      .updateTable('payment_reviews')
      .set({ amount: held.amount, currency: held.currency, detail })
      .where('payment_id', '=', held.id)
      .where('reason', '=', 'unmatched')
      .where('status', '=', 'open')
      .where('amount', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (earlier) {
      await recordChanges(trx, now, [reviewChange(earlier, 'update')]);
      return 'review';
    }
    await openReview(
      trx,
      {
        reseller_id: held.reseller_id,
        payment_id: held.id,
        provider: held.provider,
        reason: 'unmatched',
        detail,
        amount: held.amount,
        currency: held.currency,
      },
      now,
    );
    return 'review';
  });
}

/** Already paid: nothing to do. Closed here but paid there (after expiry or cancel): a person decides. */
async function lateOrDuplicate(
  trx: Trx,
  payment: PaymentTable,
  answer: ProviderPaymentSnapshot,
  now: string,
): Promise<SettleOutcome> {
  const current = await trx
    .selectFrom('payments')
    .select(['status', 'held_for_review'])
    .where('id', '=', payment.id)
    .executeTakeFirstOrThrow();
  // Held for a review (its wallet refused it): that review carries this money, applied or not.
  if (current.held_for_review === 1) return isFinal(current.status) ? 'already_final' : 'review';
  let detail = `the provider reports ${describeAmount(answer.received)} paid after this payment was ${current.status}; nothing was credited`;
  if (current.status === 'paid') {
    // Paid by a transfer staff applied from a review: this is a second payment, which nobody
    // credited. The payment is final, so nothing but this review can credit it.
    const applied = await trx
      .selectFrom('payment_reviews')
      .select('id')
      .where('applied_payment_id', '=', payment.id)
      .executeTakeFirst();
    if (!applied) return 'already_final';
    detail = `the provider reports ${describeAmount(answer.received)} paid, but staff had already paid this payment with a transfer from review ${applied.id}; nothing was credited`;
  }
  // Staff may apply this money (to the wallet, or to the invoice the payment was opened for): the
  // review carries it. Only the first report does: a later one of the same payment is that same
  // money, which an earlier review already carries (applied or not).
  const carried = await trx
    .selectFrom('payment_reviews')
    .select('id')
    .where('payment_id', '=', payment.id)
    .where('amount', 'is not', null)
    .executeTakeFirst();
  const received = carried ? null : receivedInPaymentCurrency(payment, answer.received);
  await openReview(
    trx,
    {
      reseller_id: payment.reseller_id,
      payment_id: payment.id,
      provider: payment.provider,
      reason: 'unmatched',
      detail,
      ...(received ? { amount: received, currency: payment.currency } : {}),
    },
    now,
  );
  return 'credited_late';
}

/**
 * What a payment paid late brought, minor units of the payment's currency: a fiat rail's amount as
 * the provider reports it (the fee and any excess included); coins, which settle only once they
 * cover the quote (decideCredit), count as the payment's amount, the quote's worth in that currency.
 * Null for a fiat amount in another currency, which no wallet of this payment holds.
 */
function receivedInPaymentCurrency(payment: PaymentTable, received: RailAmount): number | null {
  if (received.kind === 'coin') return payment.amount;
  return received.currency === payment.currency ? received.amount : null;
}

/** How a top-up's ledger row names its method: the reseller's label, with the provider if it lacks it. */
/**
 * The `top_up` row a payment's money is credited by: `amount` of it, worded by its method. A sandbox
 * payment is test mode: its row says so in words and in its flag.
 */
export async function paymentTopUp(trx: Trx, payment: PaymentTable, amount: number) {
  const label = await methodLabel(trx, payment);
  const test = toPayment(payment).test;
  return {
    type: 'top_up',
    amount,
    description: test ? `Test top-up via ${label} — no real money` : `Top-up via ${label}`,
    wording: { kind: 'top_up', method: label, test },
    reference: payment.id,
    relatedId: payment.id,
    test,
  } satisfies EntryInput;
}

export async function methodLabel(trx: Trx, payment: PaymentTable): Promise<string> {
  const settings = await readStoredSettings(trx, payment.reseller_id);
  const label = settings.methods.find((m) => m.provider === payment.provider)?.label ?? payment.provider;
  // "Sandbox test card" already names its provider; other labels get it added.
  return label.toLowerCase().includes(payment.provider) ? label : `${label} (${payment.provider})`;
}

async function confirmSavedMethod(
  trx: Trx,
  id: string,
  answer: ProviderPaymentSnapshot,
  now: string,
): Promise<void> {
  await trx
    .updateTable('saved_methods')
    .set({
      status: 'confirmed',
      token: answer.savedMethod?.token ?? null,
      ...(answer.savedMethod ? { label: answer.savedMethod.label } : {}),
      checked_at: now,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/**
 * Moves an open payment (never a final one) and records the change; `changed` skips the write when
 * nothing would differ, so re-checks of a waiting payment do not fill the feed.
 */
export async function updateOpen(
  trx: Trx,
  id: string,
  set: Partial<
    Pick<
      PaymentTable,
      'status' | 'underpaid' | 'failure_reason' | 'failure_code' | 'decline_code' | 'checkout'
    >
  >,
  now: string,
  changed: (current: PaymentTable) => boolean = () => true,
): Promise<PaymentTable | null> {
  const current = await trx.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!current || FINAL.includes(current.status) || !changed(current)) return null;
  const row = await trx
    .updateTable('payments')
    .set({ ...set, updated_at: now })
    .where('id', '=', id)
    .where('status', 'not in', FINAL)
    .returningAll()
    .executeTakeFirst();
  if (row) await recordChanges(trx, now, [paymentChange(row, 'update')]);
  if (row) await announcePaymentFailed(trx, row, now);
  return row ?? null;
}

/**
 * The card a held payment was saving (paid at its provider, its wallet refused the money), once
 * staff applied the review holding its money: to a wallet, or to another payment. Settling it never
 * ran, so nothing confirmed the card. It is kept, confirmed with the provider's token, when the
 * provider reports the payment paid with the card saved and `owned`: the customer the money reached
 * is the one the card was saved for, and has not removed it. Otherwise it fails: without a token it
 * could never be charged, and a card of a payer whose money staff sent to another customer is not
 * that customer's to charge.
 */
export async function settleHeldSavedMethod(
  trx: Trx,
  id: string,
  answer: ProviderPaymentSnapshot | null,
  owned: boolean,
  now: string,
): Promise<void> {
  if (owned && answer?.status === 'paid' && answer.savedMethod) {
    await confirmSavedMethod(trx, id, answer, now);
  } else {
    await failSavedMethod(trx, id, now);
  }
}

/** A saved method whose saving payment ended without payment: it was never confirmed. */
export async function failSavedMethod(trx: Trx, id: string, now: string): Promise<void> {
  await trx
    .updateTable('saved_methods')
    .set({ status: 'failed', checked_at: now, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

export const isFinal = (status: PaymentTable['status']) => FINAL.includes(status);
