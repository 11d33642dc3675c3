import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * A failed auto top-up's error as data beside its English, so the console and the emails word it in
 * their reader's language: `wallet_auto_top_ups.last_error_reason` and the `errorReason` of a failed
 * auto top-up's alert facts (0476), each a JSON `{key, values}` (services/auto-top-up/reasons.ts).
 *
 * Errors stored before are given the reason their English stood for, where it was one of the
 * server's fixed sentences (a payment's failure reason, payments/failure.ts; a payment that ended
 * with none; the saved method gone); any other (a limit sentence with its amounts, a gateway's own
 * words) keeps none, and reads in English as it did.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('wallet_auto_top_ups').addColumn('last_error_reason', 'text').execute();

  const settings = await sql<{ wallet_id: string; last_error: string }>`
    SELECT wallet_id, last_error FROM wallet_auto_top_ups WHERE last_error IS NOT NULL`.execute(db);
  for (const row of settings.rows) {
    const reason = reasonOf(row.last_error);
    if (reason === null) continue;
    await sql`UPDATE wallet_auto_top_ups SET last_error_reason = ${JSON.stringify(reason)}
      WHERE wallet_id = ${row.wallet_id}`.execute(db);
  }

  const alerts = await sql<{ id: string; auto_top_up: string }>`
    SELECT id, auto_top_up FROM wallet_alerts WHERE auto_top_up IS NOT NULL`.execute(db);
  for (const row of alerts.rows) {
    const facts = JSON.parse(row.auto_top_up) as { error?: unknown; errorReason?: unknown };
    const reason = typeof facts.error === 'string' ? reasonOf(facts.error) : null;
    if (reason === null || facts.errorReason !== undefined) continue;
    await sql`UPDATE wallet_alerts SET auto_top_up = ${JSON.stringify({ ...facts, errorReason: reason })}
      WHERE id = ${row.id}`.execute(db);
  }
}

/** The English payments/failure.ts gave each payment failure code when this migration was written. */
const PAYMENT_FAILURES: Array<[text: string, code: string]> = [
  ['The payment was declined.', 'declined'],
  ['The payment was cancelled at the payment page.', 'cancelled_at_checkout'],
  ['The payment expired before it was paid.', 'expired'],
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
