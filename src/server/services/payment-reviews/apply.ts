import type { Principal } from '../../../shared/api/auth.js';
import { formatMoney } from '../../../shared/money.js';
import type { Trx } from '../../db/database.js';
import type { InvoiceTable, PaymentReviewTable, PaymentTable, WalletTable } from '../../db/schema.js';
import { postEntry } from '../../ledger/movements.js';
import { paymentFailure } from '../../payments/failure.js';
import { linkCredit } from '../../payments/link-credit.js';
import { paymentTopUp } from '../../payments/settle.js';
import { paymentChange } from '../../wire/payment.js';
import { reviewChange } from '../../wire/payment-review.js';
import { recordChanges } from '../../sync/record.js';
import { Failure } from '../failure.js';
import { findPayment, findPaymentReview, findWallet } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import { recordAudit } from '../audit/record.js';
import type { Scope } from '../scope.js';
import { applyFromWallet, isPayable, lockInvoice, saveInvoice } from '../invoices/common.js';
import { lockInvoiceOf } from '../invoices/pay.js';

/**
 * Where staff send an unmatched transfer: a payment (it pays it), straight to a wallet, or the
 * invoice of the review's own payment (a checkout cancelled, then paid anyway): it pays that invoice.
 */
export type ApplyTarget = { paymentId: string } | { walletId: string } | { invoice: true };

export interface ApplyReview {
  /** The review's id. */
  id: string;
  target: ApplyTarget;
  /** Who applies it, as the audit names them (actorName). */
  actor: string;
}

export type ApplyReviewFailure = 'not_found' | 'conflict' | 'validation' | 'wallet_closed' | 'balance_limit';

/**
 * Applies the transfer a review is about (a bank line that matched no open payment) by a staff
 * decision: the wallet is credited the transfer's actual amount (what arrived, not what a payment
 * asked for), once. Applied to a payment that is not paid, that payment becomes paid by it, and pays
 * the invoice it was opened for, as settling it would have. Applied
 * to the invoice of the review's payment, the invoice is then paid from the wallet, at most that
 * amount (a `payment` row, as settling that payment would have done), and the payment is paid by
 * its top-up: what the invoice does not need stays in the wallet.
 *
 * Exactly once: the review leaves `open` by a conditional UPDATE in the same transaction as the
 * ledger row, so of two concurrent applications only one changes the row; the other is refused.
 * The review keeps who applied it, when, where the money went and the ledger row (the audit).
 */
export function applyReviewTransfer(
  trx: Trx,
  scope: Scope,
  input: ApplyReview,
  now: string,
): Promise<Result<PaymentReviewTable, ApplyReviewFailure>> {
  return attempt(['not_found', 'conflict', 'validation', 'wallet_closed', 'balance_limit'], () =>
    apply(trx, scope, input, now),
  );
}

async function apply(trx: Trx, scope: Scope, input: ApplyReview, now: string): Promise<PaymentReviewTable> {
  const { actor, target } = input;
  const review = await findPaymentReview(trx, scope, input.id);
  if (review.amount === null || review.currency === null) {
    throw new Failure(
      'conflict',
      'this review is not about a transfer that arrived unmatched: there is no money to apply',
      'id',
      { key: 'review_without_transfer', values: {} },
    );
  }
  if (review.applied_at !== null) {
    throw new Failure('conflict', `this transfer was already applied on ${review.applied_at}`, 'id', {
      key: 'review_already_applied',
      values: {},
    });
  }
  if (review.status !== 'open') {
    throw new Failure('conflict', 'this review is already resolved', 'id', {
      key: 'review_already_resolved',
      values: {},
    });
  }
  // What the bank reported: any string, until it is checked against the wallet's currency below.
  const transfer = { amount: review.amount, currency: review.currency };

  if ('invoice' in target) return applyToInvoice(trx, scope, review, transfer, actor, now);
  const { wallet, payment } =
    'paymentId' in target
      ? await paymentTarget(trx, scope, target.paymentId)
      : { wallet: await walletTarget(trx, scope, target.walletId), payment: null };
  if (wallet.currency !== transfer.currency) {
    throw new Failure(
      'validation',
      `the transfer is in ${transfer.currency} and this ${payment ? 'payment' : 'wallet'} is in ${wallet.currency}: apply it to a ${transfer.currency} wallet`,
      payment ? 'paymentId' : 'walletId',
      { key: 'review_other_currency', values: { transfer: transfer.currency, target: wallet.currency } },
    );
  }

  // A payment held for this review (its wallet refused it) is settled only by its own money: its
  // ledger row and this one must not both name it, or it would be refunded twice.
  if (payment?.held_for_review === 1 && payment.id !== review.payment_id) {
    throw new Failure(
      'conflict',
      `payment ${payment.id} is held for a review of its own: apply this money to another payment or to a wallet`,
      'paymentId',
      { key: 'review_payment_held', values: {} },
    );
  }
  const own = payment !== null && payment.id === review.payment_id;

  const amountText = formatMoney(transfer.amount, wallet.currency);
  await claim(trx, review.id, now, {
    resolution: `${amountText} applied to ${payment ? `payment ${payment.id}` : `wallet ${wallet.id}`} by ${actor}`,
    applied_payment_id: payment?.id ?? null,
    applied_wallet_id: wallet.id,
    applied_by: actor,
  });

  // The invoice a payment was opened for is locked before the wallet, in the order every invoice
  // write takes them: the payment paid pays it below.
  if (payment) await lockInvoiceOf(trx, payment);
  // The payment's own money (paid at its provider, held or paid late): the top-up settling it
  // would have posted. Anything else is a transfer staff matched by hand.
  const entry = own
    ? await paymentTopUp(trx, payment, transfer.amount)
    : ({
        type: 'top_up',
        amount: transfer.amount,
        description: `Bank transfer applied from review by ${actor}`,
        wording: { kind: 'bank_transfer_from_review', actor },
        reference: payment?.id ?? review.id,
        relatedId: payment?.id ?? review.id,
        test: false,
      } as const);
  const { transaction, wallet: credited } = await postEntry(
    trx,
    { resellerId: scope.resellerId, canWrite: true },
    wallet.id,
    entry,
    now,
  );
  const applied = await linkTransaction(trx, review.id, transaction.id, now);
  const movedFrom =
    !payment && review.payment_id
      ? await settleHeldElsewhere(trx, review.payment_id, transaction.id, wallet, now)
      : null;

  // The review's own payment whose money went to another payment: held, it ends here; held or
  // ended (paid late), it says where the money went.
  if (payment && !own && review.payment_id) {
    await endHeld(trx, review.payment_id, now);
    await recordLateMoney(trx, review.payment_id, wallet, now);
  }

  if (payment) {
    // Paid meanwhile by its own transfer: this one must go to the wallet instead (rolled back).
    if (!(await payWith(trx, payment.id, transaction.id, now))) throw alreadyPaid();
    // What settling it would have done next, whoever paid it: the feed, payment.succeeded, and the
    // invoice it was opened for paid from the wallet.
    await linkCredit(trx, payment.id, { transaction, wallet: credited, test: entry.test }, now);
  }
  await auditApplied(trx, scope, review, applied, now, {
    amount: transfer.amount,
    currency: transfer.currency,
    walletId: wallet.id,
    paymentId: payment?.id ?? null,
    transactionId: transaction.id,
    ...(movedFrom ? { movedFrom } : {}),
  });
  return applied;
}

/**
 * The money of a checkout cancelled, then paid anyway, applied to the invoice it was opened for:
 * refused unless that invoice still takes a payment in the money's currency. The invoice is locked
 * before the wallet (the order every invoice write takes them); the review is claimed by the same
 * conditional update as any application, so it is applied once.
 */
async function applyToInvoice(
  trx: Trx,
  scope: Scope,
  review: PaymentReviewTable,
  transfer: { amount: number; currency: string },
  actor: string,
  now: string,
): Promise<PaymentReviewTable> {
  const payment = review.payment_id
    ? await findPayment(trx, scope, review.payment_id, { field: 'invoice' })
    : null;
  if (!payment?.invoice_id) {
    throw new Failure(
      'conflict',
      'this review is about no payment opened for an invoice: apply the money to a payment or a wallet',
      'invoice',
      { key: 'review_without_invoice', values: {} },
    );
  }
  const locked = await lockInvoice(trx, scope, payment.invoice_id);
  const number = locked.number ?? locked.id;
  if (!isPayable(locked)) {
    throw new Failure(
      'conflict',
      `invoice ${number} is ${locked.status}: it takes no payment; apply the money to the wallet instead`,
      'invoice',
      { key: 'review_invoice_not_payable', values: { invoice: number, status: locked.status } },
    );
  }
  if (locked.currency !== transfer.currency) {
    throw new Failure(
      'validation',
      `the money is in ${transfer.currency} and invoice ${number} is in ${locked.currency}: apply it to a ${transfer.currency} wallet`,
      'invoice',
      { key: 'review_other_currency', values: { transfer: transfer.currency, target: locked.currency } },
    );
  }
  const wallet = await walletTarget(trx, scope, payment.wallet_id, 'invoice');
  // The payment's wallet is the one in the invoice's currency (it was opened for it); said, not assumed.
  if (wallet.currency !== locked.currency) {
    throw new Failure(
      'validation',
      `the payment's wallet is in ${wallet.currency} and invoice ${number} is in ${locked.currency}`,
      'invoice',
      { key: 'review_other_currency', values: { transfer: transfer.currency, target: wallet.currency } },
    );
  }

  await claim(trx, review.id, now, {
    resolution: `${formatMoney(transfer.amount, locked.currency)} applied to invoice ${number} by ${actor}`,
    applied_payment_id: payment.id,
    applied_wallet_id: wallet.id,
    applied_by: actor,
  });

  // The top-up settling this payment would have posted, then the invoice paid from the wallet.
  const entry = await paymentTopUp(trx, payment, transfer.amount);
  const { test } = entry;
  const { transaction } = await postEntry(
    trx,
    { resellerId: scope.resellerId, canWrite: true },
    wallet.id,
    entry,
    now,
  );
  const applied = await linkTransaction(trx, review.id, transaction.id, now);

  const row: InvoiceTable =
    locked.pending_payment_id === payment.id
      ? await saveInvoice(trx, locked.id, { pending_payment_id: null }, now)
      : locked;
  const credited = await trx
    .selectFrom('wallets')
    .selectAll()
    .where('id', '=', wallet.id)
    .executeTakeFirstOrThrow();
  const { row: paid, applied: amountApplied } = await applyFromWallet(trx, row, credited, now, {
    max: transfer.amount,
    kind: 'gateway',
    paymentId: payment.id,
    topUpTransactionId: transaction.id,
    method: payment.provider,
    test,
  });
  // The payment's money arrived and paid its invoice: the payment is paid, by that top-up, however
  // it ended here (cancelled, expired, held). One its provider paid twice keeps its first row.
  const settled = await payWith(trx, payment.id, transaction.id, now);
  if (settled) await recordChanges(trx, now, [paymentChange(settled, 'update')]);
  await auditApplied(trx, scope, review, applied, now, {
    amount: transfer.amount,
    currency: transfer.currency,
    walletId: wallet.id,
    paymentId: payment.id,
    transactionId: transaction.id,
    invoiceId: paid.id,
    invoiceApplied: amountApplied,
    invoiceStatus: paid.status,
  });
  return applied;
}

/**
 * A payment held for its review (its wallet refused it) whose money staff applied to a wallet:
 * it is `paid`, by that ledger row, and its wallet is now the one the money went to. Paid is what
 * happened (the provider took the money and it reached a wallet, once), and a final status keeps
 * every settle and job away from it; a refund of it takes the money back out of the wallet that
 * holds it, not out of the one that refused it.
 *
 * A payment not held (cancelled or expired, then paid late: its review carries its money) becomes
 * paid the same way when its money goes to its own wallet, unless it was opened for an invoice:
 * its payer's balance rose by it, and it would read cancelled beside that credit. Its money sent
 * elsewhere, or one for an invoice (the money did not pay the invoice), it is left as it is.
 *
 * Another customer's wallet: the payment becomes that customer's, as its money did (they see the
 * payment that credited them; the first customer no longer lists a payment into a wallet not
 * theirs). The feed tells both: a customer's desktop reads only its own customer's changes, and the
 * first one's would otherwise keep reading the payment waiting for staff. Its payer and the saved
 * method it was charged to or was saving are the first customer's (a payment's payer is always its
 * customer's, create-top-up.ts): the new customer is not shown them, so the payment drops them,
 * and the audit of the application keeps them for staff (returned here as `movedFrom`).
 */
async function settleHeldElsewhere(
  trx: Trx,
  paymentId: string,
  transactionId: string,
  wallet: Pick<WalletTable, 'id' | 'customer_id'>,
  now: string,
): Promise<MovedFrom | null> {
  const before = await trx
    .selectFrom('payments')
    .select(['customer_id', 'wallet_id', 'payer_id', 'saved_method_id', 'saves_method_id'])
    .where('id', '=', paymentId)
    .executeTakeFirstOrThrow();
  const moves = before.customer_id !== wallet.customer_id;
  const paid = await payWith(trx, paymentId, transactionId, now, {
    heldOrPaidLateIn: wallet,
    dropPayer: moves,
  });
  if (!paid) {
    await recordLateMoney(trx, paymentId, wallet, now);
    return null;
  }
  const change = paymentChange(paid, 'update');
  // The new customer's entry last: folding the feed keeps only an entity's newest entry, whoever's
  // feed it is in, and a console syncing from the start must find the payment in the feed of the
  // customer it now belongs to (compact-feed.ts).
  await recordChanges(trx, now, [
    ...(before.customer_id === paid.customer_id ? [] : [{ ...change, customerId: before.customer_id }]),
    change,
  ]);
  return moves
    ? {
        customerId: before.customer_id,
        walletId: before.wallet_id,
        payerId: before.payer_id,
        savedMethodId: before.saved_method_id,
        savesMethodId: before.saves_method_id,
      }
    : null;
}

/**
 * A payment that ended (cancelled, expired, failed), was paid anyway, and whose money staff applied
 * where it does not pay this payment (another wallet, another customer's, another payment, or its
 * own wallet when it was opened for an invoice): its status stays, and it now says where the money
 * went and when, so neither its customer nor staff read it as money lost. Its customer reads only
 * that it went to another customer, never whose (wire/payment.ts).
 */
async function recordLateMoney(
  trx: Trx,
  paymentId: string,
  wallet: Pick<WalletTable, 'id' | 'customer_id'>,
  now: string,
): Promise<void> {
  const row = await trx
    .updateTable('payments')
    .set({
      late_money_wallet_id: wallet.id,
      late_money_customer_id: wallet.customer_id,
      late_money_at: now,
      updated_at: now,
    })
    .where('id', '=', paymentId)
    .where('status', 'in', ['cancelled', 'expired', 'failed'])
    .returningAll()
    .executeTakeFirst();
  if (row) await recordChanges(trx, now, [paymentChange(row, 'update')]);
}

/**
 * A payment held for its review (paid at its provider, its wallet refused it) whose money staff
 * applied to another payment: that money will never pay it, and nothing else would end it (no settle
 * claims a held payment, no job expires it), so it would wait for staff for good. It ends
 * `cancelled`, applied_to_other_payment, nothing credited to it; recordLateMoney then says where the
 * money went and records the change. A card it was saving is left pending: the saved-method check
 * asks the provider whether it kept it (payments/service.ts checkSavedMethods).
 */
async function endHeld(trx: Trx, paymentId: string, now: string): Promise<void> {
  await trx
    .updateTable('payments')
    .set({ status: 'cancelled', ...paymentFailure('applied_to_other_payment'), updated_at: now })
    .where('id', '=', paymentId)
    .where('held_for_review', '=', 1)
    .where('status', 'in', ['new', 'processing'])
    .execute();
}

/** Whose a payment was before it moved to another customer: kept in the audit, for staff. */
interface MovedFrom {
  customerId: string;
  walletId: string;
  payerId: string | null;
  savedMethodId: string | null;
  savesMethodId: string | null;
}

/**
 * A payment not yet paid becomes `paid` by `transactionId` (its ledger row), by a conditional UPDATE:
 * of two writers only one pays it. Why it had ended without money no longer holds: cleared.
 */
function payWith(
  trx: Trx,
  paymentId: string,
  transactionId: string,
  now: string,
  options: { heldOrPaidLateIn?: Pick<WalletTable, 'id' | 'customer_id'>; dropPayer?: boolean } = {},
): Promise<PaymentTable | undefined> {
  const into = options.heldOrPaidLateIn;
  let q = trx
    .updateTable('payments')
    .set({
      status: 'paid',
      paid_at: now,
      transaction_id: transactionId,
      underpaid: 0,
      failure_reason: null,
      failure_code: null,
      ...(into ? { wallet_id: into.id, customer_id: into.customer_id } : {}),
      // Into another customer's wallet: the first customer's payer and card are not the new one's.
      ...(options.dropPayer ? { payer_id: null, saved_method_id: null, saves_method_id: null } : {}),
      updated_at: now,
    })
    .where('id', '=', paymentId)
    .where('status', '!=', 'paid');
  // Held (its money went anywhere), or paid late with its money in its own wallet, for no invoice.
  if (into)
    q = q.where((eb) =>
      eb.or([
        eb('held_for_review', '=', 1),
        eb.and([eb('wallet_id', '=', into.id), eb('invoice_id', 'is', null)]),
      ]),
    );
  return q.returningAll().executeTakeFirst();
}

/**
 * The review leaves `open` by a conditional UPDATE, in the transaction that then posts the ledger
 * row: of two concurrent applications only one changes it; the other is refused.
 */
async function claim(
  trx: Trx,
  id: string,
  now: string,
  set: Pick<PaymentReviewTable, 'resolution' | 'applied_payment_id' | 'applied_wallet_id' | 'applied_by'>,
): Promise<void> {
  const claimed = await trx
    .updateTable('payment_reviews')
    .set({ ...set, status: 'resolved', resolved_at: now, applied_at: now })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .where('applied_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!claimed) {
    throw new Failure('conflict', 'this transfer was already applied or resolved', 'id', {
      key: 'review_already_resolved',
      values: {},
    });
  }
}

/** Keeps the ledger row the money went in by on the review, and records the review in the feed. */
async function linkTransaction(trx: Trx, id: string, transactionId: string, now: string) {
  const applied = await trx
    .updateTable('payment_reviews')
    .set({ applied_transaction_id: transactionId })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordChanges(trx, now, [reviewChange(applied, 'update')]);
  return applied;
}

const alreadyPaid = () =>
  new Failure(
    'conflict',
    'this payment is already paid: apply the transfer to its wallet instead',
    'paymentId',
    { key: 'review_payment_already_paid', values: {} },
  );

async function paymentTarget(
  trx: Trx,
  scope: Scope,
  paymentId: string,
): Promise<{ wallet: WalletTable; payment: PaymentTable }> {
  const payment = await findPayment(trx, scope, paymentId, { field: 'paymentId' });
  if (payment.status === 'paid') throw alreadyPaid();
  return { wallet: await walletTarget(trx, scope, payment.wallet_id, 'paymentId'), payment };
}

async function walletTarget(trx: Trx, scope: Scope, walletId: string, field = 'walletId') {
  const wallet = await findWallet(trx, scope, walletId, { field });
  if (wallet.status !== 'active') throw new Failure('wallet_closed', 'this wallet is closed', field);
  return wallet;
}

/** How the audit names whoever applied a transfer: the user's email, or the API key's name. */
export async function actorName(trx: Pick<Trx, 'selectFrom'>, principal: Principal): Promise<string> {
  if (principal.userId) {
    const user = await trx
      .selectFrom('users')
      .select('email')
      .where('id', '=', principal.userId)
      .executeTakeFirst();
    if (user) return user.email;
  }
  if (principal.apiKeyId) {
    const apiKey = await trx
      .selectFrom('api_keys')
      .select('name')
      .where('id', '=', principal.apiKeyId)
      .executeTakeFirst();
    if (apiKey) return `API key "${apiKey.name}"`;
  }
  return principal.role;
}

/** The audit record of a review applied: its status before and after, and where the money went. */
function auditApplied(
  trx: Trx,
  scope: Scope,
  review: PaymentReviewTable,
  applied: PaymentReviewTable,
  now: string,
  went: Record<string, unknown>,
) {
  return recordAudit(
    trx,
    scope,
    {
      action: 'payment_review.applied',
      entityType: 'payment_review',
      entityId: review.id,
      before: { status: review.status },
      after: { status: applied.status, ...went },
    },
    now,
  );
}
