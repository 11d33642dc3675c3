import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * The review list's pages, filtered or not, read in index order.
 *
 * `GET /v1/payment-reviews` pages a reseller's reviews newest first by (created_at, id), and Needs
 * review asks for one status. The first index, (reseller_id, created_at), had neither the status
 * nor the id: a status page read every review of the reseller back to the last one it showed to
 * keep the open ones, and ties on created_at were sorted. These two hold the whole order.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createIndex('payment_reviews_reseller_status_created')
    .on('payment_reviews')
    .columns(['reseller_id', 'status', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('payment_reviews_reseller_created')
    .on('payment_reviews')
    .columns(['reseller_id', 'created_at', 'id'])
    .execute();
  await db.schema.dropIndex('payment_reviews_reseller').execute();
}
