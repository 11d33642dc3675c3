import { AUTO_TOP_UP_DAILY_CAP } from '../../../shared/api/alerts.js';
import type { Trx } from '../../db/database.js';
import type { PaymentProviderId } from '../../../shared/api/payments.js';
import type { WalletAutoTopUpTable, WalletTable } from '../../db/schema.js';
import type { OfferedGateways } from '../../payments/providers.js';
import { limitsFor, readStoredSettings } from '../../payments/settings.js';
import { recordChanges } from '../../sync/record.js';
import { autoTopUpChange, fireAlert } from '../alerts/evaluate.js';
import { Failure } from '../failure.js';
import { createTopUp } from '../payments/create-top-up.js';
import { unwrap } from '../result.js';
import { formatMoney, isCurrency } from '../../../shared/money.js';
import { dailyCapError, failuresReason, withDeclineCode, type ChargeError } from './reasons.js';
import { noticeUnconfirmedCharge } from './unconfirmed-notice.js';

/**
 * The stated failure policy of auto top-up:
 * - after the n-th failed charge in a row, the next try waits BACKOFF_MS[n-1]: 15 min, 1 h, 6 h;
 * - at most DAILY_CAP charges per wallet per UTC day (paid or not), then it waits for the next day;
 * - MAX_FAILURES failures in a row switch it off, with the reason shown to the user, until someone
 *   switches it on again.
 */
export const BACKOFF_MS = [15 * 60_000, 60 * 60_000, 6 * 60 * 60_000] as const;
export const DAILY_CAP = AUTO_TOP_UP_DAILY_CAP;
export const MAX_FAILURES = 4;
/**
 * A pending charge its provider could not be asked about (chargeUnconfirmed) is asked again after
 * 1 min, then twice as long after each failed lookup, at most an hour apart: for as long as it takes.
 */
export const LOOKUP_RETRY_MS = 60_000;
export const LOOKUP_RETRY_MAX_MS = 60 * 60_000;

/** The columns of a pending charge's lookups (chargeUnconfirmed), cleared once it settles. */
const CONFIRMABLE = {
  unconfirmed_asks: null,
  unconfirmed_provider: null,
  unconfirmed_code: null,
  unconfirmed_since: null,
  unconfirmed_retry_at: null,
  unconfirmed_noticed_at: null,
} as const;

const utcDay = (iso: string) => iso.slice(0, 10);
const nextUtcDay = (iso: string) => {
  const d = new Date(`${utcDay(iso)}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
};

/**
 * When a wallet that has had its DAILY_CAP tries this UTC day may try again (the next UTC day), or
 * null when it has not. Settings saved again do not lift the cap: the day's tries still count.
 */
export function dailyCapWait(
  row: Pick<WalletAutoTopUpTable, 'attempts_day' | 'attempts_today'>,
  now: string,
): string | null {
  return row.attempts_day === utcDay(now) && row.attempts_today >= DAILY_CAP ? nextUtcDay(now) : null;
}

/**
 * What a charge of `autoTopUp` takes now, minor units of the wallet's currency: its fixed amount, or
 * up to its target the difference, but never less than the reseller's smallest top-up, which a
 * target just above the threshold can leave it (the charge would be refused top_up_limit every
 * time); the wallet then ends a little above its target. The target itself was checked at save.
 * Zero or less: nothing to charge.
 */
async function chargeAmount(
  trx: Trx,
  autoTopUp: WalletAutoTopUpTable,
  wallet: Pick<WalletTable, 'balance' | 'pending_charges' | 'currency'>,
): Promise<number> {
  const shortfall =
    autoTopUp.amount ?? (autoTopUp.target_balance ?? 0) - (wallet.balance - wallet.pending_charges);
  return autoTopUp.amount === null && shortfall > 0
    ? Math.max(
        shortfall,
        limitsFor(await readStoredSettings(trx, autoTopUp.reseller_id), wallet.currency).minAmount,
      )
    : shortfall;
}

export interface ChargeContext {
  gateways: OfferedGateways;
}

export type Claim =
  | { kind: 'charge'; paymentId: string; attemptId: string }
  | { kind: 'skip' }
  /** Refused before any payment was made; `amount` is what it would have charged. */
  | { kind: 'refused'; failure: Failure; amount: number };

/**
 * due → pending, in one transaction with the `new` payment (the existing top-up service, with the
 * customer's saved method: limits and fees apply as for any top-up) and the pending attempt row,
 * whose unique partial index admits one pending attempt per wallet. Whoever loses the conditional
 * UPDATE (or the index) charges nothing. The provider is called after commit (payments/checkout.ts).
 */
export async function claimCharge(
  trx: Trx,
  row: WalletAutoTopUpTable,
  ctx: ChargeContext,
  now: string,
  attemptId: string,
): Promise<Claim> {
  const today = utcDay(now);
  const attemptsToday = row.attempts_day === today ? row.attempts_today : 0;
  if (attemptsToday >= DAILY_CAP) {
    const nextAttemptAt = nextUtcDay(now);
    // Only a row due now waits: one stop is one wait (and one attempt listed), however many runs
    // or runners reach it, as a refusal's back-off makes each refusal one attempt.
    const waited = await trx
      .updateTable('wallet_auto_top_ups')
      .set({ next_attempt_at: nextAttemptAt, updated_at: now })
      .where('wallet_id', '=', row.wallet_id)
      .where('state', '=', 'due')
      .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
      .returningAll()
      .executeTakeFirst();
    if (!waited) return { kind: 'skip' };
    await recordChanges(trx, now, [autoTopUpChange(waited)]);
    // Listed as not charged, so the panel says why nothing happened; not a failure (nothing counted,
    // no alert). Not when the wallet recovered meanwhile: this try would have charged nothing.
    const wallet = await trx
      .selectFrom('wallets')
      .selectAll()
      .where('id', '=', waited.wallet_id)
      .executeTakeFirstOrThrow();
    const amount = await chargeAmount(trx, waited, wallet);
    if (
      wallet.balance - wallet.pending_charges < waited.threshold &&
      amount > 0 &&
      wallet.status === 'active'
    ) {
      const capped = dailyCapError(DAILY_CAP, nextAttemptAt);
      await trx
        .insertInto('auto_top_up_attempts')
        .values({
          id: attemptId,
          reseller_id: waited.reseller_id,
          wallet_id: waited.wallet_id,
          payment_id: null,
          amount,
          status: 'failed',
          error: capped.message,
          error_reason: JSON.stringify(capped.reason),
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    return { kind: 'skip' };
  }
  const claimed = await trx
    .updateTable('wallet_auto_top_ups')
    .set({ state: 'pending', attempts_day: today, attempts_today: attemptsToday + 1, updated_at: now })
    .where('wallet_id', '=', row.wallet_id)
    .where('state', '=', 'due')
    .where('enabled', '=', 1)
    .returningAll()
    .executeTakeFirst();
  if (!claimed) return { kind: 'skip' };
  const wallet = await trx
    .selectFrom('wallets')
    .selectAll()
    .where('id', '=', claimed.wallet_id)
    .executeTakeFirstOrThrow();
  const available = wallet.balance - wallet.pending_charges;
  const amount = await chargeAmount(trx, claimed, wallet);
  if (available >= claimed.threshold || amount <= 0 || wallet.status !== 'active') {
    // Recovered meanwhile (a manual top-up): nothing to charge, this try is not counted, and no
    // next try is due (the back-off's time has passed: the job takes due rows only after it).
    const idle = await trx
      .updateTable('wallet_auto_top_ups')
      .set({ state: 'idle', attempts_today: attemptsToday, next_attempt_at: null, updated_at: now })
      .where('wallet_id', '=', claimed.wallet_id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordChanges(trx, now, [autoTopUpChange(idle)]);
    return { kind: 'skip' };
  }
  const saved = await trx
    .selectFrom('saved_methods')
    .selectAll()
    .where('id', '=', claimed.payment_method_id)
    .where('reseller_id', '=', claimed.reseller_id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!saved) {
    return {
      kind: 'refused',
      failure: new Failure('method_unavailable', 'the saved payment method was removed', 'paymentMethodId', {
        key: 'saved_method_removed',
        values: {},
      }),
      amount,
    };
  }
  const scope = { resellerId: claimed.reseller_id, canWrite: true };
  const created = await createTopUp(
    trx,
    scope,
    {
      walletId: claimed.wallet_id,
      body: {
        amount,
        provider: saved.provider as PaymentProviderId,
        ...(saved.payer_id ? { payerId: saved.payer_id } : {}),
        savedMethodId: saved.id,
      },
      idempotencyKey: `auto-top-up:${attemptId}`,
      gateways: ctx.gateways,
    },
    now,
  );
  if (!created.ok) return { kind: 'refused', failure: created.failure, amount };
  const payment = unwrap(created);
  await trx
    .insertInto('auto_top_up_attempts')
    .values({
      id: attemptId,
      reseller_id: claimed.reseller_id,
      wallet_id: claimed.wallet_id,
      payment_id: payment.id,
      amount,
      status: 'pending',
      error: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const pending = await trx
    .updateTable('wallet_auto_top_ups')
    .set({ payment_id: payment.id })
    .where('wallet_id', '=', claimed.wallet_id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordChanges(trx, now, [autoTopUpChange(pending)]);
  return { kind: 'charge', paymentId: payment.id, attemptId };
}

/** A pending charge's payment ended paid: back to idle, the failure streak cleared. */
export async function chargeSucceeded(trx: Trx, walletId: string, paymentId: string, now: string) {
  await trx
    .updateTable('auto_top_up_attempts')
    .set({ status: 'paid', updated_at: now })
    .where('payment_id', '=', paymentId)
    .where('status', '=', 'pending')
    .execute();
  const row = await trx
    .updateTable('wallet_auto_top_ups')
    .set({
      state: 'idle',
      payment_id: null,
      consecutive_failures: 0,
      last_error: null,
      last_error_reason: null,
      next_attempt_at: null,
      ...CONFIRMABLE,
      updated_at: now,
    })
    .where('wallet_id', '=', walletId)
    .where('state', '=', 'pending')
    .where('payment_id', '=', paymentId)
    .returningAll()
    .executeTakeFirst();
  if (row) await recordChanges(trx, now, [autoTopUpChange(row)]);
}

/**
 * A pending charge still unanswered when its payment expired whose provider could not be asked
 * about it (the lookup threw: unreachable, refused): it may have been made, so it stays pending,
 * neither expired nor made again. Recorded on the auto top-up, and through the feed to consoles:
 * which provider, the error's code, how many lookups failed, since when, and when the job asks
 * again, each time after a longer wait (LOOKUP_RETRY_MS). Cleared when the charge settles.
 */
export async function chargeUnconfirmed(
  trx: Trx,
  walletId: string,
  payment: { id: string; provider: string },
  code: string,
  now: string,
): Promise<void> {
  const row = await trx
    .selectFrom('wallet_auto_top_ups')
    .selectAll()
    .where('wallet_id', '=', walletId)
    .where('state', '=', 'pending')
    .where('payment_id', '=', payment.id)
    .executeTakeFirst();
  if (!row) return;
  const asks = (row.unconfirmed_asks ?? 0) + 1;
  const waitMs = Math.min(LOOKUP_RETRY_MS * 2 ** (asks - 1), LOOKUP_RETRY_MAX_MS);
  const updated = await trx
    .updateTable('wallet_auto_top_ups')
    .set({
      unconfirmed_asks: asks,
      unconfirmed_provider: payment.provider,
      unconfirmed_code: code,
      unconfirmed_since: row.unconfirmed_since ?? now,
      unconfirmed_retry_at: new Date(Date.parse(now) + waitMs).toISOString(),
      updated_at: now,
    })
    .where('wallet_id', '=', walletId)
    .where('state', '=', 'pending')
    .where('payment_id', '=', payment.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordChanges(trx, now, [autoTopUpChange(updated)]);
  await noticeUnconfirmedCharge(trx, updated, now);
}

/**
 * A charge failed (declined, refused by limits, method gone): back off or switch off, raise
 * `wallet.auto_top_up_failed` (history, feed → desktop, email and webhook channels).
 *
 * `refused`: the charge was refused before a payment existed (claimCharge's `refused`, whose
 * transaction rolled back). It is stored as a failed attempt without a payment, so the wallet's
 * attempts list it beside its charges. Once per call, and each call backs off or switches off as
 * below, so a refusal that repeats is listed once per back-off step, never on every job run.
 */
export async function chargeFailed(
  trx: Trx,
  walletId: string,
  failure: ChargeError,
  now: string,
  options: {
    paymentId?: string;
    countAttempt?: boolean;
    refused?: { attemptId: string; amount: number };
  } = {},
): Promise<WalletAutoTopUpTable | undefined> {
  const error = failure.message;
  if (options.paymentId) {
    // A declined card's reason says the bank's decline code too, wherever the failure is told.
    const declined = await trx
      .selectFrom('payments')
      .select('decline_code')
      .where('id', '=', options.paymentId)
      .executeTakeFirst();
    failure = withDeclineCode(failure, declined?.decline_code);
    await trx
      .updateTable('auto_top_up_attempts')
      .set({
        status: 'failed',
        error,
        error_reason: failure.reason ? JSON.stringify(failure.reason) : null,
        updated_at: now,
      })
      .where('payment_id', '=', options.paymentId)
      .where('status', '=', 'pending')
      .execute();
  }
  const row = await trx
    .selectFrom('wallet_auto_top_ups')
    .selectAll()
    .where('wallet_id', '=', walletId)
    .executeTakeFirst();
  if (!row) return undefined;
  if (options.paymentId && (row.state !== 'pending' || row.payment_id !== options.paymentId))
    return undefined;
  if (options.refused) {
    await trx
      .insertInto('auto_top_up_attempts')
      .values({
        id: options.refused.attemptId,
        reseller_id: row.reseller_id,
        wallet_id: walletId,
        payment_id: null,
        amount: options.refused.amount,
        status: 'failed',
        error,
        error_reason: failure.reason ? JSON.stringify(failure.reason) : null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  const failures = row.consecutive_failures + 1;
  const switchOff = failures >= MAX_FAILURES;
  const today = utcDay(now);
  const counted = options.countAttempt
    ? { attempts_day: today, attempts_today: (row.attempts_day === today ? row.attempts_today : 0) + 1 }
    : {};
  const disabledReason = switchOff ? failuresReason(failures, error) : null;
  const backoff = BACKOFF_MS[Math.min(failures, BACKOFF_MS.length) - 1]!;
  const updated = await trx
    .updateTable('wallet_auto_top_ups')
    .set({
      state: switchOff ? 'idle' : 'due',
      payment_id: null,
      consecutive_failures: failures,
      last_error: error,
      last_error_reason: failure.reason ? JSON.stringify(failure.reason) : null,
      next_attempt_at: switchOff ? null : new Date(Date.parse(now) + backoff).toISOString(),
      ...(switchOff ? { enabled: 0, disabled_reason: disabledReason } : {}),
      ...counted,
      ...CONFIRMABLE,
      updated_at: now,
    })
    .where('wallet_id', '=', walletId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordChanges(trx, now, [autoTopUpChange(updated)]);
  const wallet = await trx
    .selectFrom('wallets')
    .selectAll()
    .where('id', '=', walletId)
    .executeTakeFirstOrThrow();
  const settings = await trx
    .selectFrom('wallet_alert_settings')
    .selectAll()
    .where('wallet_id', '=', walletId)
    .executeTakeFirst();
  const available = wallet.balance - wallet.pending_charges;
  const amount = row.amount ?? row.target_balance ?? 0;
  const what = isCurrency(wallet.currency) ? formatMoney(amount, wallet.currency) : String(amount);
  await fireAlert(
    trx,
    settings ?? null,
    {
      type: 'wallet.auto_top_up_failed',
      reason: null,
      message: switchOff
        ? `Auto top-up failed: ${error}. ${disabledReason}`
        : `Auto top-up of ${row.amount !== null ? what : `up to ${what}`} failed: ${error}. Next try at ${updated.next_attempt_at}.`,
      available,
      currency: wallet.currency,
      daysLeft: null,
      autoTopUp: {
        amount,
        upTo: row.amount === null,
        error,
        errorReason: failure.reason,
        nextAttemptAt: updated.next_attempt_at,
        failures,
        switchedOff: switchOff,
      },
    },
    now,
    wallet,
  );
  return updated;
}
