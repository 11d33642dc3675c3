import type { z } from 'zod';
import type { createUserBody, User } from '../../../shared/api/auth.js';
import { newId } from '../../../shared/ids.js';
import { hashPassword } from '../../auth/secrets.js';
import type { Store } from '../../db/database.js';
import type { Scope } from '../scope.js';
import { ensureCustomer, ensureEmailFree, generatedPassword, toUser } from './common.js';

/**
 * Creates a login of the caller's reseller. Without a password, one is made up and answered once
 * (`password`); the email must be free across every reseller (it is how sign-in finds the user).
 */
export async function createUser(
  store: Store,
  scope: Scope,
  body: z.output<typeof createUserBody>,
  now: string,
): Promise<User & { password?: string }> {
  const made = body.password === undefined ? generatedPassword() : undefined;
  // Hashed before the transaction: scrypt takes tens of milliseconds, no lock should wait on it.
  const passwordHash = await hashPassword(body.password ?? made!);
  const row = {
    id: newId('user'),
    reseller_id: scope.resellerId,
    email: body.email,
    password_hash: passwordHash,
    role: body.role,
    customer_id: body.customerId ?? null,
    disabled_at: null,
    created_at: now,
  };
  await store.write(async (trx) => {
    await ensureEmailFree(trx, body.email);
    if (body.customerId) await ensureCustomer(trx, scope.resellerId, body.customerId);
    await trx.insertInto('users').values(row).execute();
  });
  return { ...toUser(row), ...(made ? { password: made } : {}) };
}
