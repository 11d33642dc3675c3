import { sql, type Kysely } from 'kysely';
import type { User } from '../../../shared/api/auth.js';
import type { Database } from '../../db/schema.js';
import { toUser } from '../../wire/user.js';

/** A reseller's logins, oldest first, each with when it last signed in. */
export async function listUsers(db: Kysely<Database>, resellerId: string): Promise<User[]> {
  const rows = await db
    .selectFrom('users')
    .selectAll('users')
    .select((eb) =>
      eb
        .selectFrom('sessions')
        .select(sql<string | null>`max(sessions.created_at)`.as('at'))
        .whereRef('sessions.user_id', '=', 'users.id')
        .as('last_sign_in_at'),
    )
    .where('users.reseller_id', '=', resellerId)
    .orderBy('users.created_at')
    .orderBy('users.id')
    .execute();
  return rows.map((r) => toUser(r, r.last_sign_in_at ?? null));
}
