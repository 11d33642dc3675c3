import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * Why a card was declined, as its provider coded it: `payments.decline_code` (Stripe's decline
 * codes: insufficient_funds, expired_card, …; gateways/stripe/snapshot.ts), beside `failure_code`
 * `declined`, so a console words the issuer's reason in its reader's language. Payments declined
 * before kept only "The payment was declined." (the code was not stored): they have none, and read
 * with the generic sentence as before.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('payments').addColumn('decline_code', 'text').execute();
}
