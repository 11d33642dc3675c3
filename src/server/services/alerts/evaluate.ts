import type { AutoTopUpFailure } from '../../../shared/api/alerts.js';
import { newId } from '../../../shared/ids.js';
import type { Trx } from '../../db/database.js';
import type { WalletAlertSettingsTable, WalletAlertTable, WalletTable } from '../../db/schema.js';
import { alertSentence } from '../../email/templates/wallet-alert.js';
import { textIn } from '../../i18n/text.js';
import { recordChanges, type ChangeInput } from '../../sync/record.js';
import { toAlertSettings, toAutoTopUp, toWalletAlert } from '../../wire/alerts.js';
import { sendAlertOutward } from './channels.js';
import { runwayOf } from './runway.js';

/**
 * THE hook of every wallet movement (ledger/movements.ts writeEntry, and holds that change the
 * available balance): runs in the movement's own transaction, while the wallet's row is locked.
 *
 * - Low-balance alert: the alert state moves ok → low (or low → ok) only by a conditional UPDATE on
 *   the wallet's alert-settings row, so one crossing fires one alert, whatever the concurrency: a
 *   second movement below the line finds the state `low` already and its UPDATE matches nothing.
 * - Auto top-up: idle → due by the same kind of conditional UPDATE; the leased job charges it.
 *
 * Unwatched wallets cost one primary-key look-up.
 */
export async function afterWalletMoved(trx: Trx, wallet: WalletTable, now: string): Promise<void> {
  const watch = await trx
    .selectFrom('wallets as w')
    .leftJoin('wallet_alert_settings as a', 'a.wallet_id', 'w.id')
    .leftJoin('wallet_auto_top_ups as t', 't.wallet_id', 'w.id')
    .select(['a.wallet_id as alertWallet', 'a.state as alertState', 't.state as topUpState'])
    .select(['t.enabled as topUpEnabled', 't.threshold as topUpThreshold'])
    .where('w.id', '=', wallet.id)
    .executeTakeFirst();
  if (!watch) return;
  const available = wallet.balance - wallet.pending_charges;
  if (watch.alertWallet !== null) await evaluateAlert(trx, wallet, now);
  if (
    watch.topUpEnabled === 1 &&
    watch.topUpState === 'idle' &&
    watch.topUpThreshold !== null &&
    available < watch.topUpThreshold
  ) {
    await markAutoTopUpDue(trx, wallet, now);
  }
}

/** idle → due when below the threshold: one conditional UPDATE, so one crossing makes one charge. */
export async function markAutoTopUpDue(trx: Trx, wallet: WalletTable, now: string): Promise<boolean> {
  const available = wallet.balance - wallet.pending_charges;
  const due = await trx
    .updateTable('wallet_auto_top_ups')
    .set({ state: 'due', updated_at: now })
    .where('wallet_id', '=', wallet.id)
    .where('state', '=', 'idle')
    .where('enabled', '=', 1)
    .where('threshold', '>', available)
    .returningAll()
    .executeTakeFirst();
  if (due) await recordChanges(trx, now, [autoTopUpChange(due)]);
  return due !== undefined;
}

/** Transactions paying a wallet's balance out to close it (services/wallets/close.ts). */
const closing = new WeakSet<Trx>();

/**
 * Runs the payout that closes a wallet: the balance leaves with the customer, on the customer's
 * request, so its movements are no crossing of the low-balance line (no alert on any channel, no
 * `low` state). A close that does not finish leaves the wallet as it was: `ok`.
 */
export async function payingOutToClose<T>(trx: Trx, run: () => Promise<T>): Promise<T> {
  closing.add(trx);
  try {
    return await run();
  } finally {
    closing.delete(trx);
  }
}

/**
 * Whether the wallet is below its lines now, and why; fires on a state change only. `linesChanged`:
 * evaluated because its settings changed, not its balance. Then a wallet that is no longer below
 * its lines leaves `low` quietly: nothing was recovered, so no `wallet.balance_recovered` goes to
 * any channel (a wallet newly below a raised line still alerts, once).
 */
export async function evaluateAlert(
  trx: Trx,
  wallet: WalletTable,
  now: string,
  options: { linesChanged?: boolean } = {},
): Promise<void> {
  if (closing.has(trx)) return;
  const settings = await trx
    .selectFrom('wallet_alert_settings')
    .selectAll()
    .where('wallet_id', '=', wallet.id)
    .executeTakeFirst();
  if (!settings) return;
  const available = wallet.balance - wallet.pending_charges;
  const runway = settings.runway_days !== null ? await runwayOf(trx, wallet.id, available, now) : null;
  const reason: WalletAlertTable['reason'] =
    settings.threshold !== null && available < settings.threshold
      ? 'threshold'
      : runway?.days != null && settings.runway_days !== null && runway.days < settings.runway_days
        ? 'runway'
        : null;
  const low = reason !== null;
  if (low === (settings.state === 'low')) return;
  const from = low ? 'ok' : 'low';
  const to = low ? 'low' : 'ok';
  const moved = await trx
    .updateTable('wallet_alert_settings')
    .set({ state: to, state_since: now, updated_at: now })
    .where('wallet_id', '=', wallet.id)
    .where('state', '=', from)
    .returningAll()
    .executeTakeFirst();
  if (!moved) return;
  if (!low && options.linesChanged) {
    await recordChanges(trx, now, [alertSettingsChange(moved)]);
    return;
  }
  const daysLeft = runway?.days == null ? null : Math.floor(runway.days);
  await fireAlert(
    trx,
    moved,
    {
      type: low ? 'wallet.balance_low' : 'wallet.balance_recovered',
      reason,
      // The API's English sentence; emails word the same facts in their recipient's language.
      message: alertSentence(textIn('en'), {
        type: low ? 'wallet.balance_low' : 'wallet.balance_recovered',
        reason,
        availableBalance: available,
        currency: wallet.currency,
        threshold: settings.threshold,
        runwayDays: settings.runway_days,
        daysLeft,
      }),
      available,
      currency: wallet.currency,
      daysLeft,
    },
    now,
  );
}

export interface AlertFacts {
  type: WalletAlertTable['type'];
  reason: WalletAlertTable['reason'];
  message: string;
  available: number;
  currency: string;
  daysLeft: number | null;
  /** A failed auto top-up's particulars. */
  autoTopUp?: AutoTopUpFailure;
}

/** Writes the history row and its feed entries, and sends it on the email and webhook channels. */
export async function fireAlert(
  trx: Trx,
  settings: WalletAlertSettingsTable | null,
  facts: AlertFacts,
  now: string,
  wallet?: { id: string; reseller_id: string; customer_id: string },
): Promise<WalletAlertTable> {
  const owner = settings
    ? { id: settings.wallet_id, reseller_id: settings.reseller_id, customer_id: settings.customer_id }
    : wallet!;
  const row: WalletAlertTable = {
    id: newId('transaction').replace(/^txn/, 'alr'),
    reseller_id: owner.reseller_id,
    customer_id: owner.customer_id,
    wallet_id: owner.id,
    type: facts.type,
    reason: facts.reason,
    message: facts.message,
    available_balance: facts.available,
    currency: facts.currency,
    threshold: settings?.threshold ?? null,
    runway_days: settings?.runway_days ?? null,
    days_left: facts.daysLeft,
    auto_top_up: facts.autoTopUp ? JSON.stringify(facts.autoTopUp) : null,
    // A failed auto top-up with no alert settings still reaches the console.
    channels: settings?.channels ?? JSON.stringify(['desktop']),
    created_at: now,
  };
  await trx.insertInto('wallet_alerts').values(row).execute();
  const changes: ChangeInput[] = [
    {
      resellerId: row.reseller_id,
      customerId: row.customer_id,
      entity: 'wallet_alert',
      id: row.id,
      op: 'create',
      data: toWalletAlert(row),
    },
  ];
  if (settings) changes.push(alertSettingsChange(settings));
  await recordChanges(trx, now, changes);
  await sendAlertOutward(trx, settings, toWalletAlert(row), now);
  return row;
}

export const alertSettingsChange = (row: WalletAlertSettingsTable) => ({
  resellerId: row.reseller_id,
  customerId: row.customer_id,
  entity: 'wallet_alert_settings' as const,
  id: row.wallet_id,
  op: 'update' as const,
  data: toAlertSettings(row),
});

export const autoTopUpChange = (row: Parameters<typeof toAutoTopUp>[0]) => ({
  resellerId: row.reseller_id,
  customerId: row.customer_id,
  entity: 'wallet_auto_top_up' as const,
  id: row.wallet_id,
  op: 'update' as const,
  data: toAutoTopUp(row),
});
