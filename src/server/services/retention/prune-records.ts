import type { Store } from '../../db/database.js';

/**
 * Deletes up to `limit` idempotency answers stored before `cutoff`; returns how many. A retry under
 * one of these keys is then a new request: the window (RetentionPolicy) is what clients rely on.
 */
export async function pruneIdempotencyKeys(store: Store, cutoff: string, limit: number): Promise<number> {
  const deleted = await store.write((trx) =>
    trx
      .deleteFrom('idempotency_keys')
      .where((eb) =>
        eb(
          eb.refTuple('reseller_id', 'key'),
          'in',
          trx
            .selectFrom('idempotency_keys')
            .select(['reseller_id', 'key'])
            .where('created_at', '<', cutoff)
            .limit(limit)
            .$asTuple('reseller_id', 'key'),
        ),
      )
      .executeTakeFirst(),
  );
  return Number(deleted.numDeletedRows);
}

/**
 * Deletes up to `limit` gateway events processed before `cutoff`; returns how many. An event not yet
 * processed is never deleted, whatever its age. A provider delivering a deleted event again has it
 * stored and processed anew, and the payment it names is already final: it credits nothing twice
 * (the payment's status guards the credit, see payments/settle.ts).
 */
export async function pruneGatewayEvents(store: Store, cutoff: string, limit: number): Promise<number> {
  const deleted = await store.write((trx) =>
    trx
      .deleteFrom('gateway_events')
      .where(
        'id',
        'in',
        trx
          .selectFrom('gateway_events')
          .select('id')
          .where('processed_at', 'is not', null)
          .where('processed_at', '<', cutoff)
          .limit(limit),
      )
      .executeTakeFirst(),
  );
  return Number(deleted.numDeletedRows);
}
