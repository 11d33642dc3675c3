import { newId } from '../../shared/ids.js';
import type { WebhookEventType } from '../../shared/api/webhook-events.js';
import type { Trx } from '../db/database.js';

/** Standard Webhooks message ids: `msg_` + a time-ordered suffix (the `webhook-id` header). */
export function newEventId(): string {
  return `msg${newId('transaction').slice('txn'.length)}`;
}

export function newDeliveryId(): string {
  return `whd${newId('transaction').slice('txn'.length)}`;
}

/**
 * Records that `type` happened for this reseller, and queues one delivery per enabled endpoint
 * subscribed to it — in the caller's transaction (the outbox pattern): the event leaves only if the
 * change that caused it commits, and a crash after the commit loses nothing, since the delivery job
 * finds the pending rows. `data` is the event's payload as receivers get it (wire shapes, minor units).
 */
export async function emitEvent(
  trx: Trx,
  resellerId: string,
  type: WebhookEventType,
  data: Record<string, unknown>,
  now: string,
): Promise<void> {
  const eventId = newEventId();
  await trx
    .insertInto('webhook_events')
    .values({ id: eventId, reseller_id: resellerId, type, data: JSON.stringify(data), created_at: now })
    .execute();
  const endpoints = await trx
    .selectFrom('webhook_endpoints')
    .select(['id', 'events'])
    .where('reseller_id', '=', resellerId)
    .where('status', '=', 'enabled')
    .where('deleted_at', 'is', null)
    .execute();
  const subscribed = endpoints.filter((e) => (JSON.parse(e.events) as string[]).includes(type));
  if (subscribed.length === 0) return;
  await trx
    .insertInto('webhook_deliveries')
    .values(
      subscribed.map((e) => ({
        id: newDeliveryId(),
        reseller_id: resellerId,
        endpoint_id: e.id,
        event_id: eventId,
        event_type: type,
        status: 'pending' as const,
        next_attempt_at: now,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}
