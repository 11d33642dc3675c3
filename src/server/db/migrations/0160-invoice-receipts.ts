import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * "Invoice" as a top-up method becomes the reseller's choice: `invoice_series.offer_top_up` (off
 * until its admin turns it on, with the bank details the invoices print).
 *
 * Receipt invoices: a customer may ask for an invoice for a paid top-up, issued `paid` with its own
 * number. `receipt_payment_id` names that payment; the unique index makes it one invoice per payment
 * whatever the concurrency (NULLs, every other invoice, are distinct in both databases).
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('invoice_series')
    .addColumn('offer_top_up', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('invoices').addColumn('receipt_payment_id', 'text').execute();
  await db.schema
    .createIndex('invoices_receipt_payment')
    .on('invoices')
    .columns(['reseller_id', 'receipt_payment_id'])
    .unique()
    .execute();
}
