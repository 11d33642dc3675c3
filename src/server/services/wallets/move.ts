import type { Trx } from '../../db/database.js';
import { postEntry, type MovementResult } from '../../ledger/movements.js';
import { attempt, type Result } from '../result.js';
import type { Scope } from '../scope.js';

/** A credit, debit or adjustment of one wallet, as its service receives it (validated). */
export interface MovementInput {
  walletId: string;
  /** Positive minor units (signed for an adjustment). */
  amount: number;
  description: string;
  reference?: string | undefined;
}

/** The refusals a wallet movement can meet (ledger/wallet-guard.ts says which and why). */
export type MovementRefusal = 'not_found' | 'wallet_closed' | 'insufficient_funds' | 'balance_limit';

/**
 * One ledger row of `type` moving the wallet by `signed` minor units, refused as the guard says. The
 * row is the movement's audit record too (MOVEMENT_AUDIT_ACTION, by the scope's actor).
 */
export function postMovement<C extends MovementRefusal>(
  codes: readonly C[],
  trx: Trx,
  scope: Scope,
  type: 'credit' | 'payment' | 'adjustment',
  input: MovementInput,
  signed: number,
  now: string,
): Promise<Result<MovementResult, C>> {
  const { walletId, description, reference } = input;
  return attempt(codes, () =>
    postEntry(
      trx,
      scope,
      walletId,
      {
        type,
        amount: signed,
        description,
        reference,
        audit: { action: MOVEMENT_AUDIT_ACTION[type], actor: scope.actor },
      },
      now,
    ),
  );
}

/** Each kind of movement's audit action, by its ledger type. */
export const MOVEMENT_AUDIT_ACTION = {
  credit: 'wallet.credited',
  payment: 'wallet.debited',
  adjustment: 'wallet.adjusted',
} as const;
