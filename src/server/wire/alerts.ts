import type {
  AlertChannel,
  AlertSettings,
  AutoTopUp,
  AutoTopUpFailure,
  WalletAlert,
} from '../../shared/api/alerts.js';
import type { RefusalReason } from '../../shared/api/common.js';
import type { PaymentProviderId } from '../../shared/api/payments.js';
import type { Currency } from '../../shared/money.js';
import type { WalletAlertSettingsTable, WalletAlertTable, WalletAutoTopUpTable } from '../db/schema.js';
import { disabledWhy } from '../services/auto-top-up/reasons.js';

const list = <T>(json: string): T[] => JSON.parse(json) as T[];

/** A wallet's alert rule and state, as GET/PUT /v1/wallets/:id/alert-settings and the feed carry it. */
export function toAlertSettings(row: WalletAlertSettingsTable): AlertSettings {
  return {
    walletId: row.wallet_id,
    customerId: row.customer_id,
    threshold: row.threshold,
    runwayDays: row.runway_days,
    channels: list<AlertChannel>(row.channels),
    emails: list<string>(row.emails),
    state: row.state,
    stateSince: row.state_since,
    updatedAt: row.updated_at,
  };
}

/** One alert of the history (GET /v1/wallets/:id/alerts, the feed, the webhook's data). */
export function toWalletAlert(row: WalletAlertTable): WalletAlert {
  return {
    id: row.id,
    walletId: row.wallet_id,
    customerId: row.customer_id,
    type: row.type,
    reason: row.reason,
    message: row.message,
    availableBalance: row.available_balance,
    currency: row.currency as Currency,
    threshold: row.threshold,
    runwayDays: row.runway_days,
    daysLeft: row.days_left,
    channels: list<AlertChannel>(row.channels),
    autoTopUp: row.auto_top_up === null ? null : (JSON.parse(row.auto_top_up) as AutoTopUpFailure),
    createdAt: row.created_at,
  };
}

export function toAutoTopUp(row: WalletAutoTopUpTable): AutoTopUp {
  return {
    walletId: row.wallet_id,
    customerId: row.customer_id,
    enabled: row.enabled === 1,
    threshold: row.threshold,
    amount: row.amount,
    targetBalance: row.target_balance,
    paymentMethodId: row.payment_method_id,
    state: row.state,
    paymentId: row.payment_id,
    consecutiveFailures: row.consecutive_failures,
    attemptsToday: row.attempts_today,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    lastErrorReason:
      row.last_error_reason === null ? null : (JSON.parse(row.last_error_reason) as RefusalReason),
    disabledReason: row.disabled_reason,
    disabledWhy: disabledWhy(row.disabled_reason),
    chargeUnconfirmed:
      // A row read before 0481 (a migration test's) has none of these columns: never unconfirmed.
      row.state === 'pending' &&
      row.unconfirmed_asks &&
      row.unconfirmed_provider &&
      row.unconfirmed_code &&
      row.unconfirmed_since &&
      row.unconfirmed_retry_at
        ? {
            provider: row.unconfirmed_provider as PaymentProviderId,
            code: row.unconfirmed_code,
            asks: row.unconfirmed_asks,
            since: row.unconfirmed_since,
            retryAt: row.unconfirmed_retry_at,
          }
        : null,
    updatedAt: row.updated_at,
  };
}
