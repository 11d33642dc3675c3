import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * The chain transactions seen paying a crypto payment: `payments.chain_txids`, a JSON array of
 * transaction hashes, filled in as the chain shows them (mempool included). A payer who quotes a
 * hash, and staff who search for one, find the payment by it. NULL: none seen, or not crypto.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('payments').addColumn('chain_txids', 'text').execute();
}
