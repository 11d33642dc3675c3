import type { Trx } from '../../db/database.js';
import type { MovementResult } from '../../ledger/movements.js';
import type { Result } from '../result.js';
import type { Scope } from '../scope.js';
import { postMovement, type MovementInput } from './move.js';

/** A charge of `amount` to a wallet (a `payment` row); never below the available balance. */
export function debitWallet(
  trx: Trx,
  scope: Scope,
  input: MovementInput,
  now: string,
): Promise<Result<MovementResult, 'not_found' | 'wallet_closed' | 'insufficient_funds'>> {
  return postMovement(
    ['not_found', 'wallet_closed', 'insufficient_funds'],
    trx,
    scope,
    'payment',
    input,
    -input.amount,
    now,
  );
}
