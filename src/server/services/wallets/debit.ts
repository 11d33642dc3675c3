import type { Trx } from '../../db/database.js';
import type { MovementResult } from '../../ledger/movements.js';
import type { Result } from '../result.js';
import type { Scope } from '../scope.js';
import { postMovement, type MovementInput } from './move.js';
import { emitEvent } from '../../events/emit.js';

/** A charge of `amount` to a wallet (a `payment` row); never below the available balance. */
export async function debitWallet(
  trx: Trx,
  scope: Scope,
  input: MovementInput,
  now: string,
): Promise<Result<MovementResult, 'not_found' | 'wallet_closed' | 'insufficient_funds'>> {
  const result = await postMovement(
    ['not_found', 'wallet_closed', 'insufficient_funds'],
    trx,
    scope,
    'payment',
    input,
    -input.amount,
    now,
  );
  if (result.ok) await emitEvent(trx, scope.resellerId, 'wallet.payment_made', { ...result.value }, now);
  return result;
}
