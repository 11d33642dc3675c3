import { translatedLabels } from '../i18n';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../shared/api/webhooks';

/**
 * What each event means, in the words of the Webhooks screen: one word per event the API offers,
 * so an event added to the API is worded (the i18n key test fails until it is) rather than missed.
 */
export const EVENT_LABELS = translatedLabels<WebhookEventType>('webhooks', 'event', WEBHOOK_EVENT_TYPES);

export const EVENT_TYPES: readonly WebhookEventType[] = WEBHOOK_EVENT_TYPES;
