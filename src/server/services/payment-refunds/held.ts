import type { HeldRefundOutcome } from '../../../shared/api/payments.js';
import type { Trx } from '../../db/database.js';
import type { PaymentReviewTable, RefundTable } from '../../db/schema.js';
import { recordChanges } from '../../sync/record.js';
import { refundChange } from '../../wire/refund.js';
import { Failure } from '../failure.js';
import { finishRefund } from './finish.js';

/**
 * The refund a payment review was opened for when it was held (payments/refunds.ts
 * holdUnfindableRefund: reason `payment`, no money, provider_event `<provider>:held-refund:<id>`),
 * whether still held or already finished by an earlier resolve; undefined for any other review.
 */
export async function heldRefundOf(trx: Trx, review: PaymentReviewTable): Promise<RefundTable | undefined> {
  if (review.reason !== 'payment' || review.amount !== null || review.provider_event === null)
    return undefined;
  const marker = `${review.provider}:held-refund:`;
  if (!review.provider_event.startsWith(marker)) return undefined;
  return trx
    .selectFrom('refunds')
    .selectAll()
    .where('id', '=', review.provider_event.slice(marker.length))
    .where('reseller_id', '=', review.reseller_id)
    .executeTakeFirst();
}

/**
 * Ends a held refund as staff found it at the provider, in the caller's transaction (the review's
 * resolution). Made: `succeeded`, nothing credited back (its wallet was debited when it started).
 * Never made: refused as a provider refuses one (finishRefund), so the wallet is credited back by
 * the same compensating row, or, closed by now, its money goes to a payment review.
 *
 * Once: only the write that moves the refund out of `held_for_review` while it is pending finishes
 * it (a second resolve, or one racing this one, finds it moved: PostgreSQL's row lock makes the
 * racer wait and re-check, SQLite's write lock runs them one after the other). A later resolve
 * saying the same changes nothing; one saying the other is refused (`conflict`), as money already
 * moved on the first word.
 */
export async function finishHeldRefund(
  trx: Trx,
  refund: RefundTable,
  outcome: HeldRefundOutcome,
  now: string,
): Promise<{ before: RefundTable; after: RefundTable; changed: boolean }> {
  const claimed = await trx
    .updateTable('refunds')
    .set({ held_for_review: 0, updated_at: now })
    .where('id', '=', refund.id)
    .where('status', '=', 'pending')
    .where('held_for_review', '=', 1)
    .returningAll()
    .executeTakeFirst();
  if (!claimed) {
    const current = await trx
      .selectFrom('refunds')
      .selectAll()
      .where('id', '=', refund.id)
      .executeTakeFirstOrThrow();
    const agrees = current.status === (outcome === 'made' ? 'succeeded' : 'failed');
    if (agrees) return { before: current, after: current, changed: false };
    throw new Failure(
      'conflict',
      `refund ${current.id} is already ${current.status}: staff said otherwise when this review was first resolved`,
      'refund',
      { key: 'held_refund_settled', values: { status: current.status } },
    );
  }
  if (outcome === 'made') {
    const row = await trx
      .updateTable('refunds')
      .set({ status: 'succeeded', updated_at: now })
      .where('id', '=', claimed.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordChanges(trx, now, [refundChange(row, 'update')]);
    return { before: refund, after: row, changed: true };
  }
  const provider = claimed.provider ?? 'the provider';
  const row = await finishRefund(
    trx,
    claimed.id,
    {
      outcome: 'refused',
      reason: `staff found no such refund at ${provider}: it was never made`,
      code: 'refused',
    },
    now,
  );
  return { before: refund, after: row, changed: true };
}
