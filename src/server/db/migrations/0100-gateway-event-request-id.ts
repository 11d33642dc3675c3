import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * The request id (X-Request-Id) of the webhook delivery that stored a gateway event, so that the job
 * processing it later, in this process or another, logs the same id. Null for events a feed poll
 * stored and for those stored before this migration.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('gateway_events').addColumn('request_id', 'text').execute();
}
