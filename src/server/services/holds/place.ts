import type { Hold, Wallet } from '../../../shared/api/wallets.js';
import { newId } from '../../../shared/ids.js';
import type { Trx } from '../../db/database.js';
import type { HoldTable } from '../../db/schema.js';
import { holdChange, walletChange } from '../../ledger/movements.js';
import { moveWallet } from '../../ledger/wallet-guard.js';
import { recordChanges } from '../../sync/record.js';
import { afterWalletMoved } from '../alerts/evaluate.js';
import { toHold } from '../../wire/hold.js';
import { toWallet } from '../../wire/wallet.js';
import { attempt, type Result } from '../result.js';
import { recordAudit } from '../audit/record.js';
import type { Scope } from '../scope.js';

export interface PlaceHoldInput {
  walletId: string;
  /** Minor units reserved. */
  amount: number;
  description: string;
}

/** Reserves `amount` for a pending charge: it counts in pendingCharges, not in balance. */
export async function placeHold(
  trx: Trx,
  scope: Scope,
  input: PlaceHoldInput,
  now: string,
): Promise<Result<{ hold: Hold; wallet: Wallet }, 'not_found' | 'wallet_closed' | 'insufficient_funds'>> {
  return attempt(['not_found', 'wallet_closed', 'insufficient_funds'], async () => {
    const wallet = await moveWallet(trx, scope, input.walletId, { balance: 0, pending: input.amount }, now);
    const hold: HoldTable = {
      id: newId('hold'),
      reseller_id: wallet.reseller_id,
      customer_id: wallet.customer_id,
      wallet_id: wallet.id,
      amount: input.amount,
      captured_amount: 0,
      currency: wallet.currency,
      status: 'pending',
      description: input.description,
      transaction_id: null,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('holds').values(hold).execute();
    await recordAudit(
      trx,
      scope,
      {
        action: 'hold.placed',
        entityType: 'hold',
        entityId: hold.id,
        after: { walletId: wallet.id, amount: hold.amount, currency: hold.currency },
        reason: hold.description,
      },
      now,
    );
    await recordChanges(trx, now, [walletChange(wallet), holdChange(hold, 'create')]);
    await afterWalletMoved(trx, wallet, now);
    return { hold: toHold(hold), wallet: toWallet(wallet) };
  });
}
