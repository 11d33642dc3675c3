import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * Invoices: a customer's itemised bill, numbered from its reseller's own series once finalized, paid
 * from the wallet in its currency (a `payment` ledger row whose reference is the number) or through a
 * gateway payment that settles into that wallet first (`payments.invoice_id`).
 *
 * - `invoice_series` holds one counter row per reseller. Finalizing increments it in the finalizing
 *   transaction, under the row's lock (PostgreSQL) or the single writer (SQLite): two finalizes never
 *   get one number, and a finalize that rolls back gives its number back, so the series has no gaps.
 * - Lines and the money applied to an invoice (`applications`) are JSON: they are always read with
 *   their invoice, travel the change feed as part of it, and lines never change once finalized. The
 *   ledger rows they name stay the truth for money.
 * - `invoice_customer_settings`: whether finalizing pays at once (auto-pay), per customer.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const int64 = dialect === 'postgres' ? 'bigint' : 'integer';
  const strict = dialect === 'sqlite' ? sql`strict` : sql``;

  await db.schema
    .createTable('invoice_series')
    .addColumn('reseller_id', 'text', (c) => c.primaryKey().references('resellers.id'))
    /** `{YYYY}` is replaced by the year of issue: `INV-{YYYY}-` gives INV-2026-000042. */
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('last_number', int64, (c) => c.notNull().check(sql`last_number >= 0`))
    /** Printed on invoices that are paid by bank transfer ("Invoice" as a top-up method). */
    .addColumn('bank_details', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();

  await db.schema
    .createTable('invoice_customer_settings')
    .addColumn('customer_id', 'text', (c) => c.primaryKey().references('customers.id'))
    .addColumn('reseller_id', 'text', (c) => c.notNull())
    .addColumn('auto_pay', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();

  await db.schema
    .createTable('invoices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reseller_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('number', 'text')
    .addColumn('sequence', int64)
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('draft', 'open', 'partially_paid', 'paid', 'void')`),
    )
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('lines', 'text', (c) => c.notNull())
    .addColumn('subtotal', int64, (c) => c.notNull())
    .addColumn('tax', int64, (c) => c.notNull())
    .addColumn('total', int64, (c) => c.notNull())
    .addColumn('amount_paid', int64, (c) => c.notNull())
    .addColumn('amount_refunded', int64, (c) => c.notNull())
    .addColumn('amount_due', int64, (c) => c.notNull().check(sql`amount_due >= 0`))
    .addColumn('memo', 'text')
    .addColumn('due_date', 'text')
    .addColumn('auto_pay', 'integer')
    .addColumn('method_last_used', 'text')
    .addColumn('applications', 'text', (c) => c.notNull())
    .addColumn('pending_payment_id', 'text')
    /** "Invoice" as a top-up method: the wallet a bank transfer for this invoice credits. */
    .addColumn('top_up_wallet_id', 'text')
    .addColumn('issued_at', 'text')
    .addColumn('paid_at', 'text')
    .addColumn('voided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('invoices_number', ['reseller_id', 'number'])
    .modifyEnd(strict)
    .execute();
  await db.schema
    .createIndex('invoices_customer')
    .on('invoices')
    .columns(['reseller_id', 'customer_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('invoices_reseller')
    .on('invoices')
    .columns(['reseller_id', 'created_at'])
    .execute();

  /** The invoice a gateway payment pays: settling it applies the money to the invoice. */
  await db.schema.alterTable('payments').addColumn('invoice_id', 'text').execute();
}
