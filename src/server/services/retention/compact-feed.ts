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
 * A desktop whose cursor is at or past a reseller's `folded_through` saw every deleted entry already
 * and notices nothing. One whose cursor is below it skipped states that are gone: the feed answers
 * it 410 cursor_expired and it rebuilds its cache from position 0 (see routes/sync.ts).
 */

/** Newest feed position written before `cutoff`: entries at or below it may be folded. */
export async function compactionHorizon(db: Kysely<Database>, cutoff: string): Promise<number> {
  const row = await db
    .selectFrom('changes')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('seq', 'is not', null)
    .where('created_at', '<', cutoff)
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/**
 * Folds up to `limit` superseded entries at positions in (after, horizon]; returns how many it
 * deleted and the position to go on after (null when it reached the horizon). Each batch is one
 * transaction: its deletions and the resellers' `folded_through` are seen together or not at all.
 */
export async function foldFeedBatch(
  store: Store,
  range: { after: number; horizon: number; now: string },
  limit: number,
): Promise<{ deleted: number; next: number | null }> {
  return store.write(async (trx) => {
    const superseded = await trx
      .selectFrom('changes as c')
      .select(['c.id', 'c.reseller_id', 'c.seq'])
      .where('c.seq', '>', range.after)
      .where('c.seq', '<=', range.horizon)
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
      .orderBy('c.seq')
      .limit(limit)
      .execute();
    if (superseded.length === 0) return { deleted: 0, next: null };
    await trx
      .deleteFrom('changes')
      .where(
        'id',
        'in',
        superseded.map((r) => r.id),
      )
      .execute();
    const newest = new Map<string, number>();
    for (const row of superseded) {
      newest.set(row.reseller_id, Math.max(newest.get(row.reseller_id) ?? 0, Number(row.seq)));
    }
    const greater =
      trx.dialect === 'postgres'
        ? sql<number>`greatest(feed_compactions.folded_through, excluded.folded_through)`
        : sql<number>`max(feed_compactions.folded_through, excluded.folded_through)`;
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
        oc.column('reseller_id').doUpdateSet({ folded_through: greater, compacted_at: range.now }),
      )
      .execute();
    const last = Number(superseded[superseded.length - 1]!.seq);
    return { deleted: superseded.length, next: superseded.length < limit ? null : last };
  });
}

/** The newest position folded away in a reseller's feed (0: nothing was). */
export async function foldedThrough(db: Kysely<Database>, resellerId: string): Promise<number> {
  const row = await db
    .selectFrom('feed_compactions')
    .select('folded_through')
    .where('reseller_id', '=', resellerId)
    .executeTakeFirst();
  return Number(row?.folded_through ?? 0);
}
