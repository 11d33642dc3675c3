import type { Trx } from '../../db/database.js';
import type { PaymentReviewTable, PaymentTable } from '../../db/schema.js';
import { recordChanges } from '../../sync/record.js';
import { paymentsId } from '../../lib/ids.js';
import { reviewChange } from '../../wire/payment-review.js';

/**
 * Adds a review for the reseller, unless the same question about the same payment is already open,
 * or (`provider_event`) one about the same item of money exists:
 * a provider retrying one event, or a job re-checking one payment, must not flood the list. The new
 * review goes into the change feed in the same transaction, for the reseller's staff only.
 */
export async function openReview(
  trx: Trx,
  review: Pick<PaymentReviewTable, 'reseller_id' | 'payment_id' | 'provider' | 'reason' | 'detail'> &
    Partial<Pick<PaymentReviewTable, 'provider_event' | 'amount' | 'currency'>>,
  now: string,
): Promise<void> {
  if (review.provider_event) {
    // An event processed again (its lease ran out mid-way) must not give its transfer a second
    // review, which could then be applied a second time.
    const open = await trx
      .selectFrom('payment_reviews')
      .select('id')
      .where('reseller_id', '=', review.reseller_id)
      .where('provider_event', '=', review.provider_event)
      .executeTakeFirst();
    if (open) return;
  }
  // A review of one item of money (a bank line, a failed refund) is that item's own: another item
  // about the same payment gets its own review, or its money would go unseen.
  if (review.payment_id !== null && !review.provider_event) {
    const open = await trx
      .selectFrom('payment_reviews')
      .select('id')
      .where('payment_id', '=', review.payment_id)
      .where('reason', '=', review.reason)
      .where('status', '=', 'open')
      // Nor is money folded into an open review that carries none (a held charge's, lapsed-charge.ts,
      // after a question about the same payment): staff could neither apply nor close it there.
      .$if(review.amount != null, (q) => q.where('amount', 'is not', null))
      .executeTakeFirst();
    if (open) return;
  }
  const row: PaymentReviewTable = {
    id: paymentsId('review'),
    provider_event: null,
    amount: null,
    currency: null,
    ...review,
    status: 'open',
    resolution: null,
    created_at: now,
    resolved_at: null,
    applied_payment_id: null,
    applied_wallet_id: null,
    applied_transaction_id: null,
    applied_by: null,
    applied_at: null,
  };
  await trx.insertInto('payment_reviews').values(row).execute();
  await recordChanges(trx, now, [reviewChange(row, 'create')]);
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
