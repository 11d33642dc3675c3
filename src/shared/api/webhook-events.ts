import { z } from 'zod';

/**
 * The events a reseller's webhook endpoints can subscribe to (Standard Webhooks `type`, named
 * `resource.action`). Invoice, order and subscription events join this list as those land.
 */
export const WEBHOOK_EVENT_TYPES = [
  'wallet.created',
  'wallet.topped_up',
  'wallet.balance_low',
  'wallet.balance_recovered',
  'wallet.payment_made',
  'wallet.auto_top_up_failed',
  'payment.succeeded',
  'payment.failed',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES, {
  error: (issue) =>
    `unknown event type ${JSON.stringify(issue.input)}: expected one of ${WEBHOOK_EVENT_TYPES.join(', ')}`,
});
