import { z } from 'zod';

/**
 * The events a reseller's webhook endpoints can subscribe to (Standard Webhooks `type`, named
 * `resource.action`, the action in the past tense; a status's own spelling where it names one,
 * e.g. `subscription.cancelled`, `order.partially_fulfilled` for the `partial` status).
 */
export const WEBHOOK_EVENT_TYPES = [
  'wallet.created',
  'wallet.topped_up',
  'wallet.balance_low',
  'wallet.balance_recovered',
  'wallet.payment_made',
  'wallet.auto_top_up_failed',
  'wallet.auto_top_up_unconfirmed',
  'payment.succeeded',
  'payment.failed',
  'invoice.finalized',
  'invoice.paid',
  'invoice.voided',
  'order.created',
  'order.completed',
  'order.partially_fulfilled',
  'order.failed',
  'order.refunded',
  'subscription.created',
  'subscription.renewed',
  'subscription.past_due',
  'subscription.expired',
  'subscription.cancelled',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES, {
  error: (issue) =>
    `unknown event type ${JSON.stringify(issue.input)}: expected one of ${WEBHOOK_EVENT_TYPES.join(', ')}`,
});
