import type { Principal } from '../../../shared/api/auth.js';
import { formatMoney } from '../../../shared/money.js';
import type { Trx } from '../../db/database.js';
import type { PaymentReviewTable, PaymentTable, WalletTable } from '../../db/schema.js';
import { postEntry } from '../../ledger/movements.js';
import { paymentChange } from '../../wire/payment.js';
import { reviewChange } from '../../wire/payment-review.js';
import { recordChanges } from '../../sync/record.js';
import { Failure } from '../failure.js';
import { findPayment, findPaymentReview, findWallet } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import { recordAudit } from '../audit/record.js';
import type { Scope } from '../scope.js';

/** Where staff send an unmatched transfer: a payment (it pays it) or straight to a wallet. */
export type ApplyTarget = { paymentId: string } | { walletId: string };

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
 * asked for), once. Applied to a payment that is not paid, that payment becomes paid by it.
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

  const amountText = formatMoney(transfer.amount, wallet.currency);
  const claimed = await trx
    .updateTable('payment_reviews')
    .set({
      status: 'resolved',
      resolved_at: now,
      resolution: `${amountText} applied to ${payment ? `payment ${payment.id}` : `wallet ${wallet.id}`} by ${actor}`,
      applied_payment_id: payment?.id ?? null,
      applied_wallet_id: wallet.id,
      applied_by: actor,
      applied_at: now,
    })
    .where('id', '=', review.id)
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

  const { transaction } = await postEntry(
    trx,
    { resellerId: scope.resellerId, canWrite: true },
    wallet.id,
    {
      type: 'top_up',
      amount: transfer.amount,
      description: `Bank transfer applied from review by ${actor}`,
      wording: { kind: 'bank_transfer_from_review', actor },
      reference: payment?.id ?? review.id,
      relatedId: payment?.id ?? review.id,
    },
    now,
  );
  const applied = await trx
    .updateTable('payment_reviews')
    .set({ applied_transaction_id: transaction.id })
    .where('id', '=', review.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordChanges(trx, now, [reviewChange(applied, 'update')]);

  if (payment) {
    const paid = await trx
      .updateTable('payments')
      .set({ status: 'paid', paid_at: now, transaction_id: transaction.id, underpaid: 0, updated_at: now })
      .where('id', '=', payment.id)
      .where('status', '!=', 'paid')
      .returningAll()
      .executeTakeFirst();
    // Paid meanwhile by its own transfer: this one must go to the wallet instead (rolled back).
    if (!paid) throw alreadyPaid();
    await recordChanges(trx, now, [paymentChange(paid, 'update')]);
  }
  await recordAudit(
    trx,
    scope,
    {
      action: 'payment_review.applied',
      entityType: 'payment_review',
      entityId: review.id,
      before: { status: review.status },
      after: {
        status: applied.status,
        amount: transfer.amount,
        currency: transfer.currency,
        walletId: wallet.id,
        paymentId: payment?.id ?? null,
        transactionId: transaction.id,
      },
    },
    now,
  );
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
