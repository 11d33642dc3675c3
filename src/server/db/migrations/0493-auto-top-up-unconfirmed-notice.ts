import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * When the reseller was told that an auto top-up's charge has waited an hour on a provider that
 * could not be asked about it (services/auto-top-up/unconfirmed-notice.ts): told once per waiting
 * charge, cleared with the rest of the record once the charge settles. Null for every auto top-up
 * before this: none was told.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('wallet_auto_top_ups').addColumn('unconfirmed_noticed_at', 'text').execute();
}
