/**
 * The cache's rows as SQLite returns them (snake_case columns), and their mapping back to the wire
 * shapes the renderer reads. The reads per screen share these.
 */
import type { Customer } from '../../shared/api/customers.js';
import type { Hold, Wallet, WalletTransaction } from '../../shared/api/wallets.js';
import type { Currency } from '../../shared/money.js';

export interface CustomerRow {
  id: string;
  name: string;
  email: string;
  external_ref: string | null;
  created_at: string;
  updated_at: string;
}
export interface WalletRow {
  id: string;
  customer_id: string;
  customer_name: string;
  currency: string;
  status: 'active' | 'closed';
  balance: number;
  pending_charges: number;
  created_at: string;
  updated_at: string;
}
export interface TransactionRow {
  id: string;
  wallet_id: string;
  customer_id: string;
  type: WalletTransaction['type'];
  amount: number;
  balance_after: number;
  currency: string;
  status: 'completed';
  description: string;
  reference: string | null;
  related_id: string | null;
  test: number;
  created_at: string;
}
export interface HoldRow {
  id: string;
  wallet_id: string;
  customer_id: string;
  amount: number;
  captured_amount: number;
  currency: string;
  status: Hold['status'];
  description: string;
  transaction_id: string | null;
  created_at: string;
  updated_at: string;
}

export const toCustomer = (r: CustomerRow): Customer => ({
  id: r.id,
  name: r.name,
  email: r.email,
  externalRef: r.external_ref,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
export const toWallet = (r: WalletRow): Wallet & { customerName: string } => ({
  id: r.id,
  customerId: r.customer_id,
  customerName: r.customer_name,
  currency: r.currency as Currency,
  status: r.status,
  balance: r.balance,
  pendingCharges: r.pending_charges,
  availableBalance: r.balance - r.pending_charges,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
export const toTransaction = (r: TransactionRow): WalletTransaction => ({
  id: r.id,
  walletId: r.wallet_id,
  customerId: r.customer_id,
  type: r.type,
  amount: r.amount,
  balanceAfter: r.balance_after,
  currency: r.currency as Currency,
  status: r.status,
  description: r.description,
  reference: r.reference,
  relatedId: r.related_id,
  test: r.test === 1,
  createdAt: r.created_at,
});
export const toHold = (r: HoldRow): Hold => ({
  id: r.id,
  walletId: r.wallet_id,
  customerId: r.customer_id,
  amount: r.amount,
  capturedAmount: r.captured_amount,
  currency: r.currency as Currency,
  status: r.status,
  description: r.description,
  transactionId: r.transaction_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** What a customer search matches against: name, email and external reference, lower-cased. */
export function searchText(c: Customer): string {
  return [c.name, c.email, c.externalRef ?? ''].join('\n').toLowerCase();
}
