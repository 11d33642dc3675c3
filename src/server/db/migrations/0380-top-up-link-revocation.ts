import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * A reseller admin may revoke a top-up link (status `revoked`): `revoked_at` says when, first time
 * only. Null for every link there before: none was revoked. `status` is plain text, so the new value
 * needs no other change.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('top_up_links').addColumn('revoked_at', 'text').execute();
}
