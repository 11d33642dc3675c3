import type { WalletAlert } from '../../../shared/api/alerts.js';
import type { Trx } from '../../db/database.js';
import type { WalletAlertSettingsTable } from '../../db/schema.js';

/**
 * The email and webhook channels of an alert, written in the alert's own transaction (the events
 * and email outboxes deliver them later, with retries). The desktop channel is the change feed.
 */
export async function sendAlertOutward(
  _trx: Trx,
  _settings: WalletAlertSettingsTable | null,
  _alert: WalletAlert,
  _now: string,
): Promise<void> {
  // Wired to emitEvent / enqueueEmail once the events contract (branch s5/webhooks) is merged.
}
