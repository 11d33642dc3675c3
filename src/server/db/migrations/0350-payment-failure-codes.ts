import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * Why a payment ended without money, as a code a console words in its own language:
 * `payments.failure_code` (shared/api/payments.ts paymentFailureCodes). `failure_reason` keeps the
 * English sentence for API callers. Payments that ended before are given the code their sentence
 * stood for; those sentences were the only ones the server wrote.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('payments').addColumn('failure_code', 'text').execute();
  await sql`
    UPDATE payments SET failure_code = CASE
      WHEN failure_reason = 'The payment was declined.' THEN 'declined'
      WHEN failure_reason = 'The payment was cancelled at the payment page.' THEN 'cancelled_at_checkout'
      WHEN failure_reason = 'Cancelled before it was paid.' THEN 'cancelled_before_paid'
      WHEN failure_reason = 'The payment expired before it was paid.' THEN 'expired'
      WHEN failure_reason LIKE 'The payment gateway could not be reached%' THEN 'gateway_unavailable'
    END
    WHERE failure_reason IS NOT NULL`.execute(db);
}
