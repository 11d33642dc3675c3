import { z } from 'zod';
import {
  currencySchema,
  cursorSchema,
  idSchema,
  limitSchema,
  positiveAmountSchema,
  timestampSchema,
} from './common.js';
import { transactionSchema, walletSchema } from './wallets.js';

/** How often a product renews: `none` is a one-off purchase (no subscription). */
export const billingPeriods = ['none', 'month', 'quarter', 'year'] as const;
export const billingPeriodSchema = z.enum(billingPeriods);
export type BillingPeriod = z.infer<typeof billingPeriodSchema>;

const name = z.string().trim().min(1, { error: 'must not be empty' }).max(200);
const description = z.string().trim().max(2000);
/** Unit prices in minor units, one per currency the product is sold in. */
const prices = z
  .partialRecord(currencySchema, positiveAmountSchema)
  .refine((p) => Object.keys(p).length > 0, { error: 'must name at least one currency' });

export const productSchema = z.object({
  id: idSchema,
  name: z.string(),
  description: z.string(),
  prices: z.record(z.string(), z.int()),
  period: billingPeriodSchema,
  active: z.boolean(),
  /** An order still provisioning this long after it was placed fails and is refunded in full. */
  provisioningTimeoutMinutes: z.int(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Product = z.infer<typeof productSchema>;

const timeout = z
  .int({ error: 'must be a whole number of minutes' })
  .min(1, { error: 'must be at least 1 minute' })
  .max(60 * 24 * 30, { error: 'must be at most 30 days' });

export const createProductBody = z.strictObject({
  name,
  description: description.default(''),
  prices,
  period: billingPeriodSchema,
  active: z.boolean().default(true),
  provisioningTimeoutMinutes: timeout.default(60),
});
export const updateProductBody = z
  .strictObject({
    name: name.optional(),
    description: description.optional(),
    prices: prices.optional(),
    /** New orders only: a running subscription keeps the period it was started on. */
    period: billingPeriodSchema.optional(),
    active: z.boolean().optional(),
    provisioningTimeoutMinutes: timeout.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { error: 'nothing to change' });
export const listProductsQuery = z.strictObject({
  active: z.enum(['true', 'false']).optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});
export const productListSchema = z.object({
  items: z.array(productSchema),
  nextCursor: z.string().nullable(),
});

export const orderStatuses = ['provisioning', 'completed', 'partial', 'failed'] as const;
export const orderStatusSchema = z.enum(orderStatuses);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

/**
 * The failure reason the server writes on an order its provisioning never reported in time (the
 * console words it): kept beside the ledger's wordings, which word it too (an order's refund row).
 */
export { PROVISIONING_TIMEOUT_REASON } from './ledger-wording.js';

export const orderSchema = z.object({
  id: idSchema,
  /** What the customer and the ledger rows quote: the payment's and refund's `reference`. */
  number: z.string(),
  customerId: idSchema,
  walletId: idSchema,
  productId: idSchema,
  productName: z.string(),
  quantity: z.int(),
  unitPrice: z.int(),
  /** Minor units charged in the order's one `payment` row. */
  total: z.int(),
  /** Minor units returned to the wallet (the unprovisioned share, or all of it). */
  refunded: z.int(),
  currency: currencySchema,
  status: orderStatusSchema,
  provisioned: z.int().nullable(),
  failureReason: z.string().nullable(),
  /**
   * Why a failed order failed, as a code (`failureReason` says it in words): the provisioning system
   * reported it (its own words in `failureReason`, if it gave any), or it never reported in time
   * and the server failed it. Null unless failed; absent from older servers.
   */
  failureCode: z.enum(['provisioning_failed', 'provisioning_timed_out']).nullable().optional(),
  paymentTransactionId: idSchema,
  refundTransactionId: idSchema.nullable(),
  subscriptionId: idSchema.nullable(),
  provisionBy: timestampSchema,
  /**
   * A timed-out order whose refund its wallet refused (the refusal's error code, e.g. `balance_limit`
   * or `wallet_closed`): how many times, and when the timeout job tries again. Null while nothing was
   * refused, and once the order settled. Feed entries written before it existed carry none.
   */
  refundStuck: z
    .object({ code: z.string(), refusals: z.int(), retryAt: timestampSchema })
    .nullable()
    .default(null),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Order = z.infer<typeof orderSchema>;

const quantity = z
  .int({ error: 'must be a whole number' })
  .min(1, { error: 'must be at least 1' })
  .max(10_000, { error: 'must be at most 10000' });

export const placeOrderBody = z.strictObject({ productId: idSchema, quantity, currency: currencySchema });
export const orderResponse = z.object({
  order: orderSchema,
  wallet: walletSchema,
  transaction: transactionSchema,
});
export const fulfilmentBody = z.strictObject({
  provisioned: z
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must not be negative' })
    .max(10_000, { error: 'must be at most 10000' }),
});
export const failOrderBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });
/** The order after the report, and its refund row when one was made. */
export const fulfilmentResponse = z.object({
  order: orderSchema,
  refund: transactionSchema.nullable(),
});
export const listOrdersQuery = z.strictObject({
  customerId: idSchema.optional(),
  status: orderStatusSchema.optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});
export const orderListSchema = z.object({ items: z.array(orderSchema), nextCursor: z.string().nullable() });

export const batchRefundBody = z.strictObject({
  orderIds: z.array(idSchema).min(1, { error: 'must name at least one order' }).max(500),
  reason: z.string().trim().min(1).max(500),
  dryRun: z.boolean().default(false),
});
/** One order of a batch: what it refunds (or refunded), or why it is skipped. */
export const batchRefundItemSchema = z.object({
  orderId: z.string(),
  number: z.string().nullable(),
  outcome: z.enum(['refund', 'refunded', 'already_refunded', 'skipped']),
  amount: z.int(),
  currency: z.string().nullable(),
  detail: z.string(),
});
export const batchRefundResponse = z.object({
  dryRun: z.boolean(),
  items: z.array(batchRefundItemSchema),
  /** Per currency: the minor units refunded (or that would be). */
  totals: z.record(z.string(), z.int()),
});
export type BatchRefundResult = z.infer<typeof batchRefundResponse>;

export const subscriptionStatuses = ['active', 'past_due', 'cancelled', 'expired'] as const;
export const subscriptionStatusSchema = z.enum(subscriptionStatuses);
export type SubscriptionStatus = z.infer<typeof subscriptionStatusSchema>;

export const subscriptionSchema = z.object({
  id: idSchema,
  customerId: idSchema,
  walletId: idSchema,
  productId: idSchema,
  orderId: idSchema,
  productName: z.string(),
  quantity: z.int(),
  /** Minor units each renewal charges. */
  amount: z.int(),
  currency: currencySchema,
  period: z.enum(['month', 'quarter', 'year']),
  status: subscriptionStatusSchema,
  autoRenew: z.boolean(),
  currentPeriodStart: timestampSchema,
  currentPeriodEnd: timestampSchema,
  /** When the next renewal attempt is due (null: none will be made). */
  nextAttemptAt: timestampSchema.nullable(),
  pastDueSince: timestampSchema.nullable(),
  pendingPaymentId: z.string().nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Subscription = z.infer<typeof subscriptionSchema>;

export const subscriptionAttemptSchema = z.object({
  id: idSchema,
  subscriptionId: idSchema,
  customerId: idSchema,
  periodEnd: timestampSchema,
  trigger: z.enum(['schedule', 'manual']),
  outcome: z.enum(['paid', 'insufficient_funds', 'top_up_started', 'top_up_failed', 'expired', 'ended']),
  amount: z.int(),
  transactionId: z.string().nullable(),
  paymentId: z.string().nullable(),
  detail: z.string(),
  createdAt: timestampSchema,
});
export type SubscriptionAttempt = z.infer<typeof subscriptionAttemptSchema>;

export const subscriptionDetailSchema = subscriptionSchema.extend({
  attempts: z.array(subscriptionAttemptSchema),
});
export const listSubscriptionsQuery = z.strictObject({
  customerId: idSchema.optional(),
  status: subscriptionStatusSchema.optional(),
  renewingBefore: z.iso.datetime({ error: 'must be an ISO 8601 date-time' }).optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});
export const subscriptionListSchema = z.object({
  items: z.array(subscriptionSchema),
  nextCursor: z.string().nullable(),
});
export const renewResponse = z.object({
  subscription: subscriptionSchema,
  transaction: transactionSchema,
  wallet: walletSchema,
});

export const noticeSchema = z.object({
  id: idSchema,
  customerId: idSchema,
  kind: z.enum(['renewal_not_covered']),
  subjectId: idSchema,
  message: z.string(),
  createdAt: timestampSchema,
});
export type Notice = z.infer<typeof noticeSchema>;
