import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * A failed auto top-up's alert carries its particulars as data (JSON: the amount, whether "up to",
 * the charge's error, the next try or that it was switched off), so the console words it in its
 * language with dates for its locale; `message` stays the English. Earlier alerts have none: null.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('wallet_alerts').addColumn('auto_top_up', 'text').execute();
}
