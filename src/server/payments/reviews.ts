import type { Trx } from '../db/database.js';
import type { PaymentReviewTable, PaymentTable } from '../db/schema.js';
import { paymentsId } from './ids.js';

/**
 * Adds a review for the reseller, unless the same question about the same payment is already open:
 * a provider retrying one event, or a job re-checking one payment, must not flood the list.
 */
export async function openReview(
  trx: Trx,
  review: Pick<PaymentReviewTable, 'reseller_id' | 'payment_id' | 'provider' | 'reason' | 'detail'>,
  now: string,
): Promise<void> {
  if (review.payment_id !== null) {
    const open = await trx
      .selectFrom('payment_reviews')
      .select('id')
      .where('payment_id', '=', review.payment_id)
      .where('reason', '=', review.reason)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (open) return;
  }
  await trx
    .insertInto('payment_reviews')
    .values({
      id: paymentsId('review'),
      ...review,
      status: 'open',
      resolution: null,
      created_at: now,
      resolved_at: null,
    })
    .execute();
}

/** A review about one payment, for its reseller and provider. */
export function openPaymentReview(
  trx: Trx,
  payment: Pick<PaymentTable, 'id' | 'reseller_id' | 'provider'>,
  reason: PaymentReviewTable['reason'],
  detail: string,
  now: string,
): Promise<void> {
  return openReview(
    trx,
    { reseller_id: payment.reseller_id, payment_id: payment.id, provider: payment.provider, reason, detail },
    now,
  );
}
