import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * `ledger_entries.wording`: what a row the server writes itself says (an order, a refund, a top-up…),
 * as JSON of its kind and figures (shared/api/ledger-wording.ts), so that a console words it in its
 * own language; `description` keeps the English. Rows written before, and rows a person described,
 * have none: a console shows their description.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('ledger_entries').addColumn('wording', 'text').execute();
}
