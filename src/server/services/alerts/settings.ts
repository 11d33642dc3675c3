import { sql } from 'kysely';
import type { AlertSettings, AlertSettingsBody, Runway, WalletAlert } from '../../../shared/api/alerts.js';
import { RUNWAY_FORMULA } from '../../../shared/runway.js';
import type { Store, Trx } from '../../db/database.js';
import type { WalletAlertSettingsTable } from '../../db/schema.js';
import { recordChanges } from '../../sync/record.js';
import { toAlertSettings, toWalletAlert } from '../../wire/alerts.js';
import { recordAudit } from '../audit/record.js';
import { Failure } from '../failure.js';
import { findWallet } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import type { Scope } from '../scope.js';
import { alertSettingsChange, evaluateAlert } from './evaluate.js';
import { runwayOf } from './runway.js';

type Reader = Trx | Store['db'];

/**
 * PUT /v1/wallets/:id/alert-settings: staff for any wallet of their reseller, a customer for its own
 * (the scope narrows the look-up). Idempotent: the same body leaves the same row. The wallet is
 * evaluated at once, under its row lock, so a wallet already below the new line alerts now, once;
 * one no longer below its lines clears quietly (its balance did not change: nothing "recovered").
 */
export function putAlertSettings(
  trx: Trx,
  scope: Scope,
  walletId: string,
  input: AlertSettingsBody,
  now: string,
): Promise<Result<AlertSettings, 'not_found' | 'wallet_closed'>> {
  return attempt(['not_found', 'wallet_closed'], async () => {
    const wallet = await findWallet(trx, scope, walletId);
    if (wallet.status !== 'active')
      throw new Failure('wallet_closed', 'this wallet is closed and takes no alert settings');
    const values = {
      threshold: input.threshold ?? null,
      runway_days: input.runwayDays ?? null,
      channels: JSON.stringify(input.channels),
      emails: JSON.stringify(input.emails ?? []),
    };
    const existing = await trx
      .selectFrom('wallet_alert_settings')
      .selectAll()
      .where('wallet_id', '=', wallet.id)
      .executeTakeFirst();
    const unchanged =
      existing &&
      existing.threshold === values.threshold &&
      existing.runway_days === values.runway_days &&
      existing.channels === values.channels &&
      existing.emails === values.emails;
    if (!unchanged) {
      const row: WalletAlertSettingsTable = {
        wallet_id: wallet.id,
        reseller_id: wallet.reseller_id,
        customer_id: wallet.customer_id,
        ...values,
        state: existing?.state ?? 'ok',
        state_since: existing?.state_since ?? now,
        created_at: existing?.created_at ?? now,
        updated_at: now,
      };
      await trx
        .insertInto('wallet_alert_settings')
        .values(row)
        .onConflict((oc) => oc.column('wallet_id').doUpdateSet({ ...values, updated_at: now }))
        .execute();
      await recordChanges(trx, now, [alertSettingsChange(row)]);
      await recordAudit(
        trx,
        scope,
        {
          action: 'alert_settings.updated',
          entityType: 'wallet',
          entityId: wallet.id,
          before: existing ? toAlertSettings(existing) : null,
          after: toAlertSettings(row),
        },
        now,
      );
      // Take the wallet's row lock as a movement does (a no-op update: nothing of the wallet
      // changes), then evaluate it, as it is now, against the new lines.
      const locked = await trx
        .updateTable('wallets')
        .set({ updated_at: sql<string>`updated_at` })
        .where('id', '=', wallet.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await evaluateAlert(trx, locked, now, { linesChanged: true });
    }
    const current = await trx
      .selectFrom('wallet_alert_settings')
      .selectAll()
      .where('wallet_id', '=', wallet.id)
      .executeTakeFirstOrThrow();
    return toAlertSettings(current);
  });
}

export async function getAlertSettings(db: Reader, scope: Scope, walletId: string): Promise<AlertSettings> {
  const wallet = await findWallet(db, scope, walletId);
  const row = await db
    .selectFrom('wallet_alert_settings')
    .selectAll()
    .where('wallet_id', '=', wallet.id)
    .executeTakeFirst();
  if (row) return toAlertSettings(row);
  // Never set: no lines, no channels (nothing fires).
  return {
    walletId: wallet.id,
    customerId: wallet.customer_id,
    threshold: null,
    runwayDays: null,
    channels: [],
    emails: [],
    state: 'ok',
    stateSince: wallet.created_at,
    updatedAt: wallet.created_at,
  };
}

/** The wallet's alerts, newest first (at most `limit`). */
export async function listAlerts(
  db: Reader,
  scope: Scope,
  walletId: string,
  limit: number,
): Promise<WalletAlert[]> {
  const wallet = await findWallet(db, scope, walletId);
  const rows = await db
    .selectFrom('wallet_alerts')
    .selectAll()
    .where('wallet_id', '=', wallet.id)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toWalletAlert);
}

export async function walletRunway(db: Reader, scope: Scope, walletId: string, now: string): Promise<Runway> {
  const wallet = await findWallet(db, scope, walletId);
  const available = wallet.balance - wallet.pending_charges;
  const { spent, days } = await runwayOf(db, wallet.id, available, now);
  return {
    walletId: wallet.id,
    currency: wallet.currency,
    availableBalance: available,
    spentLast30Days: spent,
    daysLeft: days,
    formula: RUNWAY_FORMULA,
  };
}

/**
 * A wallet just closed: it is no longer "below its line" (its balance was paid out, not spent), so
 * the low wallets the consoles count leave it. Quietly: no `wallet.balance_recovered` is sent for
 * money that left with the customer. Its settings stay, for the record; a closed wallet takes no new ones.
 */
export async function clearForClosedWallet(trx: Trx, walletId: string, now: string): Promise<void> {
  const row = await trx
    .updateTable('wallet_alert_settings')
    .set({ state: 'ok', state_since: now, updated_at: now })
    .where('wallet_id', '=', walletId)
    .where('state', '=', 'low')
    .returningAll()
    .executeTakeFirst();
  if (row) await recordChanges(trx, now, [alertSettingsChange(row)]);
}
