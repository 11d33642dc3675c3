import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * The timeout job's retries of an order whose refund was refused (its wallet at its maximum balance,
 * closed): how many times it was refused, the refusal last given, and when the job may try it again
 * (services/orders/settle.ts failStuckOrders). Every order before this was never refused: 0, null.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('orders')
    .addColumn('timeout_refusals', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('orders').addColumn('timeout_refusal', 'text').execute();
  await db.schema.alterTable('orders').addColumn('timeout_retry_at', 'text').execute();
}
