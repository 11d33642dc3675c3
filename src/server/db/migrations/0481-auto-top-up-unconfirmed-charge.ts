import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * An auto top-up whose expired, unanswered charge its provider could not be asked about (the
 * provider unreachable): which provider, the error code of the last failed lookup, how many lookups
 * failed, since when, and when the job asks again (services/auto-top-up/charge.ts chargeUnconfirmed).
 * All null while no lookup failed, as for every auto top-up before this.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('wallet_auto_top_ups').addColumn('unconfirmed_asks', 'integer').execute();
  for (const column of [
    'unconfirmed_provider',
    'unconfirmed_code',
    'unconfirmed_since',
    'unconfirmed_retry_at',
  ]) {
    await db.schema.alterTable('wallet_auto_top_ups').addColumn(column, 'text').execute();
  }
}
