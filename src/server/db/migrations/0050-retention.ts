import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * Retention: what the pruning job reads by (idempotency answers by age, processed gateway events by
 * when they were processed, feed entries by entity), where each reseller's feed says how far it was
 * folded (a cursor below that must sync again from the start), and the lease that lets one pruner
 * at a time work, across API processes.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const int64 = dialect === 'postgres' ? 'bigint' : 'integer';
  const strict = dialect === 'sqlite' ? sql`strict` : sql``;

  await db.schema
    .createIndex('idempotency_keys_created')
    .on('idempotency_keys')
    .column('created_at')
    .execute();
  await db.schema
    .createIndex('gateway_events_processed')
    .on('gateway_events')
    .column('processed_at')
    .where(sql.ref('processed_at'), 'is not', null)
    .execute();
  // Finds an entry's newer entries of the same entity, and each entity's entries in feed order.
  await db.schema
    .createIndex('changes_entity_seq')
    .on('changes')
    .columns(['reseller_id', 'entity', 'entity_id', 'seq'])
    .execute();

  await db.schema
    .createTable('feed_compactions')
    .addColumn('reseller_id', 'text', (c) => c.primaryKey())
    /** The newest feed position whose entry was folded away: a cursor below it missed entries. */
    .addColumn('folded_through', int64, (c) => c.notNull())
    .addColumn('compacted_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();

  await db.schema
    .createTable('job_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text')
    .addColumn('lease_until', 'text')
    .modifyEnd(strict)
    .execute();
}
