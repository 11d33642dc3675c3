import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * Test mode made visible in the ledger: `ledger_entries.test` is 1 on a row that moved no real money
 * (a top-up paid through the sandbox test gateway), 0 otherwise. Rows written before it read 0:
 * the ledger is append-only, so they are not rewritten (a sandbox payment still says it is a test).
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('ledger_entries')
    .addColumn('test', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
