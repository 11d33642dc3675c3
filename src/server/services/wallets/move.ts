import type { AuditAction } from '../../../shared/api/audit.js';
import type { Trx } from '../../db/database.js';
import { postEntry, type MovementResult } from '../../ledger/movements.js';
import { attempt, type Result } from '../result.js';
import { recordAudit, type AuditEntry } from '../audit/record.js';
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

/** One ledger row of `type` moving the wallet by `signed` minor units, refused as the guard says. */
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
    postEntry(trx, scope, walletId, { type, amount: signed, description, reference }, now),
  );
}

/** Each kind of movement's audit action, by its ledger type. */
export const MOVEMENT_AUDIT_ACTION = {
  credit: 'wallet.credited',
  payment: 'wallet.debited',
  adjustment: 'wallet.adjusted',
} as const;

/**
 * The audit record of a staff movement (a merchant credit or an adjustment): the wallet's balance
 * before and after, the ledger row, and the reason the staff member gave (the row's description).
 */
export async function auditMovement(
  trx: Trx,
  scope: Scope,
  action: AuditAction,
  input: MovementInput,
  result: MovementResult,
  now: string,
): Promise<void> {
  await recordAudit(trx, scope, movementAudit(action, input, result), now);
}

/** What auditMovement records (also for batch/apply-movements.ts, which writes many at once). */
export function movementAudit(action: AuditAction, input: MovementInput, result: MovementResult): AuditEntry {
  const { wallet, transaction } = result;
  return {
    action,
    entityType: 'wallet',
    entityId: input.walletId,
    before: { balance: wallet.balance - transaction.amount },
    after: {
      balance: wallet.balance,
      amount: transaction.amount,
      transactionId: transaction.id,
      // A row the server worded itself (an order's refund): the reason, for a console to word alike.
      ...(transaction.wording ? { wording: transaction.wording } : {}),
    },
    reason: input.description,
  };
}
