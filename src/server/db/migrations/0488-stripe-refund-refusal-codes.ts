import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * Stripe's refusals for a Stripe balance too low to refund (balance_insufficient) or a disputed
 * payment (refund_disputed_payment) were coded `refused` (0478, and the gateway until f3728206). A
 * refund Stripe refused so before is given the code its error stands for now (gateways/stripe/provider.ts
 * stripeRefusalCode, as it was when this migration was written): its stored English is the error as
 * the gateway wrote it, "Stripe: <code>: <message>". Any other refusal keeps its code. Like 0478 and
 * 0486 it writes no feed update: a console's cached refund changes with its next update.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`
    UPDATE refunds SET failure_code = CASE
      WHEN failure_reason LIKE 'Stripe: balance_insufficient:%' THEN 'provider_balance_low'
      WHEN failure_reason LIKE 'Stripe: refund_disputed_payment:%' THEN 'disputed'
      ELSE failure_code
    END
    WHERE status = 'failed' AND provider = 'stripe' AND failure_code = 'refused'
      AND failure_reason LIKE 'Stripe: %'`.execute(db);
}
