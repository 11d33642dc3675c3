import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * Why a provider refused a refund, as a code a console words in its own language:
 * `refunds.failure_code` (shared/api/refunds.ts refundFailureCodes). `failure_reason` keeps the
 * English (the provider's own words where it gave some). Refunds refused before are given the code
 * their words stood for, from the refusals the gateways and the server wrote; any other refusal is
 * the plain `refused`. A refund that was not refused has none.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('refunds').addColumn('failure_code', 'text').execute();
  await sql`
    UPDATE refunds SET failure_code = CASE
      WHEN failure_reason IN (
        'Stripe holds no charge for this payment',
        'PayPal holds no completed capture for this order',
        'sandbox: the checkout is not paid'
      ) THEN 'no_charge'
      WHEN failure_reason LIKE 'Stripe: charge_already_refunded:%' THEN 'no_charge'
      WHEN failure_reason = 'sandbox: more than was paid' THEN 'more_than_left'
      WHEN failure_reason LIKE 'Stripe: amount_too_large:%' THEN 'more_than_left'
      WHEN failure_reason LIKE 'Stripe: charge_disputed:%' THEN 'disputed'
      WHEN failure_reason LIKE '% does not refund by itself' THEN 'not_supported'
      ELSE 'refused'
    END
    WHERE status = 'failed'`.execute(db);
}
