import { translatedLabels } from '../i18n';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../shared/api/webhooks';

/** What each event means, in the words of the Webhooks screen. */
export const EVENT_LABELS = translatedLabels<WebhookEventType>('webhooks', 'event', [
  'wallet.created',
  'wallet.topped_up',
  'wallet.balance_low',
  'wallet.balance_recovered',
  'wallet.payment_made',
  'wallet.auto_top_up_failed',
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
]);

export const EVENT_TYPES: readonly WebhookEventType[] = WEBHOOK_EVENT_TYPES;
