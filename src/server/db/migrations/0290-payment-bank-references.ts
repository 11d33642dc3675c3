import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * The bank transfers seen paying a VietQR payment: `payments.bank_references`, a JSON array of the
 * bank feed's line references (FT… on Web2m, the statement line id on Pay2s), or of a statement
 * line staff applied. Staff searching the cache for a bank reference find the payment by it.
 * NULL: none seen, or not a bank transfer.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('payments').addColumn('bank_references', 'text').execute();
}
