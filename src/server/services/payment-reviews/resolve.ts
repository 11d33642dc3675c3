import type { Trx } from '../../db/database.js';
import type { PaymentReviewTable, RefundTable } from '../../db/schema.js';
import { recordChanges } from '../../sync/record.js';
import { paymentFailure } from '../../payments/failure.js';
import { paymentChange } from '../../wire/payment.js';
import { reviewChange } from '../../wire/payment-review.js';
import { findPaymentReview } from '../lookups.js';
import type { HeldRefundOutcome } from '../../../shared/api/payments.js';
import { finishHeldRefund, heldRefundOf } from '../payment-refunds/held.js';
import { Failure } from '../failure.js';
import { attempt, type Result } from '../result.js';
import { recordAudit } from '../audit/record.js';
import type { Scope } from '../scope.js';

/**
 * Staff close a review with an optional note (again on a resolved one: the new note replaces it).
 * Closing, without applying it, the review that holds a payment's money (paid at its provider, its
 * wallet refused it: settle.ts) ends that payment too: `cancelled`, closed_by_staff, nothing credited.
 * Closing the review of a saved method's charge held unanswered (lapsed-charge.ts) says staff found
 * no such charge at the provider: it ends as not made, see closedAs.
 * Nothing else would ever end it (no settle claims a held payment, no job expires it), and it would
 * read "waiting for staff" for good. A card it was saving is left pending: the saved-method check
 * asks the provider whether it kept it, as for a held payment applied (payments/service.ts
 * checkSavedMethods), since the payer's card may well be saved though staff kept the money back.
 *
 * The review of a refund held for staff (payments/refunds.ts holdUnfindableRefund) is resolved only
 * saying what staff found at the provider (`refund`: made, or not made), which ends the refund
 * (payment-refunds/held.ts finishHeldRefund: a refund not made credits its wallet back, once);
 * without it, `refund_outcome_required` on `refund`, and nothing is written. Any other review takes
 * no `refund` (`validation`).
 */
export function resolveReview(
  trx: Trx,
  scope: Scope,
  input: { id: string; note?: string | undefined; refund?: HeldRefundOutcome | undefined },
  now: string,
): Promise<Result<PaymentReviewTable, 'not_found' | 'refund_outcome_required' | 'validation' | 'conflict'>> {
  return attempt(['not_found', 'refund_outcome_required', 'validation', 'conflict'], async () => {
    const review = await findPaymentReview(trx, scope, input.id);
    const heldRefund = await heldRefundOf(trx, review);
    if (heldRefund && input.refund === undefined) {
      throw new Failure(
        'refund_outcome_required',
        `this review is about refund ${heldRefund.id}, held unconfirmed: say what you found at ${review.provider} (refund "made" or "not_made")`,
        'refund',
        { key: 'held_refund_outcome_required', values: {} },
      );
    }
    if (!heldRefund && input.refund !== undefined) {
      throw new Failure(
        'validation',
        'refund: only the review of a refund held for staff takes it',
        'refund',
        {
          key: 'refund_outcome_not_asked',
          values: {},
        },
      );
    }
    const refund =
      heldRefund && input.refund !== undefined
        ? await finishHeldRefund(trx, heldRefund, input.refund, now)
        : undefined;
    const resolved = await trx
      .updateTable('payment_reviews')
      .set({ status: 'resolved', resolved_at: now, resolution: input.note ?? null })
      .where('id', '=', review.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const closed =
      review.payment_id !== null && review.amount !== null && review.applied_at === null
        ? await trx
            .updateTable('payments')
            .set({ ...closedAs(review), updated_at: now })
            .where('id', '=', review.payment_id)
            .where('reseller_id', '=', scope.resellerId)
            .where('held_for_review', '=', 1)
            .where('status', 'in', ['new', 'processing'])
            .returningAll()
            .executeTakeFirst()
        : undefined;
    await recordChanges(trx, now, [
      reviewChange(resolved, 'update'),
      ...(closed ? [paymentChange(closed, 'update')] : []),
    ]);
    // A held refund's own changes (and its wallet's credit back) went to the feed as it finished.
    await recordAudit(
      trx,
      scope,
      {
        action: 'payment_review.resolved',
        entityType: 'payment_review',
        entityId: review.id,
        before: {
          status: review.status,
          resolution: review.resolution,
          ...(refund && { refund: refundFacts(refund.before) }),
        },
        after: {
          status: resolved.status,
          resolution: resolved.resolution,
          ...(refund && {
            refund: { ...refundFacts(refund.after), found: input.refund, changed: refund.changed },
          }),
        },
        reason: input.note,
      },
      now,
    );
    return resolved;
  });
}

/**
 * How a held payment ends when its review is closed unapplied. Only a saved method's charge held
 * because its key may have lapsed has a `payment` review carrying money (lapsed-charge.ts): no money
 * arrived for it, and staff closing it found the charge never made, so it expires, as one whose
 * provider finds no such charge does (answerExpiredCharge): what waited on it (an auto-paid invoice,
 * a renewal, an auto top-up) goes on as after any charge that ended unpaid. Any other review
 * carrying money held a payment whose money did arrive: closed_by_staff says so.
 */
function closedAs(review: PaymentReviewTable) {
  return review.reason === 'payment'
    ? ({ status: 'expired', ...paymentFailure('expired') } as const)
    : ({ status: 'cancelled', ...paymentFailure('closed_by_staff') } as const);
}

/** A held refund as the audit trail keeps it, before and after staff said what they found. */
function refundFacts(row: RefundTable) {
  return {
    id: row.id,
    status: row.status,
    heldForReview: row.held_for_review === 1,
    compensationId: row.compensation_id,
  };
}
