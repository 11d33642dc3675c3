import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * A failed auto top-up attempt's error as data beside its English, as 0477 gave the auto top-up's own
 * last error: `auto_top_up_attempts.error_reason`, a JSON `{key, values}`
 * (services/auto-top-up/reasons.ts), which a console words in its reader's language.
 *
 * Attempts that failed before are given the reason their English stood for, where it was one of the
 * server's fixed sentences (a payment's failure reason, payments/failure.ts; a payment that ended
 * with none; the saved method gone), read as 0477 reads them; any other keeps none.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('auto_top_up_attempts').addColumn('error_reason', 'text').execute();

  const { rows } = await sql<{ id: string; error: string }>`
    SELECT id, error FROM auto_top_up_attempts WHERE status = 'failed' AND error IS NOT NULL`.execute(db);
  for (const row of rows) {
    const reason = reasonOf(row.error);
    if (reason === null) continue;
    await sql`UPDATE auto_top_up_attempts SET error_reason = ${JSON.stringify(reason)}
      WHERE id = ${row.id}`.execute(db);
  }
}

/** The English payments/failure.ts gave each payment failure code when this migration was written. */
const PAYMENT_FAILURES: Array<[text: string, code: string]> = [
  ['The payment was declined.', 'declined'],
  ['The payment was cancelled at the payment page.', 'cancelled_at_checkout'],
  ['The payment expired before it was paid.', 'expired'],
  ['Staff applied the money that arrived for this payment to another payment.', 'applied_to_other_payment'],
];

function reasonOf(error: string): { key: string; values: Record<string, string> } | null {
  const exact = PAYMENT_FAILURES.find(([text]) => text === error);
  if (exact) return { key: 'payment_failed', values: { code: exact[1] } };
  // These three may carry more words after them (why the provider refused to open it).
  if (error.startsWith('Cancelled before it was paid.'))
    return { key: 'payment_failed', values: { code: 'cancelled_before_paid' } };
  if (error.startsWith('The payment gateway could not be reached'))
    return { key: 'payment_failed', values: { code: 'gateway_unavailable' } };
  if (error.startsWith('Staff closed the review that held this payment'))
    return { key: 'payment_failed', values: { code: 'closed_by_staff' } };
  const ended = /^the payment (failed|expired|cancelled)$/.exec(error);
  if (ended) return { key: 'payment_ended', values: { status: ended[1]! } };
  if (error === 'the saved payment method was removed') return { key: 'saved_method_removed', values: {} };
  return null;
}
