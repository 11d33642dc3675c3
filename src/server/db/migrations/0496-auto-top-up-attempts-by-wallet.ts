import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * A wallet's auto top-up charges, newest first (GET /v1/wallets/:id/auto-top-up/attempts, which the
 * console's auto top-up panel asks whenever the auto top-up changes): read along an index rather
 * than by scanning every wallet's charges, which grow by one per charge for as long as the reseller
 * is a customer. Ordered as the route reads them (created_at, then id), so no sort either.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createIndex('auto_top_up_attempts_by_wallet')
    .on('auto_top_up_attempts')
    .columns(['wallet_id', 'created_at', 'id'])
    .execute();
}
