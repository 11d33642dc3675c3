import type { Store } from '../../db/database.js';

/**
 * Deletes up to `limit` webhook deliveries delivered before `cutoff`, with their logged attempts;
 * returns how many deliveries. A pending or failed delivery is never deleted, whatever its age: it
 * is still to be sent, or an admin may redeliver it.
 */
export async function pruneDeliveredWebhooks(store: Store, cutoff: string, limit: number): Promise<number> {
  return store.write(async (trx) => {
    const ids = (
      await trx
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('status', '=', 'delivered')
        .where('delivered_at', '<', cutoff)
        .orderBy('seq')
        .limit(limit)
        .execute()
    ).map((d) => d.id);
    if (ids.length === 0) return 0;
    // Checked again as it is deleted: whatever happened since the select, only a delivered row goes.
    const deleted = (
      await trx
        .deleteFrom('webhook_deliveries')
        .where('id', 'in', ids)
        .where('status', '=', 'delivered')
        .returning('id')
        .execute()
    ).map((d) => d.id);
    if (deleted.length > 0)
      await trx.deleteFrom('webhook_attempts').where('delivery_id', 'in', deleted).execute();
    return deleted.length;
  });
}

/**
 * Deletes up to `limit` webhook events raised before `cutoff` that no delivery names any more (all
 * delivered and pruned, or no endpoint listened); returns how many. An event a pending or failed
 * delivery names stays with it.
 */
export async function pruneSettledWebhookEvents(
  store: Store,
  cutoff: string,
  limit: number,
): Promise<number> {
  const deleted = await store.write((trx) =>
    trx
      .deleteFrom('webhook_events')
      .where(
        'id',
        'in',
        trx
          .selectFrom('webhook_events as e')
          .select('e.id')
          .where('e.created_at', '<', cutoff)
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('webhook_deliveries as d').select('d.id').whereRef('d.event_id', '=', 'e.id'),
              ),
            ),
          )
          .limit(limit),
      )
      .executeTakeFirst(),
  );
  return Number(deleted.numDeletedRows);
}

/** Deletes up to `limit` emails sent before `cutoff`; queued and failed ones stay. Returns how many. */
export async function pruneSentEmails(store: Store, cutoff: string, limit: number): Promise<number> {
  const deleted = await store.write((trx) =>
    trx
      .deleteFrom('emails')
      .where(
        'id',
        'in',
        trx
          .selectFrom('emails')
          .select('id')
          .where('status', '=', 'sent')
          .where('sent_at', '<', cutoff)
          .limit(limit),
      )
      .executeTakeFirst(),
  );
  return Number(deleted.numDeletedRows);
}
