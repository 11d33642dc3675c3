import type { AutoTopUpAttempt } from '../../../shared/api/alerts.js';
import type { RefusalReason } from '../../../shared/api/common.js';
import type { PaymentProviderId } from '../../../shared/api/payments.js';
import type { Currency } from '../../../shared/money.js';
import type { Store, Trx } from '../../db/database.js';
import { findWallet } from '../lookups.js';
import type { Scope } from '../scope.js';

type Reader = Trx | Store['db'];

/**
 * GET /v1/wallets/:id/auto-top-up/attempts: a wallet's auto top-up charges, newest first, at most
 * `limit`. Whoever may see the wallet reads them (support agents too; a customer its own wallets'):
 * findWallet scopes it to the caller's tenant. The pending charge whose provider could not be asked
 * about it says so (`waitingOn`, from the auto top-up's chargeUnconfirmed record). A try refused
 * before any payment existed is a failed attempt without a payment (chargeFailed's `refused`; a stop
 * by the daily cap, claimCharge's).
 */
export async function listAutoTopUpAttempts(
  db: Reader,
  scope: Scope,
  walletId: string,
  limit: number,
): Promise<AutoTopUpAttempt[]> {
  const wallet = await findWallet(db, scope, walletId);
  const rows = await db
    .selectFrom('auto_top_up_attempts')
    .selectAll()
    .where('wallet_id', '=', wallet.id)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  const setting = await db
    .selectFrom('wallet_auto_top_ups')
    .select(['state', 'payment_id', 'unconfirmed_provider', 'unconfirmed_since'])
    .where('wallet_id', '=', wallet.id)
    .executeTakeFirst();
  const waiting =
    setting?.state === 'pending' && setting.unconfirmed_provider && setting.unconfirmed_since
      ? {
          paymentId: setting.payment_id,
          provider: setting.unconfirmed_provider as PaymentProviderId,
          since: setting.unconfirmed_since,
        }
      : null;
  return rows.map((row) => ({
    id: row.id,
    walletId: row.wallet_id,
    paymentId: row.payment_id,
    amount: row.amount,
    currency: wallet.currency as Currency,
    status: row.status,
    error: row.error,
    errorReason: row.error_reason ? (JSON.parse(row.error_reason) as RefusalReason) : null,
    waitingOn:
      waiting && row.status === 'pending' && row.payment_id === waiting.paymentId
        ? { provider: waiting.provider, since: waiting.since }
        : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}
