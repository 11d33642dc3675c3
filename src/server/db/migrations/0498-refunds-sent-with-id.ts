import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * Whether every ask of a refund carried our refund id to its provider (`sent_with_id`), and whether
 * it is held for staff (`held_for_review`): payments/refunds.ts.
 *
 * PayPal keeps a PayPal-Request-Id only hours (6 by default): past that, a refund whose answer was
 * lost can be made again only safely if it can be looked up at PayPal first, by our refund id (its
 * invoice_id, sent since 7c0817f9). Nothing recorded whether a refund from before this migration was
 * asked with it, so none is trusted to have been: every earlier refund reads 0, and one still
 * unanswered past PayPal's window is held for staff rather than asked again. Refunds started from
 * now on record 1 (services/payment-refunds/start.ts). Not held: 0 for every earlier refund.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('refunds')
    .addColumn('sent_with_id', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('refunds')
    .addColumn('held_for_review', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
