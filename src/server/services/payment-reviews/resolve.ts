import type { Trx } from '../../db/database.js';
import type { PaymentReviewTable } from '../../db/schema.js';
import { recordChanges } from '../../sync/record.js';
import { reviewChange } from '../../wire/payment-review.js';
import { findPaymentReview } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import { recordAudit } from '../audit/record.js';
import type { Scope } from '../scope.js';

/** Staff close a review with an optional note (again on a resolved one: the new note replaces it). */
export function resolveReview(
  trx: Trx,
  scope: Scope,
  input: { id: string; note?: string | undefined },
  now: string,
): Promise<Result<PaymentReviewTable, 'not_found'>> {
  return attempt(['not_found'], async () => {
    const review = await findPaymentReview(trx, scope, input.id);
    const resolved = await trx
      .updateTable('payment_reviews')
      .set({ status: 'resolved', resolved_at: now, resolution: input.note ?? null })
      .where('id', '=', review.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordChanges(trx, now, [reviewChange(resolved, 'update')]);
    await recordAudit(
      trx,
      scope,
      {
        action: 'payment_review.resolved',
        entityType: 'payment_review',
        entityId: review.id,
        before: { status: review.status, resolution: review.resolution },
        after: { status: resolved.status, resolution: resolved.resolution },
        reason: input.note,
      },
      now,
    );
    return resolved;
  });
}
