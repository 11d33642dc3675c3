import type { Trx } from '../../db/database.js';
import type { MovementResult } from '../../ledger/movements.js';
import type { Result } from '../result.js';
import type { Scope } from '../scope.js';
import { postMovement, type MovementInput } from './move.js';

/** A correction by a signed `amount` (an `adjustment` row), within the wallet's limits either way. */
export async function adjustWallet(
  trx: Trx,
  scope: Scope,
  input: MovementInput,
  now: string,
): Promise<Result<MovementResult, 'not_found' | 'wallet_closed' | 'insufficient_funds' | 'balance_limit'>> {
  const result = await postMovement(
    ['not_found', 'wallet_closed', 'insufficient_funds', 'balance_limit'],
    trx,
    scope,
    'adjustment',
    input,
    input.amount,
    now,
  );
  return result;
}
