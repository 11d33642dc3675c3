import type { Customer } from '../../shared/api/customers.js';
import type { Hold, Wallet, WalletTransaction } from '../../shared/api/wallets.js';
import type { Currency } from '../../shared/money.js';
import type { CustomerTable, HoldTable, LedgerEntryTable, WalletTable } from '../db/schema.js';

/** Rows to the wire shapes the routes answer and the change feed carries. */

export function toCustomer(row: CustomerTable): Customer {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    externalRef: row.external_ref,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toWallet(row: WalletTable): Wallet {
  return {
    id: row.id,
    customerId: row.customer_id,
    currency: row.currency as Currency,
    status: row.status,
    balance: row.balance,
    pendingCharges: row.pending_charges,
    availableBalance: row.balance - row.pending_charges,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toTransaction(row: LedgerEntryTable): WalletTransaction {
  return {
    id: row.id,
    walletId: row.wallet_id,
    customerId: row.customer_id,
    type: row.type,
    amount: row.amount,
    balanceAfter: row.balance_after,
    currency: row.currency as Currency,
    status: row.status,
    description: row.description,
    reference: row.reference,
    relatedId: row.related_id,
    test: row.test === 1,
    createdAt: row.created_at,
  };
}

export function toHold(row: HoldTable): Hold {
  return {
    id: row.id,
    walletId: row.wallet_id,
    customerId: row.customer_id,
    amount: row.amount,
    capturedAmount: row.captured_amount,
    currency: row.currency as Currency,
    status: row.status,
    description: row.description,
    transactionId: row.transaction_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
