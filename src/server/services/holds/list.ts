import type { Hold } from '../../../shared/api/wallets.js';
import { toHold } from '../../wire/hold.js';
import { findWallet, type Reader } from '../lookups.js';
import type { Scope } from '../scope.js';

/** A wallet's holds, newest first. */
export async function listHolds(db: Reader, scope: Scope, walletId: string): Promise<Hold[]> {
  const wallet = await findWallet(db, scope, walletId);
  const rows = await db
    .selectFrom('holds')
    .selectAll()
    .where('wallet_id', '=', wallet.id)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toHold);
}
