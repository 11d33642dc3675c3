import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { hashPassword } from '../../auth/secrets.js';
import type { Trx } from '../../db/database.js';
import { Failure } from '../failure.js';

/**
 * A password the API makes up for a new login or a reset: 120 random bits, 20 characters an admin
 * can read out or paste (base64url, no padding). It is answered once and only its hash is kept.
 */
export function generatedPassword(): string {
  return randomBytes(15).toString('base64url');
}

/**
 * The hash of the password an admin chose, or of one made up (`made`, answered once). Run before
 * the write's transaction: scrypt takes tens of milliseconds, no lock should wait on it.
 */
export async function newPassword(chosen: string | undefined): Promise<{ hash: string; made?: string }> {
  const made = chosen === undefined ? generatedPassword() : undefined;
  const hash = await hashPassword(chosen ?? made!);
  return made ? { hash, made } : { hash };
}

/** The email is how sign-in finds a user: it must be free across every reseller. */
export async function ensureEmailFree(trx: Trx, email: string, field = 'email'): Promise<void> {
  const taken = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (taken)
    throw new Failure('conflict', 'a user with this email already exists', field, {
      key: 'email_taken',
      values: {},
    });
}

/**
 * Serialises changes to one reseller's logins (PostgreSQL: a lock on the reseller row; SQLite has
 * one writer), so that two admins demoting each other at once cannot leave the reseller without one.
 */
export async function lockLogins(trx: Trx, resellerId: string): Promise<void> {
  if (trx.dialect !== 'postgres') return;
  await trx.selectFrom('resellers').select('id').where('id', '=', resellerId).forUpdate().execute();
}

/** Ends every session of a user at once (sign-in is needed again). */
export async function revokeSessions(trx: Trx, userId: string, now: string): Promise<void> {
  await trx
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** When the user last started a session. */
export async function lastSignIn(trx: Pick<Trx, 'selectFrom'>, userId: string): Promise<string | null> {
  const row = await trx
    .selectFrom('sessions')
    .select(sql<string | null>`max(created_at)`.as('at'))
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.at ?? null;
}
