import type { PaymentProviderId, PaymentReview } from '../../shared/api/payments.js';
import type { Currency } from '../../shared/money.js';
import type { PaymentReviewTable } from '../db/schema.js';
import type { ChangeInput } from '../sync/record.js';

export function toReview(row: PaymentReviewTable): PaymentReview {
  return {
    id: row.id,
    paymentId: row.payment_id,
    provider: row.provider as PaymentProviderId,
    reason: row.reason,
    detail: row.detail,
    status: row.status,
    amount: row.amount,
    // What the bank reported (a string in the table); the transfer feeds only record allow-listed codes.
    currency: row.currency as Currency | null,
    resolution: row.resolution,
    resolvedAt: row.resolved_at,
    applied:
      row.applied_at === null || row.applied_wallet_id === null
        ? null
        : {
            paymentId: row.applied_payment_id,
            walletId: row.applied_wallet_id,
            transactionId: row.applied_transaction_id,
            by: row.applied_by ?? '',
            at: row.applied_at,
          },
    createdAt: row.created_at,
  };
}

/**
 * A review in the change feed. It names no customer (customer_id null): a customer's feed only holds
 * changes carrying its own id, so reviews reach the reseller's staff (admins, support agents) only.
 */
export const reviewChange = (row: PaymentReviewTable, op: 'create' | 'update'): ChangeInput => ({
  resellerId: row.reseller_id,
  customerId: null,
  entity: 'payment_review',
  id: row.id,
  op,
  data: toReview(row),
});
