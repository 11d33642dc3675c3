import type { User } from '../../../shared/api/auth.js';
import type { Trx } from '../../db/database.js';
import { toUser } from '../../wire/user.js';
import { findUser } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import { recordAudit } from '../audit/record.js';
import type { Scope } from '../scope.js';
import { lastSignIn, revokeSessions } from './common.js';

export interface ResetPassword {
  /** The user's id. */
  id: string;
  /** From newPassword(), hashed before the transaction. */
  passwordHash: string;
  /** Whoever resets it keeps its own session. */
  callerUserId: string | null;
}

/**
 * Sets a user's password. The user's other sessions end (whoever knew the old password is signed
 * out), except the caller's own.
 */
export function resetPassword(
  trx: Trx,
  scope: Scope,
  input: ResetPassword,
  now: string,
): Promise<Result<User, 'not_found'>> {
  return attempt(['not_found'], async () => {
    const found = await findUser(trx, scope, input.id);
    await trx
      .updateTable('users')
      .set({ password_hash: input.passwordHash })
      .where('id', '=', found.id)
      .execute();
    if (found.id !== input.callerUserId) await revokeSessions(trx, found.id, now);
    // The password itself never goes in the trail: only that it was set, and by whom.
    await recordAudit(
      trx,
      scope,
      { action: 'user.password_reset', entityType: 'user', entityId: found.id },
      now,
    );
    return toUser(found, await lastSignIn(trx, found.id));
  });
}
