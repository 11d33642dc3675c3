import type { Wallet } from '../../shared/api/wallets.js';
import type { WalletTable } from '../db/schema.js';

/** A wallet row as the routes answer it and the change feed carries it. */
export function toWallet(row: WalletTable): Wallet {
  return {
    id: row.id,
    customerId: row.customer_id,
    currency: row.currency,
    status: row.status,
    balance: row.balance,
    pendingCharges: row.pending_charges,
    availableBalance: row.balance - row.pending_charges,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    onHold: (row.spending_hold ?? 0) !== 0,
  };
}
