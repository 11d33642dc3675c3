import type { Selectable } from 'kysely';
import type {
  WebhookAttempt,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEventType,
} from '../../shared/api/webhooks.js';
import type {
  WebhookAttemptTable,
  WebhookDeliveryTable,
  WebhookEndpointTable,
  WebhookEventTable,
} from '../db/schema.js';
import type { ChangeInput } from '../sync/record.js';

/** An endpoint as the API shows it: the sealed secret never leaves this mapper. */
export function toWebhookEndpoint(row: Selectable<WebhookEndpointTable>): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: JSON.parse(row.events) as WebhookEventType[],
    status: row.status,
    disabledReason: row.disabled_reason,
    failureStreak: row.failure_streak,
    lastSuccessAt: row.last_success_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** An endpoint in the change feed: staff only (no customer id), so a disabled endpoint is noticed. */
export const webhookEndpointChange = (
  row: Selectable<WebhookEndpointTable>,
  op: 'create' | 'update',
): ChangeInput => ({
  resellerId: row.reseller_id,
  customerId: null,
  entity: 'webhook_endpoint',
  id: row.id,
  op,
  data: toWebhookEndpoint(row),
});

export function toWebhookAttempt(row: Selectable<WebhookAttemptTable>): WebhookAttempt {
  return {
    id: row.id,
    attemptedAt: row.attempted_at,
    ok: row.ok === 1,
    status: row.status,
    durationMs: row.duration_ms,
    responseExcerpt: row.response_excerpt,
    error: row.error,
  };
}

export function toWebhookDelivery(
  row: Selectable<WebhookDeliveryTable>,
  event: Selectable<WebhookEventTable>,
  attempts: Array<Selectable<WebhookAttemptTable>>,
): WebhookDelivery {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attemptCount: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    lastStatus: row.last_status,
    lastError: row.last_error,
    deliveredAt: row.delivered_at,
    createdAt: row.created_at,
    payload: {
      type: event.type,
      timestamp: event.created_at,
      data: JSON.parse(event.data) as Record<string, unknown>,
    },
    attempts: attempts.map(toWebhookAttempt),
  };
}
