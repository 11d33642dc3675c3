import type { Trx } from '../../db/database.js';
import type { MovementResult } from '../../ledger/movements.js';
import type { Result } from '../result.js';
import type { Scope } from '../scope.js';
import { emitEvent } from '../../events/emit.js';
import { postMovement, type MovementInput } from './move.js';

/**
 * A merchant credit: the reseller adds `amount` to a wallet (a `credit` row). The reseller's maximum
 * per movement is checked before the write (services/movement-limits). Funds added to a wallet are
 * `wallet.topped_up` whoever added them; a merchant credit's data has no `payment`.
 */
export async function creditWallet(
  trx: Trx,
  scope: Scope,
  input: MovementInput,
  now: string,
): Promise<Result<MovementResult, 'not_found' | 'wallet_closed' | 'balance_limit'>> {
  const result = await postMovement(
    ['not_found', 'wallet_closed', 'balance_limit'],
    trx,
    scope,
    'credit',
    input,
    input.amount,
    now,
  );
  if (result.ok) await emitEvent(trx, scope.resellerId, 'wallet.topped_up', { ...result.value }, now);
  return result;
}
