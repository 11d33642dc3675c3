import { sql, type Kysely } from 'kysely';
import type { Store } from '../../db/database.js';
import type { Database } from '../../db/schema.js';

/**
 * Folding the change feed. Every entry carries its entity's whole state after the change (`data`,
 * as the entity's GET route answers), so an entity's newest entry alone brings a desktop from
 * nothing to that entity's current state. Below the horizon (the newest position written before the
 * compaction age), an entry that has a newer entry of the same entity is deleted; each entity's
 * newest entry is never deleted, so a sync from position 0 still gets every current entity and
 * every ledger row (ledger rows never change: each has exactly one entry). The feed has no delete
 * operation; one added later would be its entity's newest entry, and kept.
 *
 * A desktop whose cursor is at or past a reseller's `folded_through` (a customer's: that customer's
 * own, in `customer_feed_compactions`) saw every deleted entry already and notices nothing. One whose cursor is below it skipped states that are gone: the feed answers
 * it 410 cursor_expired and it rebuilds its cache from position 0 (see routes/sync.ts).
 */

/**
 * The feed positions a compaction walks: from the oldest numbered entry to the horizon, the newest
 * position written before `cutoff` (entries at or below it may be folded). `horizon` 0: nothing is
 * old enough.
 */
export async function compactionRange(
  db: Kysely<Database>,
  cutoff: string,
): Promise<{ oldest: number; horizon: number }> {
  const row = await db
    .selectFrom('changes')
    .select((eb) => [eb.fn.min('seq').as('oldest'), eb.fn.max('seq').as('horizon')])
    .where('seq', 'is not', null)
    .where('created_at', '<', cutoff)
    .executeTakeFirst();
  return { oldest: Number(row?.oldest ?? 0), horizon: Number(row?.horizon ?? 0) };
}

/**
 * Folds the superseded entries at positions in (after, through]; returns how many it deleted. The
 * caller walks the feed in windows of a thousand positions, so that each batch examines a
 * bounded number of rows (most are ledger rows, which are never superseded) and is one short write
 * transaction: its deletions and the resellers' `folded_through` are seen together or not at all.
 */
export async function foldFeedBatch(
  store: Store,
  range: { after: number; through: number; now: string },
): Promise<number> {
  return store.write(async (trx) => {
    const superseded = await trx
      .selectFrom('changes as c')
      .select(['c.id', 'c.reseller_id', 'c.customer_id', 'c.seq'])
      .where('c.seq', '>', range.after)
      .where('c.seq', '<=', range.through)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('changes as n')
            .select(sql.lit(1).as('one'))
            .whereRef('n.reseller_id', '=', 'c.reseller_id')
            .whereRef('n.entity', '=', 'c.entity')
            .whereRef('n.entity_id', '=', 'c.entity_id')
            .whereRef('n.seq', '>', 'c.seq'),
        ),
      )
      .execute();
    if (superseded.length === 0) return 0;
    await trx
      .deleteFrom('changes')
      .where(
        'id',
        'in',
        superseded.map((r) => r.id),
      )
      .execute();
    const newest = new Map<string, number>();
    const newestOfCustomer = new Map<string, { resellerId: string; customerId: string; seq: number }>();
    for (const row of superseded) {
      const seq = Number(row.seq);
      newest.set(row.reseller_id, Math.max(newest.get(row.reseller_id) ?? 0, seq));
      if (row.customer_id === null) continue;
      const key = `${row.reseller_id}/${row.customer_id}`;
      const known = newestOfCustomer.get(key);
      if (!known || known.seq < seq)
        newestOfCustomer.set(key, { resellerId: row.reseller_id, customerId: row.customer_id, seq });
    }
    const greater = (table: string) =>
      trx.dialect === 'postgres'
        ? sql<number>`greatest(${sql.ref(`${table}.folded_through`)}, excluded.folded_through)`
        : sql<number>`max(${sql.ref(`${table}.folded_through`)}, excluded.folded_through)`;
    await trx
      .insertInto('feed_compactions')
      .values(
        [...newest].map(([resellerId, seq]) => ({
          reseller_id: resellerId,
          folded_through: seq,
          compacted_at: range.now,
        })),
      )
      .onConflict((oc) =>
        oc
          .column('reseller_id')
          .doUpdateSet({ folded_through: greater('feed_compactions'), compacted_at: range.now }),
      )
      .execute();
    if (newestOfCustomer.size > 0) {
      await trx
        .insertInto('customer_feed_compactions')
        .values(
          [...newestOfCustomer.values()].map((c) => ({
            reseller_id: c.resellerId,
            customer_id: c.customerId,
            folded_through: c.seq,
            compacted_at: range.now,
          })),
        )
        .onConflict((oc) =>
          oc
            .columns(['reseller_id', 'customer_id'])
            .doUpdateSet({ folded_through: greater('customer_feed_compactions'), compacted_at: range.now }),
        )
        .execute();
    }
    return superseded.length;
  });
}

/**
 * The newest position folded away in the feed a caller follows (0: nothing was): the reseller's, or
 * for a customer its own entries' (a customer never sees, so never misses, another's entries).
 */
export async function foldedThrough(
  db: Kysely<Database>,
  feed: { resellerId: string; customerId?: string | undefined },
): Promise<number> {
  const row = feed.customerId
    ? await db
        .selectFrom('customer_feed_compactions')
        .select('folded_through')
        .where('reseller_id', '=', feed.resellerId)
        .where('customer_id', '=', feed.customerId)
        .executeTakeFirst()
    : await db
        .selectFrom('feed_compactions')
        .select('folded_through')
        .where('reseller_id', '=', feed.resellerId)
        .executeTakeFirst();
  return Number(row?.folded_through ?? 0);
}
