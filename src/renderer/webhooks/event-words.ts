import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../shared/api/webhooks';

/** What each event means, in the words of the Webhooks screen. */
export const EVENT_LABELS: Record<WebhookEventType, string> = {
  'wallet.created': 'A wallet was created',
  'wallet.topped_up': 'Funds were added to a wallet',
  'wallet.balance_low': 'A balance fell below its threshold',
  'wallet.balance_recovered': 'A low balance recovered',
  'wallet.payment_made': 'A payment was taken from a wallet',
  'wallet.auto_top_up_failed': 'An auto top-up failed',
  'payment.succeeded': 'A top-up payment succeeded',
  'payment.failed': 'A top-up payment failed',
  'invoice.finalized': 'An invoice was numbered and issued',
  'invoice.paid': 'An invoice was paid in full',
  'invoice.voided': 'An invoice was voided',
  'order.created': 'An order was placed and paid from a wallet',
  'order.completed': 'An order was fully provisioned',
  'order.partially_fulfilled': 'An order was partly provisioned',
  'order.failed': 'An order could not be provisioned',
  'order.refunded': 'An order was refunded to its wallet',
  'subscription.created': 'A subscription started',
  'subscription.renewed': 'A subscription renewed for another period',
  'subscription.past_due': 'A subscription renewal could not be paid',
  'subscription.expired': 'A subscription ended unpaid',
  'subscription.cancelled': 'A subscription was cancelled',
};

export const EVENT_TYPES: readonly WebhookEventType[] = WEBHOOK_EVENT_TYPES;
