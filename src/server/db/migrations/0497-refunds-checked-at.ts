import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * When a refund its provider accepted but has not settled was last re-read (payments/refunds.ts
 * retryPendingRefunds): stored, so every API process waits the same quarter of an hour between
 * re-reads instead of each keeping its own in memory and all of them asking the provider. Null for
 * every refund until it is first re-read, as for all refunds before this.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('refunds').addColumn('checked_at', 'text').execute();
}
