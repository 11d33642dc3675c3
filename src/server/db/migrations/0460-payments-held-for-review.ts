import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * `payments.held_for_review`: a payment paid at its provider that its wallet refused (closed, or at
 * its balance limit) is held for the review that carries its money (payments/settle.ts). Settling
 * never credits a held payment, so the money reaches a wallet once: by staff applying that review.
 * The flag stays set afterwards: a later report of that payment is the same money. Every payment
 * before this was never held.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('payments')
    .addColumn('held_for_review', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
