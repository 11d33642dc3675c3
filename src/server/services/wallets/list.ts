import type { Wallet, WalletTransaction } from '../../../shared/api/wallets.js';
import { toTransaction } from '../../wire/transaction.js';
import { toWallet } from '../../wire/wallet.js';
import { findCustomer, findWallet, type Reader } from '../lookups.js';
import { decodeCursor, encodeCursor } from '../paging.js';
import type { Scope } from '../scope.js';

/** A customer's wallets, oldest first. */
export async function listWallets(db: Reader, scope: Scope, customerId: string): Promise<Wallet[]> {
  const customer = await findCustomer(db, scope, customerId);
  const rows = await db
    .selectFrom('wallets')
    .selectAll()
    .where('customer_id', '=', customer.id)
    .orderBy('created_at')
    .execute();
  return rows.map(toWallet);
}

export interface TransactionFilter {
  type?: WalletTransaction['type'] | undefined;
  /** ISO instants: from inclusive, to exclusive. */
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** A wallet's ledger, newest first (by the wallet's version), a page after `cursor`. */
export async function listTransactions(
  db: Reader,
  scope: Scope,
  walletId: string,
  filter: TransactionFilter,
): Promise<{ items: WalletTransaction[]; nextCursor: string | null }> {
  const wallet = await findWallet(db, scope, walletId);
  const { type, from, to, limit, cursor } = filter;
  let q = db.selectFrom('ledger_entries').selectAll().where('wallet_id', '=', wallet.id);
  if (type) q = q.where('type', '=', type);
  if (from) q = q.where('created_at', '>=', new Date(from).toISOString());
  if (to) q = q.where('created_at', '<', new Date(to).toISOString());
  if (cursor) q = q.where('wallet_version', '<', Number(decodeCursor(cursor, ['number'])[0]));
  const rows = await q
    .orderBy('wallet_version', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toTransaction),
    nextCursor: rows.length > limit && last ? encodeCursor([last.wallet_version]) : null,
  };
}
