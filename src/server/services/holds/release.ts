import type { Hold, Wallet } from '../../../shared/api/wallets.js';
import type { Trx } from '../../db/database.js';
import { holdChange, walletChange } from '../../ledger/movements.js';
import { moveWallet } from '../../ledger/wallet-guard.js';
import { recordChanges } from '../../sync/record.js';
import { afterWalletMoved } from '../alerts/evaluate.js';
import { toHold } from '../../wire/hold.js';
import { toWallet } from '../../wire/wallet.js';
import { attempt, type Result } from '../result.js';
import { recordAudit } from '../audit/record.js';
import type { Scope } from '../scope.js';
import { claimHold } from './claim.js';

/** Gives a pending hold's amount back to the available balance; nothing is charged. */
export async function releaseHold(
  trx: Trx,
  scope: Scope,
  input: { holdId: string },
  now: string,
): Promise<Result<{ hold: Hold; wallet: Wallet }, 'not_found' | 'hold_not_pending'>> {
  return attempt(['not_found', 'hold_not_pending'], async () => {
    const hold = await claimHold(
      trx,
      scope,
      input.holdId,
      { status: 'released', captured_amount: 0, transaction_id: null },
      now,
    );
    const wallet = await moveWallet(trx, scope, hold.wallet_id, { balance: 0, pending: -hold.amount }, now);
    await recordChanges(trx, now, [walletChange(wallet), holdChange(hold, 'update')]);
    await recordAudit(
      trx,
      scope,
      {
        action: 'hold.released',
        entityType: 'hold',
        entityId: hold.id,
        before: { status: 'pending', amount: hold.amount },
        after: { status: 'released', walletId: wallet.id },
        reason: hold.description,
      },
      now,
    );
    await afterWalletMoved(trx, wallet, now);
    return { hold: toHold(hold), wallet: toWallet(wallet) };
  });
}
