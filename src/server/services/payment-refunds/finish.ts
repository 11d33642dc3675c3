import { sql } from 'kysely';
import type { Trx } from '../../db/database.js';
import type { RefundTable, WalletTable } from '../../db/schema.js';
import type { RefundAnswer } from '../../gateways/provider.js';
import { entryFor, writeEntry } from '../../ledger/movements.js';
import { moveWallet } from '../../ledger/wallet-guard.js';
import { paymentChange } from '../../wire/payment.js';
import { refundChange } from '../../wire/refund.js';
import type { ChangeInput } from '../../sync/record.js';
import { recordChanges } from '../../sync/record.js';
import { Failure } from '../failure.js';
import { openReview } from '../payment-reviews/open.js';

/**
 * The second half of a refund, once the provider answered (invariant 6 of gateways/provider.ts).
 * Accepted: the refund succeeded. Refused: the wallet gets the amount back by a compensating
 * `adjustment` row linked to the refund, the payment's refunded total goes down again, and the refund
 * is `failed` — nothing lost, nothing doubled. Only a pending refund changes, so an answer applied
 * twice (a retry, two processes) changes it once.
 *
 * `late`: the answer is the provider's own current state of the refund, re-read after an event
 * (fetchRefund), so a refusal also fails a refund recorded succeeded (it failed later at the card's
 * bank) — still once: a failed refund never changes again. Without it, a refusal racing an earlier
 * acceptance (two processes asking) never undoes a refund the provider made.
 *
 * `rereadable`: the provider can be asked about this refund again (fetchRefund), so one it accepted
 * but has not settled (Stripe's `pending`: the card's bank confirms later) stays `pending` until its
 * event or a re-read settles it. A provider that cannot be asked keeps the old reading: accepted is
 * `succeeded`, and only a later event can fail it.
 */
export async function finishRefund(
  trx: Trx,
  refundId: string,
  answer: RefundAnswer,
  now: string,
  options: { late?: boolean; rereadable?: boolean } = {},
): Promise<RefundTable> {
  let query = trx.selectFrom('refunds').selectAll().where('id', '=', refundId);
  if (trx.dialect === 'postgres') query = query.forUpdate();
  const refund = await query.executeTakeFirstOrThrow();
  const failedLater = options.late === true && refund.status === 'succeeded' && answer.outcome === 'refused';
  if (refund.status !== 'pending' && !failedLater) return refund;
  if (answer.outcome === 'accepted' && !answer.settled && options.rereadable === true) {
    // Accepted but not settled at the card's bank yet: still `pending`, now with the provider's id,
    // so asking again re-reads this refund (fetchRefund) instead of making one.
    if (refund.provider_refund_id === answer.providerRefundId) return refund;
    const row = await trx
      .updateTable('refunds')
      .set({ provider_refund_id: answer.providerRefundId, updated_at: now })
      .where('id', '=', refund.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordChanges(trx, now, [refundChange(row, 'update')]);
    return row;
  }
  if (answer.outcome === 'accepted') {
    const row = await trx
      .updateTable('refunds')
      .set({ status: 'succeeded', provider_refund_id: answer.providerRefundId, updated_at: now })
      .where('id', '=', refund.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordChanges(trx, now, [refundChange(row, 'update')]);
    return row;
  }
  const scope = { resellerId: refund.reseller_id, canWrite: true };
  let wallet: WalletTable;
  try {
    wallet = await moveWallet(trx, scope, refund.wallet_id, { balance: refund.amount, pending: 0 }, now);
  } catch (error) {
    // moveWallet refuses before writing anything, so this transaction goes on.
    if (error instanceof Failure && error.code === 'wallet_closed') {
      return failIntoReview(trx, refund, answer, now);
    }
    throw error;
  }
  const entry = entryFor(
    wallet,
    {
      type: 'adjustment',
      amount: refund.amount,
      description: `Refund ${refund.id} refused by ${refund.provider ?? 'the provider'}: returned to the wallet`,
      wording: { kind: 'refund_refused', refund: refund.id, provider: refund.provider ?? null },
      reference: refund.id,
      relatedId: refund.payment_id,
      test: refund.provider === 'sandbox',
    },
    now,
  );
  const row = await markFailed(trx, refund, answer, entry.id, now);
  const extra: ChangeInput[] = [refundChange(row, 'update'), ...(await unrefund(trx, refund, now))];
  await writeEntry(trx, wallet, entry, extra, now);
  return row;
}

/**
 * A refund refused (mostly: failed later at the card's bank) after its wallet was closed: the money
 * cannot go back into a closed wallet, and asking again would be refused the same way for ever. The
 * refund fails with nothing credited back (no compensation), and a payment review holding its amount
 * asks staff to place it (apply it to another wallet: services/payment-reviews/apply.ts, or pay it
 * out by hand and resolve the review). One review per refund, however often this runs.
 */
async function failIntoReview(
  trx: Trx,
  refund: RefundTable,
  answer: Extract<RefundAnswer, { outcome: 'refused' }>,
  now: string,
): Promise<RefundTable> {
  const row = await markFailed(trx, refund, answer, null, now);
  await recordChanges(trx, now, [refundChange(row, 'update'), ...(await unrefund(trx, refund, now))]);
  const provider = refund.provider ?? 'the provider';
  await openReview(
    trx,
    {
      reseller_id: refund.reseller_id,
      payment_id: refund.payment_id,
      provider,
      // Money that could not be placed, as a paid payment's whose wallet refused it (settle.ts):
      // staff apply it elsewhere. A reason of its own would stop older consoles' sync at this review.
      reason: 'unmatched',
      detail: `refund ${refund.id} of ${refund.amount} ${refund.currency} minor units failed at ${provider} after wallet ${refund.wallet_id} was closed (${answer.reason}): the money reached neither the customer nor the wallet`,
      provider_event: `${provider}:${refund.provider_refund_id ?? refund.id}`,
      amount: refund.amount,
      currency: refund.currency,
    },
    now,
  );
  return row;
}

function markFailed(
  trx: Trx,
  refund: RefundTable,
  answer: Extract<RefundAnswer, { outcome: 'refused' }>,
  compensationId: string | null,
  now: string,
): Promise<RefundTable> {
  return trx
    .updateTable('refunds')
    .set({
      status: 'failed',
      failure_reason: answer.reason.slice(0, 500),
      failure_code: answer.code ?? 'refused',
      compensation_id: compensationId,
      updated_at: now,
    })
    .where('id', '=', refund.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The refunded payment's refunded total goes down by what did not go back (its feed change). */
async function unrefund(trx: Trx, refund: RefundTable, now: string): Promise<ChangeInput[]> {
  if (refund.payment_id === null) return [];
  const payment = await trx
    .updateTable('payments')
    .set({ refunded_amount: sql`refunded_amount - ${refund.amount}`, updated_at: now })
    .where('id', '=', refund.payment_id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return [paymentChange(payment, 'update')];
}
