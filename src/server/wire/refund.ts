import type { PaymentProviderId } from '../../shared/api/payments.js';
import type { Refund } from '../../shared/api/refunds.js';
import type { RefundTable } from '../db/schema.js';
import type { ChangeInput } from '../sync/record.js';

/** A refund row as the routes answer it and the change feed carries it. */
export function toRefund(row: RefundTable): Refund {
  return {
    id: row.id,
    walletId: row.wallet_id,
    customerId: row.customer_id,
    paymentId: row.payment_id,
    provider: row.provider as PaymentProviderId | null,
    method: row.method,
    amount: row.amount,
    currency: row.currency,
    reason: row.reason,
    status: row.status,
    destination: row.destination,
    reference: row.reference,
    providerRefundId: row.provider_refund_id,
    failureReason: row.failure_reason,
    failureCode: row.failure_code ?? null,
    transactionId: row.transaction_id,
    compensationId: row.compensation_id,
    heldForReview: row.held_for_review === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export const refundChange = (row: RefundTable, op: 'create' | 'update'): ChangeInput => ({
  resellerId: row.reseller_id,
  customerId: row.customer_id,
  entity: 'refund',
  id: row.id,
  op,
  data: toRefund(row),
});
