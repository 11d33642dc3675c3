import type { AutoTopUp, AutoTopUpBody } from '../../../shared/api/alerts.js';
import type { Store, Trx } from '../../db/database.js';
import type { WalletAutoTopUpTable } from '../../db/schema.js';
import { enforceTopUpLimits, limitsFor, readStoredSettings } from '../../payments/settings.js';
import { recordChanges } from '../../sync/record.js';
import { toAutoTopUp } from '../../wire/alerts.js';
import { autoTopUpChange, markAutoTopUpDue } from '../alerts/evaluate.js';
import { recordAudit } from '../audit/record.js';
import { Failure, notFound } from '../failure.js';
import { findWallet } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import type { Scope } from '../scope.js';
import { dailyCapWait } from './charge.js';
import { CLOSING_REASON, METHOD_REMOVED_REASON } from './reasons.js';

type Reader = Trx | Store['db'];

/**
 * PUT /v1/wallets/:id/auto-top-up: staff for any wallet of their reseller, a customer for its own.
 * The method must be one of the wallet's customer's confirmed saved methods. Switching it on again
 * clears a failure streak and the reason it was switched off. A wallet already below the threshold
 * becomes due at once (the job charges it). Each charge is a top-up, so an amount the reseller's
 * top-up limits would refuse is refused here, at save, rather than failing every charge later: a
 * fixed `amount` must be within them, and so must `targetBalance` (the charge from an empty wallet).
 */
export function putAutoTopUp(
  trx: Trx,
  scope: Scope,
  walletId: string,
  input: AutoTopUpBody,
  now: string,
): Promise<Result<AutoTopUp, 'not_found' | 'wallet_closed' | 'method_unavailable' | 'top_up_limit'>> {
  return attempt(['not_found', 'wallet_closed', 'method_unavailable', 'top_up_limit'], async () => {
    const wallet = await findWallet(trx, scope, walletId);
    if (wallet.status !== 'active')
      throw new Failure('wallet_closed', 'this wallet is closed and takes no auto top-up');
    const limits = limitsFor(await readStoredSettings(trx, wallet.reseller_id), wallet.currency);
    if (input.amount !== undefined) enforceTopUpLimits(limits, input.amount);
    if (input.targetBalance !== undefined) enforceTopUpLimits(limits, input.targetBalance, 'targetBalance');
    const saved = await trx
      .selectFrom('saved_methods')
      .selectAll()
      .where('id', '=', input.paymentMethodId)
      .where('reseller_id', '=', wallet.reseller_id)
      .where('customer_id', '=', wallet.customer_id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!saved) throw notFound("saved payment method of this wallet's customer", 'paymentMethodId');
    // A switched-off setting may name a method still being confirmed; charging needs a confirmed one.
    if (input.enabled && (saved.status !== 'confirmed' || saved.token === null)) {
      throw new Failure(
        'method_unavailable',
        `this saved method is ${saved.status}, not confirmed`,
        'paymentMethodId',
      );
    }
    const existing = await trx
      .selectFrom('wallet_auto_top_ups')
      .selectAll()
      .where('wallet_id', '=', wallet.id)
      .executeTakeFirst();
    const values = {
      enabled: input.enabled ? 1 : 0,
      threshold: input.threshold,
      amount: input.amount ?? null,
      target_balance: input.targetBalance ?? null,
      payment_method_id: saved.id,
    };
    const unchanged =
      existing &&
      existing.enabled === values.enabled &&
      existing.threshold === values.threshold &&
      existing.amount === values.amount &&
      existing.target_balance === values.target_balance &&
      existing.payment_method_id === values.payment_method_id &&
      existing.disabled_reason === null;
    if (!unchanged) {
      // Switched on (again): a fresh start, within the day's cap. Switched off: a due charge is
      // dropped, a pending one runs out.
      const fresh = input.enabled
        ? {
            consecutive_failures: 0,
            disabled_reason: null,
            next_attempt_at: existing ? dailyCapWait(existing, now) : null,
            last_error: null,
            last_error_reason: null,
          }
        : {};
      const state: WalletAutoTopUpTable['state'] = existing?.state === 'pending' ? 'pending' : 'idle';
      const row: WalletAutoTopUpTable = {
        wallet_id: wallet.id,
        reseller_id: wallet.reseller_id,
        customer_id: wallet.customer_id,
        ...values,
        state,
        payment_id: existing?.payment_id ?? null,
        consecutive_failures: existing?.consecutive_failures ?? 0,
        attempts_day: existing?.attempts_day ?? null,
        attempts_today: existing?.attempts_today ?? 0,
        next_attempt_at: existing?.next_attempt_at ?? null,
        last_error: existing?.last_error ?? null,
        last_error_reason: existing?.last_error_reason ?? null,
        disabled_reason: input.enabled ? null : (existing?.disabled_reason ?? null),
        lease_until: null,
        // The charge still pending runs out as it was, its lookups' record with it.
        unconfirmed_asks: existing?.unconfirmed_asks ?? null,
        unconfirmed_provider: existing?.unconfirmed_provider ?? null,
        unconfirmed_code: existing?.unconfirmed_code ?? null,
        unconfirmed_since: existing?.unconfirmed_since ?? null,
        unconfirmed_retry_at: existing?.unconfirmed_retry_at ?? null,
        created_at: existing?.created_at ?? now,
        updated_at: now,
        ...fresh,
      };
      await trx
        .insertInto('wallet_auto_top_ups')
        .values(row)
        .onConflict((oc) =>
          oc.column('wallet_id').doUpdateSet({
            ...values,
            state,
            disabled_reason: row.disabled_reason,
            consecutive_failures: row.consecutive_failures,
            next_attempt_at: row.next_attempt_at,
            last_error: row.last_error,
            last_error_reason: row.last_error_reason,
            updated_at: now,
          }),
        )
        .execute();
      await recordChanges(trx, now, [autoTopUpChange(row)]);
      await recordAudit(
        trx,
        scope,
        {
          action: 'auto_top_up.updated',
          entityType: 'wallet',
          entityId: wallet.id,
          before: existing ? toAutoTopUp(existing) : null,
          after: toAutoTopUp(row),
        },
        now,
      );
      if (input.enabled) await markAutoTopUpDue(trx, wallet, now);
    }
    return getAutoTopUpRow(trx, wallet.id);
  });
}

async function getAutoTopUpRow(db: Reader, walletId: string): Promise<AutoTopUp> {
  const row = await db
    .selectFrom('wallet_auto_top_ups')
    .selectAll()
    .where('wallet_id', '=', walletId)
    .executeTakeFirstOrThrow();
  return toAutoTopUp(row);
}

export async function getAutoTopUp(db: Reader, scope: Scope, walletId: string): Promise<AutoTopUp> {
  const wallet = await findWallet(db, scope, walletId);
  const row = await db
    .selectFrom('wallet_auto_top_ups')
    .selectAll()
    .where('wallet_id', '=', wallet.id)
    .executeTakeFirst();
  if (row) return toAutoTopUp(row);
  // Never set up: off.
  return {
    walletId: wallet.id,
    customerId: wallet.customer_id,
    enabled: false,
    threshold: 0,
    amount: null,
    targetBalance: null,
    paymentMethodId: null,
    state: 'idle',
    paymentId: null,
    consecutiveFailures: 0,
    attemptsToday: 0,
    nextAttemptAt: null,
    lastError: null,
    lastErrorReason: null,
    disabledReason: null,
    disabledWhy: null,
    chargeUnconfirmed: null,
    updatedAt: wallet.created_at,
  };
}

/**
 * Closing a wallet pays its balance out, which takes it below any threshold; a refund its provider
 * has not answered yet leaves it open at zero until the close finishes. Its auto top-up is switched
 * off first, in the close's transaction, so nothing charges the card the money is going back to.
 * (A charge already under way is a dependent: walletDependents refuses the close until it ends.)
 */
export async function switchOffForClose(trx: Trx, walletId: string, now: string): Promise<void> {
  const row = await trx
    .updateTable('wallet_auto_top_ups')
    .set({
      enabled: 0,
      state: 'idle',
      next_attempt_at: null,
      disabled_reason: CLOSING_REASON,
      updated_at: now,
    })
    .where('wallet_id', '=', walletId)
    .where('enabled', '=', 1)
    .where('state', '!=', 'pending')
    .returningAll()
    .executeTakeFirst();
  if (row) await recordChanges(trx, now, [autoTopUpChange(row)]);
}

/**
 * A saved method is being removed: every auto top-up charging it is switched off now, saying why,
 * rather than failing at the next crossing and retrying a card that is gone. A due charge is
 * dropped; one already under way runs out (the provider has it).
 */
export async function switchOffForRemovedMethod(trx: Trx, methodId: string, now: string): Promise<void> {
  const rows = await trx
    .updateTable('wallet_auto_top_ups')
    .set((eb) => ({
      enabled: 0,
      state: eb
        .case()
        .when('state', '=', 'pending')
        .then('pending' as const)
        .else('idle' as const)
        .end(),
      next_attempt_at: null,
      disabled_reason: METHOD_REMOVED_REASON,
      updated_at: now,
    }))
    .where('payment_method_id', '=', methodId)
    .where('enabled', '=', 1)
    .returningAll()
    .execute();
  if (rows.length > 0) await recordChanges(trx, now, rows.map(autoTopUpChange));
}
