import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * Test-mode receipts. A receipt invoice for a sandbox top-up documents money that never moved, so it
 * must neither look like a real invoice nor take a number of the reseller's real (legal, gapless)
 * series: `invoices.test` is 1 on such an invoice, and `invoice_series.test_last_number` is the
 * reseller's own counter for them (`TEST-{YYYY}-000001`…), incremented under the same row lock as the
 * real one. Every invoice there before is a real one (0), and the test counter starts at 0.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('invoices')
    .addColumn('test', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('invoice_series')
    .addColumn('test_last_number', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
