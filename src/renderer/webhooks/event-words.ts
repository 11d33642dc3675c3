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
};

export const EVENT_TYPES: readonly WebhookEventType[] = WEBHOOK_EVENT_TYPES;
