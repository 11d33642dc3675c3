/**
 * The cache's rows as SQLite returns them, and their mapping back to the wire shapes the renderer
 * reads. The columns are the billing API's (`src/shared/wire-rows.ts` reads them for both sides); a
 * wallet read here also carries its customer's name.
 */
import type { Customer } from '../../shared/api/customers.js';
import type { Wallet } from '../../shared/api/wallets.js';
import {
  customerFromColumns,
  holdFromColumns,
  transactionFromColumns,
  walletFromColumns,
  type CustomerColumns,
  type HoldColumns,
  type TransactionColumns,
  type WalletColumns,
} from '../../shared/wire-rows.js';

export type CustomerRow = CustomerColumns;
export type WalletRow = WalletColumns & { customer_name: string; on_hold?: number };
export type TransactionRow = TransactionColumns;
export type HoldRow = HoldColumns;

export const toCustomer = customerFromColumns;
export const toWallet = (r: WalletRow): Wallet & { customerName: string } => {
  const { id, customerId, ...rest } = walletFromColumns(r);
  // In this key order, as the renderer has always received a wallet view.
  return { id, customerId, customerName: r.customer_name, ...rest, onHold: (r.on_hold ?? 0) !== 0 };
};
export const toTransaction = transactionFromColumns;
export const toHold = holdFromColumns;

/** What a customer search matches against: name, email and external reference, lower-cased. */
export function searchText(c: Customer): string {
  return [c.name, c.email, c.externalRef ?? ''].join('\n').toLowerCase();
}
