import { newId } from '../../shared/ids.js';
import type { WebhookEventType } from '../../shared/api/webhook-events.js';
import type { Trx } from '../db/database.js';

/**
 * Counts deliveries queued in this process: the app compares it after each commit and, when it
 * moved, wakes the delivery job at once instead of waiting for its interval.
 */
let queued = 0;
export const deliveriesQueued = (): number => queued;

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
  await emitEvents(trx, resellerId, type, [data], now);
}

/** emitEvent for many events of one type at once (a batch of debits): one INSERT per table. */
export async function emitEvents(
  trx: Trx,
  resellerId: string,
  type: WebhookEventType,
  datas: ReadonlyArray<Record<string, unknown>>,
  now: string,
): Promise<void> {
  if (datas.length === 0) return;
  const events = datas.map((data) => ({
    id: newEventId(),
    reseller_id: resellerId,
    type,
    data: JSON.stringify(data),
    created_at: now,
  }));
  for (const rows of chunks(events)) await trx.insertInto('webhook_events').values(rows).execute();
  const endpoints = await trx
    .selectFrom('webhook_endpoints')
    .select(['id', 'events'])
    .where('reseller_id', '=', resellerId)
    .where('status', '=', 'enabled')
    .where('deleted_at', 'is', null)
    .execute();
  const subscribed = endpoints.filter((e) => (JSON.parse(e.events) as string[]).includes(type));
  if (subscribed.length === 0) return;
  const deliveries = events.flatMap((event) =>
    subscribed.map((e) => ({
      id: newDeliveryId(),
      reseller_id: resellerId,
      endpoint_id: e.id,
      event_id: event.id,
      event_type: type,
      status: 'pending' as const,
      next_attempt_at: now,
      created_at: now,
      updated_at: now,
    })),
  );
  for (const rows of chunks(deliveries)) await trx.insertInto('webhook_deliveries').values(rows).execute();
  queued += deliveries.length;
}

/** Rows per multi-row INSERT: well under SQLite's and PostgreSQL's bound on parameters. */
const ROWS_PER_INSERT = 500;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) out.push(rows.slice(i, i + ROWS_PER_INSERT));
  return out;
}

/**
 * Whether any enabled endpoint of the reseller listens to `type`: a fast path that writes no event
 * (PostgreSQL's one-statement debit) is taken only when none does.
 */
export async function hasSubscribers(
  db: Pick<Trx, 'selectFrom'>,
  resellerId: string,
  type: WebhookEventType,
): Promise<boolean> {
  const endpoints = await db
    .selectFrom('webhook_endpoints')
    .select('events')
    .where('reseller_id', '=', resellerId)
    .where('status', '=', 'enabled')
    .where('deleted_at', 'is', null)
    .execute();
  return endpoints.some((e) => (JSON.parse(e.events) as string[]).includes(type));
}
