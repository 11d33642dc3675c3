import type { Wallet } from '../../../shared/api/wallets.js';
import type { Trx } from '../../db/database.js';
import { walletChange } from '../../ledger/movements.js';
import { recordChanges } from '../../sync/record.js';
import { toWallet } from '../../wire/wallet.js';
import { Failure } from '../failure.js';
import { findWallet } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import type { Scope } from '../scope.js';

/** Closes a wallet with no pending charges (`conflict` otherwise); closing a closed one changes nothing. */
export async function closeWallet(
  trx: Trx,
  scope: Scope,
  input: { walletId: string },
  now: string,
): Promise<Result<Wallet, 'not_found' | 'conflict'>> {
  return attempt(['not_found', 'conflict'], async () => {
    const wallet = await findWallet(trx, scope, input.walletId);
    if (wallet.status === 'closed') return toWallet(wallet);
    if (wallet.pending_charges > 0) {
      throw new Failure('conflict', 'this wallet has pending charges; capture or release its holds first');
    }
    const row = await trx
      .updateTable('wallets')
      .set({ status: 'closed', updated_at: now })
      .where('id', '=', wallet.id)
      .where('pending_charges', '=', 0)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new Failure('conflict', 'a hold was placed while closing; try again');
    await recordChanges(trx, now, [walletChange(row)]);
    return toWallet(row);
  });
}
