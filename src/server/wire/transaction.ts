import type { WalletTransaction } from '../../shared/api/wallets.js';
import type { LedgerEntryTable } from '../db/schema.js';

/** A ledger row as the routes answer it and the change feed carries it. */
export function toTransaction(row: LedgerEntryTable): WalletTransaction {
  return {
    id: row.id,
    walletId: row.wallet_id,
    customerId: row.customer_id,
    type: row.type,
    amount: row.amount,
    balanceAfter: row.balance_after,
    currency: row.currency,
    status: row.status,
    description: row.description,
    reference: row.reference,
    relatedId: row.related_id,
    test: row.test === 1,
    ...(row.wording ? { wording: JSON.parse(row.wording) as WalletTransaction['wording'] } : {}),
    createdAt: row.created_at,
  };
}
