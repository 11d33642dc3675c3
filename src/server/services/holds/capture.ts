import type { Hold, Wallet, WalletTransaction } from '../../../shared/api/wallets.js';
import { newId } from '../../../shared/ids.js';
import type { Trx } from '../../db/database.js';
import { entryFor, holdChange, writeEntry } from '../../ledger/movements.js';
import { moveWallet } from '../../ledger/wallet-guard.js';
import { toHold } from '../../wire/hold.js';
import { toWallet } from '../../wire/wallet.js';
import { Failure } from '../failure.js';
import { claimHold } from './claim.js';
import { emitEvent } from '../../events/emit.js';
import { attempt, type Result } from '../result.js';
import { recordAudit } from '../audit/record.js';
import type { Scope } from '../scope.js';

/** Charges at most the held amount as a `payment` row; the rest of the hold is released. */
export async function captureHold(
  trx: Trx,
  scope: Scope,
  input: { holdId: string; /** Omitted: the whole hold. */ amount?: number | undefined },
  now: string,
): Promise<
  Result<
    { hold: Hold; transaction: WalletTransaction; wallet: Wallet },
    'not_found' | 'hold_not_pending' | 'validation'
  >
> {
  return attempt(['not_found', 'hold_not_pending', 'validation'], async () => {
    const transactionId = newId('transaction');
    const hold = await claimHold(
      trx,
      scope,
      input.holdId,
      { status: 'captured', captured_amount: input.amount, transaction_id: transactionId },
      now,
    );
    const amount = hold.captured_amount;
    if (amount > hold.amount) {
      throw new Failure('validation', `must be at most the held ${hold.amount} minor units`, 'amount');
    }
    const wallet = await moveWallet(
      trx,
      scope,
      hold.wallet_id,
      { balance: -amount, pending: -hold.amount },
      now,
    );
    const entry = {
      type: 'payment',
      amount: -amount,
      description: hold.description,
      relatedId: hold.id,
    } as const;
    const row = { ...entryFor(wallet, entry, now), id: transactionId };
    const transaction = await writeEntry(trx, wallet, row, [holdChange(hold, 'update')], now);
    const result = { hold: toHold(hold), transaction, wallet: toWallet(wallet) };
    await recordAudit(
      trx,
      scope,
      {
        action: 'hold.captured',
        entityType: 'hold',
        entityId: hold.id,
        before: { status: 'pending', amount: hold.amount },
        after: { status: 'captured', charged: amount, walletId: wallet.id, transactionId },
        reason: hold.description,
      },
      now,
    );
    await emitEvent(trx, scope.resellerId, 'wallet.payment_made', result, now);
    return result;
  });
}
