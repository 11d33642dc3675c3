import type { AlertChannel, WalletAlert } from '../../../shared/api/alerts.js';
import type { Trx } from '../../db/database.js';
import type { WalletAlertSettingsTable } from '../../db/schema.js';
import { addressRecipients, customerLanguage, enqueueEmailIn } from '../../email/index.js';
import { walletAlertEmail } from '../../email/templates/wallet-alert.js';
import { emitEvent } from '../../events/index.js';

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
    // Addresses the settings name: a staff login's reads its own language, any other the customer's.
    const to = JSON.parse(settings.emails) as string[];
    const otherwise = await customerLanguage(trx, alert.customerId);
    const recipients = await addressRecipients(trx, resellerId, to, otherwise);
    await enqueueEmailIn(trx, resellerId, recipients, (text) => walletAlertEmail(text, alert), now);
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
