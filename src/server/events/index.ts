/** Outgoing webhooks: what other modules call. Delivery lives beside it (delivery.ts). */
export { emitEvent } from './emit.js';
export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../shared/api/webhook-events.js';
