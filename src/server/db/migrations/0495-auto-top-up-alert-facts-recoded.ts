import { sql, type Kysely } from 'kysely';
import { formatMoney, isCurrency } from '../../../shared/money.js';
import type { DialectName } from '../database.js';

/**
 * A failed auto top-up's alert written before 0476 has only its English `message`, which a console
 * shows as it is, in any language. Its particulars are given back from that English where it says
 * them all, and checked, so the console words it in its reader's language as it does a newer one.
 *
 * Until 0476 one writer wrote these alerts (services/auto-top-up/charge.ts chargeFailed), in two
 * sentences:
 * - `Auto top-up of [up to ]<amount> failed: <error>. Next try at <ISO>.` The amount is taken back
 *   only when formatting it again gives the same text; the failures in a row follow from the back-off
 *   the next try was put at (15 min, 1 h, 6 h after the alert: the 1st, 2nd, 3rd failure).
 * - `Auto top-up failed: <error>. Switched off after <n> failed charges in a row (last: <error>). …`
 *   This one names no amount: it is taken from the wallet's auto top-up only while that still is as
 *   this failure left it (updated the moment the alert was written, switched off, the same failures
 *   and error), the amount it charged then. Otherwise the alert keeps its English alone.
 *
 * The error's reason is the one its English stood for, as 0477 and 0487 read them. The alert's feed
 * entry is given the same facts: consoles read alerts from the feed only (cache migration 370 has
 * them read such alerts again).
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  const { rows } = await sql<OldAlert>`
    SELECT a.id, a.reseller_id, a.message, a.currency, a.created_at,
      s.amount, s.target_balance, s.enabled, s.consecutive_failures, s.last_error, s.updated_at
    FROM wallet_alerts a LEFT JOIN wallet_auto_top_ups s ON s.wallet_id = a.wallet_id
    WHERE a.type = 'wallet.auto_top_up_failed' AND a.auto_top_up IS NULL`.execute(db);
  for (const row of rows) {
    const facts = factsOf(row);
    if (facts === null) continue;
    await sql`UPDATE wallet_alerts SET auto_top_up = ${JSON.stringify(facts)} WHERE id = ${row.id}`.execute(
      db,
    );
    // The feed's entry holds the alert as it was sent (a console syncs alerts from it, never from
    // the table): it carries the same facts, so a console that reads it again words them.
    const entries = await sql<{ id: number; data: string }>`
      SELECT id, data FROM changes
      WHERE reseller_id = ${row.reseller_id} AND entity = 'wallet_alert' AND entity_id = ${row.id}`.execute(
      db,
    );
    for (const entry of entries.rows) {
      const sent = JSON.parse(entry.data) as Record<string, unknown>;
      await sql`UPDATE changes SET data = ${JSON.stringify({ ...sent, autoTopUp: facts })}
        WHERE id = ${entry.id}`.execute(db);
    }
  }
}

interface OldAlert {
  id: string;
  reseller_id: string;
  message: string;
  currency: string;
  created_at: string;
  /** The wallet's auto top-up now (null when it has none). */
  amount: number | null;
  target_balance: number | null;
  enabled: number | null;
  consecutive_failures: number | null;
  last_error: string | null;
  updated_at: string | null;
}

/** charge.ts's BACKOFF_MS and MAX_FAILURES when these alerts were written. */
const BACKOFF_MS = [15 * 60_000, 60 * 60_000, 6 * 60 * 60_000];
const MAX_FAILURES = 4;

const NEXT_TRY = /^Auto top-up of (up to )?(.+?) failed: ([\s\S]*)\. Next try at (\S+)\.$/;
const SWITCHED_OFF =
  /^Auto top-up failed: ([\s\S]*)\. Switched off after (\d+) failed charges in a row \(last: ([\s\S]*)\)\. Check the payment method, then switch auto top-up on again\.$/;

function factsOf(row: OldAlert): Record<string, unknown> | null {
  const next = NEXT_TRY.exec(row.message);
  if (next) {
    const [, upTo, what, error, nextAttemptAt] = next as unknown as [
      string,
      string | undefined,
      string,
      string,
      string,
    ];
    const amount = amountOf(what, row.currency);
    const failures = BACKOFF_MS.indexOf(Date.parse(nextAttemptAt) - Date.parse(row.created_at)) + 1;
    if (amount === null || failures === 0 || new Date(nextAttemptAt).toISOString() !== nextAttemptAt)
      return null;
    return withReason({
      amount,
      upTo: upTo !== undefined,
      error,
      nextAttemptAt,
      failures,
      switchedOff: false,
    });
  }
  const off = SWITCHED_OFF.exec(row.message);
  if (off) {
    const [, error, count, last] = off as unknown as [string, string, string, string];
    const failures = Number(count);
    const unchanged =
      row.updated_at === row.created_at &&
      row.enabled === 0 &&
      row.consecutive_failures === failures &&
      row.last_error === error;
    const amount = row.amount ?? row.target_balance;
    if (last !== error || failures < MAX_FAILURES || !unchanged || amount === null) return null;
    return withReason({
      amount,
      upTo: row.amount === null,
      error,
      nextAttemptAt: null,
      failures,
      switchedOff: true,
    });
  }
  return null;
}

/** The minor units `what` was formatted from (en-US, as charge.ts formatted it), or null. */
function amountOf(what: string, currency: string): number | null {
  const digits = what.replace(/\D/g, '');
  if (digits === '' || digits.length > 15) return null;
  const amount = Number(digits);
  const again = isCurrency(currency) ? formatMoney(amount, currency) : String(amount);
  return again === what ? amount : null;
}

function withReason(facts: Record<string, unknown> & { error: string }): Record<string, unknown> {
  const reason = reasonOf(facts.error);
  return reason === null ? facts : { ...facts, errorReason: reason };
}

/** The English payments/failure.ts gave each payment failure code (as 0487 reads them). */
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
