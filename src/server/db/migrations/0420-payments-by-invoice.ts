import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * An invoice's checkouts, found by the invoice: paying an invoice looks for one of its checkouts
 * that is processing, and for the open ones it keeps to one (services/invoices/pay.ts), with the
 * invoice locked. Without it each lookup read every payment of the reseller while the lock was held.
 * Most payments are top-ups with no invoice: they stay out of the index.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createIndex('payments_invoice')
    .on('payments')
    .columns(['invoice_id', 'status'])
    .where(sql.ref('invoice_id'), 'is not', null)
    .execute();
}
