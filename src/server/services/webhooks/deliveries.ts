import type { Selectable } from 'kysely';
import {
  WEBHOOK_TEST_EVENT,
  type WebhookDelivery,
  type WebhookDeliveryListQuery,
} from '../../../shared/api/webhooks.js';
import type { Trx } from '../../db/database.js';
import type { WebhookDeliveryTable } from '../../db/schema.js';
import { newDeliveryId, newEventId } from '../../events/emit.js';
import { toWebhookDelivery } from '../../wire/webhook.js';
import { findWebhookDelivery, findWebhookEndpoint, type Reader } from '../lookups.js';
import { decodeCursor, encodeCursor } from '../paging.js';
import { attempt, ok, refuse, type Result } from '../result.js';
import { requireWrite, type Scope } from '../scope.js';

/** Deliveries with their events and attempts, as the API shows them. */
async function withDetails(
  db: Reader,
  rows: Array<Selectable<WebhookDeliveryTable>>,
): Promise<WebhookDelivery[]> {
  if (rows.length === 0) return [];
  const events = await db
    .selectFrom('webhook_events')
    .selectAll()
    .where(
      'id',
      'in',
      rows.map((r) => r.event_id),
    )
    .execute();
  const attempts = await db
    .selectFrom('webhook_attempts')
    .selectAll()
    .where(
      'delivery_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('attempted_at')
    .orderBy('id')
    .execute();
  const eventOf = new Map(events.map((e) => [e.id, e]));
  return rows.map((r) => {
    const event = eventOf.get(r.event_id);
    if (!event) throw new Error(`delivery ${r.id}: its event ${r.event_id} is missing`);
    return toWebhookDelivery(
      r,
      event,
      attempts.filter((a) => a.delivery_id === r.id),
    );
  });
}

/** An endpoint's deliveries, newest first (by seq), filtered by status and event type. */
export async function listWebhookDeliveries(
  db: Reader,
  scope: Scope,
  endpointId: string,
  query: WebhookDeliveryListQuery,
): Promise<Result<{ items: WebhookDelivery[]; nextCursor: string | null }, 'not_found' | 'validation'>> {
  const found = await attempt(['not_found'], () => findWebhookEndpoint(db, scope, endpointId));
  if (!found.ok) return found;
  let q = db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('reseller_id', '=', scope.resellerId)
    .where('endpoint_id', '=', endpointId);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.eventType) q = q.where('event_type', '=', query.eventType);
  if (query.cursor) {
    const [seq] = await attempt(['validation'], async () =>
      decodeCursor(query.cursor as string, ['number']),
    ).then((r) => (r.ok ? r.value : [null]));
    if (seq === null || seq === undefined)
      return refuse('validation', 'query: cursor: is not a cursor this API returned', 'cursor');
    q = q.where('seq', '<', Number(seq));
  }
  const rows = await q
    .orderBy('seq', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return ok({
    items: await withDetails(db, page),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.seq]) : null,
  });
}

export async function getWebhookDelivery(
  db: Reader,
  scope: Scope,
  id: string,
): Promise<Result<WebhookDelivery, 'not_found'>> {
  const found = await attempt(['not_found'], () => findWebhookDelivery(db, scope, id));
  if (!found.ok) return found;
  const [delivery] = await withDetails(db, [found.value]);
  return ok(delivery as WebhookDelivery);
}

async function insertDelivery(
  trx: Trx,
  scope: Scope,
  endpointId: string,
  event: { id: string; type: string },
  now: string,
): Promise<WebhookDelivery> {
  const id = newDeliveryId();
  await trx
    .insertInto('webhook_deliveries')
    .values({
      id,
      reseller_id: scope.resellerId,
      endpoint_id: endpointId,
      event_id: event.id,
      event_type: event.type,
      status: 'pending',
      next_attempt_at: now,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const row = await trx
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const [delivery] = await withDetails(trx, [row]);
  return delivery as WebhookDelivery;
}

function refuseDisabled(status: string) {
  return status === 'enabled'
    ? null
    : refuse('conflict', 'the endpoint is disabled: enable it first (PATCH with enabled: true)');
}

/**
 * Sends an event again to the endpoint it went to: a new delivery of the same event (same
 * `webhook-id`, so a receiver that de-duplicates sees a repeat), queued behind the endpoint's others.
 */
export async function redeliverWebhook(
  trx: Trx,
  scope: Scope,
  input: { id: string },
  now: string,
): Promise<Result<WebhookDelivery, 'not_found' | 'conflict' | 'forbidden'>> {
  requireWrite(scope);
  const found = await attempt(['not_found'], () => findWebhookDelivery(trx, scope, input.id));
  if (!found.ok) return found;
  const endpoint = await findWebhookEndpoint(trx, scope, found.value.endpoint_id).catch(() => null);
  if (!endpoint) return refuse('not_found', 'webhook delivery not found: its endpoint was deleted', 'id');
  const disabled = refuseDisabled(endpoint.status);
  if (disabled) return disabled;
  return ok(
    await insertDelivery(
      trx,
      scope,
      endpoint.id,
      { id: found.value.event_id, type: found.value.event_type },
      now,
    ),
  );
}

/** Queues a `webhook.test` event to this endpoint only, whatever it subscribes to. */
export async function sendTestWebhook(
  trx: Trx,
  scope: Scope,
  input: { id: string },
  now: string,
): Promise<Result<WebhookDelivery, 'not_found' | 'conflict' | 'forbidden'>> {
  requireWrite(scope);
  const found = await attempt(['not_found'], () => findWebhookEndpoint(trx, scope, input.id));
  if (!found.ok) return found;
  const disabled = refuseDisabled(found.value.status);
  if (disabled) return disabled;
  const eventId = newEventId();
  await trx
    .insertInto('webhook_events')
    .values({
      id: eventId,
      reseller_id: scope.resellerId,
      type: WEBHOOK_TEST_EVENT,
      data: JSON.stringify({ endpointId: input.id, message: 'A test event sent from the console.' }),
      created_at: now,
    })
    .execute();
  return ok(await insertDelivery(trx, scope, input.id, { id: eventId, type: WEBHOOK_TEST_EVENT }, now));
}
