import type { User } from '../../../shared/api/auth.js';
import { hashPassword } from '../../auth/secrets.js';
import type { Store } from '../../db/database.js';
import type { Scope } from '../scope.js';
import { findUser, generatedPassword, lastSignIn, revokeSessions, toUser } from './common.js';

/**
 * Sets a user's password: the one the admin chose, or one made up and answered once. The user's
 * other sessions end (whoever knew the old password is signed out), except the caller's own.
 */
export async function resetPassword(
  store: Store,
  scope: Scope,
  caller: { userId: string | null },
  id: string,
  body: { password?: string | undefined },
  now: string,
): Promise<{ user: User; password?: string }> {
  const made = body.password === undefined ? generatedPassword() : undefined;
  const passwordHash = await hashPassword(body.password ?? made!);
  const user = await store.write(async (trx) => {
    const found = await findUser(trx, scope.resellerId, id);
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', found.id).execute();
    if (found.id !== caller.userId) await revokeSessions(trx, found.id, now);
    return toUser(found, await lastSignIn(trx, found.id));
  });
  return { user, ...(made ? { password: made } : {}) };
}
