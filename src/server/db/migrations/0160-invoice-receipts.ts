import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * Receipt invoices: a customer may ask for an invoice for a paid top-up, issued `paid` with its own
 * number. `receipt_payment_id` names that payment; the unique index makes it one invoice per payment
 * whatever the concurrency (NULLs, every other invoice, are distinct in both databases).
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('invoices').addColumn('receipt_payment_id', 'text').execute();
  await db.schema
    .createIndex('invoices_receipt_payment')
    .on('invoices')
    .columns(['reseller_id', 'receipt_payment_id'])
    .unique()
    .execute();
}
