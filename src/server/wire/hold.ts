import type { Hold } from '../../shared/api/wallets.js';
import type { HoldTable } from '../db/schema.js';

/** A hold row as the routes answer it and the change feed carries it. */
export function toHold(row: HoldTable): Hold {
  return {
    id: row.id,
    walletId: row.wallet_id,
    customerId: row.customer_id,
    amount: row.amount,
    capturedAmount: row.captured_amount,
    currency: row.currency,
    status: row.status,
    description: row.description,
    transactionId: row.transaction_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
