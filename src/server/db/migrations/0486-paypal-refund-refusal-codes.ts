import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * PayPal's refund refusals were all coded `refused` (0478, and the gateway until 434301f), whatever
 * PayPal's reason. A refund PayPal refused before is given the code its issue stands for now
 * (gateways/paypal/provider.ts paypalRefusalCode, as it was when this migration was written): its
 * stored English is the PayPal error as the client wrote it, "PayPal <name> <ISSUE>: <message>".
 * Any other refusal keeps its code.
 */
const CODES: Record<string, string> = {
  CAPTURE_FULLY_REFUNDED: 'no_charge',
  REFUND_AMOUNT_EXCEEDED: 'more_than_left',
  CAPTURE_DISPUTED_PARTIAL_REFUND_NOT_ALLOWED: 'disputed',
  REFUND_NOT_PERMITTED_DUE_TO_CHARGEBACK: 'disputed',
  REFUND_TIME_LIMIT_EXCEEDED: 'too_late',
  REFUND_TIME_EXCEEDED_FOR_PAYMENT_SOURCE: 'too_late',
  REFUND_FAILED_INSUFFICIENT_FUNDS: 'provider_balance_low',
  PARTIAL_REFUND_NOT_ALLOWED: 'full_refund_only',
  MAX_NUMBER_OF_REFUNDS_EXCEEDED: 'too_many_refunds',
};

export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  const { rows } = await sql<{ id: string; failure_reason: string }>`
    SELECT id, failure_reason FROM refunds
    WHERE status = 'failed' AND provider = 'paypal' AND failure_code = 'refused'
      AND failure_reason LIKE 'PayPal %'`.execute(db);
  for (const row of rows) {
    const issue = /^PayPal \S+ ([A-Z_]+):/.exec(row.failure_reason)?.[1];
    const code = issue !== undefined && Object.hasOwn(CODES, issue) ? CODES[issue] : undefined;
    if (code === undefined) continue;
    await sql`UPDATE refunds SET failure_code = ${code}
      WHERE id = ${row.id} AND failure_code = 'refused'`.execute(db);
  }
}
