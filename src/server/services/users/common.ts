import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { User } from '../../../shared/api/auth.js';
import type { Trx } from '../../db/database.js';
import type { UserTable } from '../../db/schema.js';
import { Failure, notFound } from '../failure.js';

type UserRow = Pick<UserTable, 'id' | 'email' | 'role' | 'customer_id' | 'created_at'> & {
  disabled_at?: string | null;
};

export function toUser(row: UserRow, lastSignInAt: string | null = null): User {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    customerId: row.customer_id,
    status: row.disabled_at ? 'disabled' : 'active',
    lastSignInAt,
    createdAt: row.created_at,
  };
}

/**
 * A password the API makes up for a new login or a reset: 120 random bits, 20 characters an admin
 * can read out or paste (base64url, no padding). It is answered once and only its hash is kept.
 */
export function generatedPassword(): string {
  return randomBytes(15).toString('base64url');
}

export async function ensureEmailFree(trx: Trx, email: string, field = 'email'): Promise<void> {
  const taken = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (taken) throw new Failure('conflict', 'a user with this email already exists', field);
}

export async function ensureCustomer(trx: Trx, resellerId: string, customerId: string): Promise<void> {
  const found = await trx
    .selectFrom('customers')
    .select('id')
    .where('id', '=', customerId)
    .where('reseller_id', '=', resellerId)
    .executeTakeFirst();
  if (!found) throw notFound('customer', 'customerId');
}

/**
 * Serialises changes to one reseller's logins (PostgreSQL: a lock on the reseller row; SQLite has
 * one writer), so that two admins demoting each other at once cannot leave the reseller without one.
 */
export async function lockLogins(trx: Trx, resellerId: string): Promise<void> {
  if (trx.dialect !== 'postgres') return;
  await trx.selectFrom('resellers').select('id').where('id', '=', resellerId).forUpdate().execute();
}

/** A user of this reseller, or not_found (another reseller's user is as unknown as a missing one). */
export async function findUser(trx: Trx, resellerId: string, id: string) {
  const row = await trx
    .selectFrom('users')
    .selectAll()
    .where('id', '=', id)
    .where('reseller_id', '=', resellerId)
    .executeTakeFirst();
  if (!row) throw notFound('user', 'id');
  return row;
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
