import type { PaymentReviewTable } from '../../db/schema.js';
import type { Reader } from '../lookups.js';
import { newestFirstPage } from '../paging.js';
import type { Scope } from '../scope.js';

/** The reseller's reviews, newest first, a page of `limit` after `cursor` (see newestFirstPage). */
export function listReviews(
  db: Reader,
  scope: Scope,
  filter: { status?: PaymentReviewTable['status'] | undefined },
  cursor: string | undefined,
  limit: number,
): Promise<{ page: PaymentReviewTable[]; nextCursor: string | null }> {
  let q = db.selectFrom('payment_reviews').selectAll().where('reseller_id', '=', scope.resellerId);
  if (filter.status) q = q.where('status', '=', filter.status);
  return newestFirstPage(q, cursor, limit);
}
