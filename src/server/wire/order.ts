import {
  PROVISIONING_TIMEOUT_REASON,
  type Notice,
  type Order,
  type Product,
  type Subscription,
  type SubscriptionAttempt,
} from '../../shared/api/orders.js';
import type {
  NoticeTable,
  OrderTable,
  ProductTable,
  SubscriptionAttemptTable,
  SubscriptionTable,
} from '../db/schema.js';
import type { ChangeInput } from '../sync/record.js';

/** A catalog row as the routes answer it and the change feed carries it (staff feeds only). */
export function toProduct(row: ProductTable): Product {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    prices: JSON.parse(row.prices) as Record<string, number>,
    period: row.period,
    active: row.active === 1,
    provisioningTimeoutMinutes: row.provisioning_timeout_minutes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toOrder(row: OrderTable): Order {
  return {
    id: row.id,
    number: row.number,
    customerId: row.customer_id,
    walletId: row.wallet_id,
    productId: row.product_id,
    productName: row.product_name,
    quantity: row.quantity,
    unitPrice: row.unit_price,
    total: row.total,
    refunded: row.refunded,
    currency: row.currency,
    status: row.status,
    provisioned: row.provisioned,
    failureReason: row.failure_reason,
    failureCode:
      row.status !== 'failed'
        ? null
        : row.failure_reason === PROVISIONING_TIMEOUT_REASON
          ? 'provisioning_timed_out'
          : 'provisioning_failed',
    paymentTransactionId: row.payment_transaction_id,
    refundTransactionId: row.refund_transaction_id,
    subscriptionId: row.subscription_id,
    provisionBy: row.provision_by,
    refundStuck:
      // A row read before 0475 (a migration test's) has neither column: never refused.
      row.status === 'provisioning' && row.timeout_refusal && row.timeout_retry_at
        ? {
            // Stored as "code: English message" (services/orders/settle.ts recordRefusal).
            code: row.timeout_refusal.split(':', 1)[0]!,
            refusals: row.timeout_refusals,
            retryAt: row.timeout_retry_at,
          }
        : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toSubscription(row: SubscriptionTable): Subscription {
  return {
    id: row.id,
    customerId: row.customer_id,
    walletId: row.wallet_id,
    productId: row.product_id,
    orderId: row.order_id,
    productName: row.product_name,
    quantity: row.quantity,
    amount: row.amount,
    currency: row.currency,
    period: row.period,
    status: row.status,
    autoRenew: row.auto_renew === 1,
    currentPeriodStart: row.current_period_start,
    currentPeriodEnd: row.current_period_end,
    nextAttemptAt: row.next_attempt_at,
    pastDueSince: row.past_due_since,
    pendingPaymentId: row.pending_payment_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toSubscriptionAttempt(row: SubscriptionAttemptTable): SubscriptionAttempt {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    customerId: row.customer_id,
    periodEnd: row.period_end,
    trigger: row.trigger,
    outcome: row.outcome,
    amount: row.amount,
    transactionId: row.transaction_id,
    paymentId: row.payment_id,
    detail: row.detail,
    createdAt: row.created_at,
  };
}

export function toNotice(row: NoticeTable): Notice {
  return {
    id: row.id,
    customerId: row.customer_id,
    kind: row.kind,
    subjectId: row.subject_id,
    message: row.message,
    createdAt: row.created_at,
  };
}

export const productChange = (row: ProductTable, op: 'create' | 'update'): ChangeInput => ({
  resellerId: row.reseller_id,
  customerId: null,
  entity: 'product',
  id: row.id,
  op,
  data: toProduct(row),
});

export const orderChange = (row: OrderTable, op: 'create' | 'update'): ChangeInput => ({
  resellerId: row.reseller_id,
  customerId: row.customer_id,
  entity: 'order',
  id: row.id,
  op,
  data: toOrder(row),
});

export const subscriptionChange = (row: SubscriptionTable, op: 'create' | 'update'): ChangeInput => ({
  resellerId: row.reseller_id,
  customerId: row.customer_id,
  entity: 'subscription',
  id: row.id,
  op,
  data: toSubscription(row),
});

export const attemptChange = (row: SubscriptionAttemptTable): ChangeInput => ({
  resellerId: row.reseller_id,
  customerId: row.customer_id,
  entity: 'subscription_attempt',
  id: row.id,
  op: 'create',
  data: toSubscriptionAttempt(row),
});

export const noticeChange = (row: NoticeTable): ChangeInput => ({
  resellerId: row.reseller_id,
  customerId: row.customer_id,
  entity: 'notice',
  id: row.id,
  op: 'create',
  data: toNotice(row),
});
