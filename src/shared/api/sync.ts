import { z } from 'zod';
import { customerSchema } from './customers.js';
import {
  paymentReviewSchema,
  paymentSchema,
  savedMethodSchema,
  withLegacyFeeTotals,
  withLegacyReviewFields,
} from './payments.js';
import { refundSchema } from './refunds.js';
import { holdSchema, transactionSchema, walletSchema } from './wallets.js';
import {
  noticeSchema,
  orderSchema,
  productSchema,
  subscriptionAttemptSchema,
  subscriptionSchema,
} from './orders.js';
import { webhookEndpointSchema } from './webhooks.js';
import { alertSettingsSchema, autoTopUpSchema, walletAlertSchema } from './alerts.js';
import { invoiceSchema } from './invoices.js';
import { ticketSchema } from './tickets.js';

/** `payment_review` and `webhook_endpoint` reach the reseller's staff only: a customer's feed never holds one. */
export const syncEntities = [
  'customer',
  'wallet',
  'transaction',
  'hold',
  'payment',
  'payment_review',
  'product',
  'order',
  'subscription',
  'subscription_attempt',
  'notice',
  'webhook_endpoint',
  'wallet_alert',
  'wallet_alert_settings',
  'wallet_auto_top_up',
  'refund',
  'invoice',
  'ticket',
  'saved_method',
] as const;
export const syncEntitySchema = z.enum(syncEntities);
export type SyncEntity = z.infer<typeof syncEntitySchema>;

export const changeSchema = z.object({
  /** Position in the caller's feed; strictly increasing, in commit order. */
  seq: z.int(),
  entity: syncEntitySchema,
  id: z.string(),
  op: z.enum(['create', 'update']),
  /** The entity as its own GET route returns it, after the change. */
  data: z.record(z.string(), z.unknown()),
});
export type Change = z.infer<typeof changeSchema>;

export const changesQuery = z.strictObject({
  cursor: z.coerce.number().int({ error: 'must be an integer cursor' }).min(0).default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  /**
   * `true`: within the page, a wallet's states that a later entry of the same page supersedes are
   * left out (each entry carries the wallet's whole state, so its newest one says it all). The
   * cursor is the same as without: `nextCursor` is the last position the page covered.
   */
  compact: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
});
export const changesResponse = z.object({
  changes: z.array(changeSchema),
  nextCursor: z.int(),
  hasMore: z.boolean(),
});
export type ChangesResponse = z.infer<typeof changesResponse>;

/**
 * A change whose data is checked against its own entity's schema in the same pass: what the desktop
 * applies to its cache. (changeSchema above only knows `data` is an object.)
 */
const envelope = { seq: z.int(), id: z.string(), op: z.enum(['create', 'update']) };
export const entityChangeSchema = z.discriminatedUnion('entity', [
  z.object({ ...envelope, entity: z.literal('customer'), data: customerSchema }),
  z.object({ ...envelope, entity: z.literal('wallet'), data: walletSchema }),
  z.object({ ...envelope, entity: z.literal('transaction'), data: transactionSchema }),
  z.object({ ...envelope, entity: z.literal('hold'), data: holdSchema }),
  // The feed keeps entries written by older releases: they are read in today's shape.
  z.object({
    ...envelope,
    entity: z.literal('payment'),
    data: z.preprocess(withLegacyFeeTotals, paymentSchema),
  }),
  z.object({
    ...envelope,
    entity: z.literal('payment_review'),
    data: z.preprocess(withLegacyReviewFields, paymentReviewSchema),
  }),
  z.object({ ...envelope, entity: z.literal('product'), data: productSchema }),
  z.object({ ...envelope, entity: z.literal('order'), data: orderSchema }),
  z.object({ ...envelope, entity: z.literal('subscription'), data: subscriptionSchema }),
  z.object({ ...envelope, entity: z.literal('subscription_attempt'), data: subscriptionAttemptSchema }),
  z.object({ ...envelope, entity: z.literal('notice'), data: noticeSchema }),
  // Staff only: an endpoint changed (disabled after failures, say); the Webhooks screen reads the API.
  z.object({ ...envelope, entity: z.literal('webhook_endpoint'), data: webhookEndpointSchema }),
  z.object({ ...envelope, entity: z.literal('wallet_alert'), data: walletAlertSchema }),
  z.object({ ...envelope, entity: z.literal('wallet_alert_settings'), data: alertSettingsSchema }),
  z.object({ ...envelope, entity: z.literal('wallet_auto_top_up'), data: autoTopUpSchema }),
  z.object({ ...envelope, entity: z.literal('refund'), data: refundSchema }),
  z.object({ ...envelope, entity: z.literal('invoice'), data: invoiceSchema }),
  z.object({ ...envelope, entity: z.literal('ticket'), data: ticketSchema }),
  // A saved card made default or removed: the lists of saved methods are read from the API again.
  z.object({ ...envelope, entity: z.literal('saved_method'), data: savedMethodSchema }),
]);
export type EntityChange = z.infer<typeof entityChangeSchema>;
