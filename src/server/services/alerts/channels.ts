import type { AlertChannel, WalletAlert } from '../../../shared/api/alerts.js';
import { formatMoney, isCurrency } from '../../../shared/money.js';
import type { Trx } from '../../db/database.js';
import type { WalletAlertSettingsTable } from '../../db/schema.js';
import { enqueueEmail } from '../../email/index.js';
import { emitEvent } from '../../events/index.js';
import { escapeHtml } from '../../lib/html.js';

const SUBJECTS: Record<WalletAlert['type'], string> = {
  'wallet.balance_low': 'Low balance',
  'wallet.balance_recovered': 'Balance recovered',
  'wallet.auto_top_up_failed': 'Auto top-up failed',
};

/**
 * The email and webhook channels of an alert, written in the alert's own transaction (the events
 * and email outboxes deliver them after commit, with retries). The desktop channel is the change
 * feed itself (the `wallet_alert` entry). `wallet.auto_top_up_failed` always raises its webhook
 * event; the balance events go out on the channels the wallet's settings choose.
 */
export async function sendAlertOutward(
  trx: Trx,
  settings: WalletAlertSettingsTable | null,
  alert: WalletAlert,
  now: string,
): Promise<void> {
  const channels = settings ? (JSON.parse(settings.channels) as AlertChannel[]) : [];
  const resellerId = settings?.reseller_id ?? (await resellerOf(trx, alert.walletId));
  if (channels.includes('webhook') || alert.type === 'wallet.auto_top_up_failed') {
    await emitEvent(trx, resellerId, alert.type, { ...alert }, now);
  }
  if (settings && channels.includes('email')) {
    const to = JSON.parse(settings.emails) as string[];
    const available = isCurrency(alert.currency)
      ? formatMoney(alert.availableBalance, alert.currency)
      : `${alert.availableBalance} ${alert.currency}`;
    const subject = `${SUBJECTS[alert.type]}: wallet ${alert.walletId} (${available} available)`;
    const text = `${alert.message}\n\nWallet: ${alert.walletId}\nAvailable balance: ${available}\nAt: ${alert.createdAt}\n`;
    const html =
      `<p>${escapeHtml(alert.message)}</p>` +
      `<p>Wallet: ${escapeHtml(alert.walletId)}<br>Available balance: ${escapeHtml(available)}<br>` +
      `At: ${escapeHtml(alert.createdAt)}</p>`;
    await enqueueEmail(trx, resellerId, { to, subject, text, html }, now);
  }
}

async function resellerOf(trx: Trx, walletId: string): Promise<string> {
  const wallet = await trx
    .selectFrom('wallets')
    .select('reseller_id')
    .where('id', '=', walletId)
    .executeTakeFirstOrThrow();
  return wallet.reseller_id;
}
