/**
 * Customers, wallets, ledger rows and holds are stored in the same columns on both sides: the
 * billing API's tables and the desktop's cache (which mirrors what the change feed carries). These
 * read such a row (snake_case columns; extra columns ignored) into its wire shape, once for both.
 */
import type { Customer } from './api/customers.js';
import type { Hold, Wallet, WalletTransaction } from './api/wallets.js';
import type { Currency } from './money.js';

export interface CustomerColumns {
  id: string;
  name: string;
  email: string;
  external_ref: string | null;
  /** 'en' | 'vi' | null; absent from tables older than customers' languages. */
  language?: string | null;
  language_set_by?: string | null;
  created_at: string;
  updated_at: string;
}

export interface WalletColumns {
  id: string;
  customer_id: string;
  currency: Currency;
  status: Wallet['status'];
  /** Minor units. */
  balance: number;
  pending_charges: number;
  created_at: string;
  updated_at: string;
}

export interface TransactionColumns {
  id: string;
  wallet_id: string;
  customer_id: string;
  type: WalletTransaction['type'];
  /** Signed minor units. */
  amount: number;
  balance_after: number;
  currency: Currency;
  status: WalletTransaction['status'];
  description: string;
  reference: string | null;
  related_id: string | null;
  /** 1: a test-mode movement (sandbox top-up), no real money. */
  test: number;
  /** JSON of the row's wording (ledger-wording.ts), or null; absent from tables older than it. */
  wording?: string | null;
  created_at: string;
}

export interface HoldColumns {
  id: string;
  wallet_id: string;
  customer_id: string;
  amount: number;
  captured_amount: number;
  currency: Currency;
  status: Hold['status'];
  description: string;
  transaction_id: string | null;
  created_at: string;
  updated_at: string;
}

export const customerFromColumns = (r: CustomerColumns): Customer => ({
  id: r.id,
  name: r.name,
  email: r.email,
  externalRef: r.external_ref,
  language: r.language === 'en' || r.language === 'vi' ? r.language : null,
  languageSetBy: r.language_set_by === 'admin' || r.language_set_by === 'user' ? r.language_set_by : null,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** `availableBalance` is what the holds leave: balance − pending charges. */
export const walletFromColumns = (r: WalletColumns): Wallet => ({
  id: r.id,
  customerId: r.customer_id,
  currency: r.currency,
  status: r.status,
  balance: r.balance,
  pendingCharges: r.pending_charges,
  availableBalance: r.balance - r.pending_charges,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const transactionFromColumns = (r: TransactionColumns): WalletTransaction => ({
  id: r.id,
  walletId: r.wallet_id,
  customerId: r.customer_id,
  type: r.type,
  amount: r.amount,
  balanceAfter: r.balance_after,
  currency: r.currency,
  status: r.status,
  description: r.description,
  reference: r.reference,
  relatedId: r.related_id,
  test: r.test === 1,
  ...(r.wording ? { wording: JSON.parse(r.wording) as WalletTransaction['wording'] } : {}),
  createdAt: r.created_at,
});

export const holdFromColumns = (r: HoldColumns): Hold => ({
  id: r.id,
  walletId: r.wallet_id,
  customerId: r.customer_id,
  amount: r.amount,
  capturedAmount: r.captured_amount,
  currency: r.currency,
  status: r.status,
  description: r.description,
  transactionId: r.transaction_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
