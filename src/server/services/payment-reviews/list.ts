import type { PaymentReviewTable } from '../../db/schema.js';
import type { Reader } from '../lookups.js';
import type { Scope } from '../scope.js';

/** The reseller's reviews, newest first, at most 500 (the open ones are what staff work through). */
export function listReviews(
  db: Reader,
  scope: Scope,
  filter: { status?: PaymentReviewTable['status'] | undefined },
): Promise<PaymentReviewTable[]> {
  let q = db.selectFrom('payment_reviews').selectAll().where('reseller_id', '=', scope.resellerId);
  if (filter.status) q = q.where('status', '=', filter.status);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(500).execute();
}
