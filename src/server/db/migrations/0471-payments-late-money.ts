import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * Where staff applied the money of a payment that ended (cancelled, expired) and was paid anyway,
 * when that money did not pay the payment itself (services/payment-reviews/apply.ts): the wallet
 * credited, its customer, and when. The payment keeps its status; these say where its money went.
 * Every payment before this had no such record: null.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('payments').addColumn('late_money_wallet_id', 'text').execute();
  await db.schema.alterTable('payments').addColumn('late_money_customer_id', 'text').execute();
  await db.schema.alterTable('payments').addColumn('late_money_at', 'text').execute();
}
