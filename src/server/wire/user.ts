import type { User } from '../../shared/api/auth.js';
import type { UserTable } from '../db/schema.js';

type UserRow = Pick<UserTable, 'id' | 'email' | 'role' | 'customer_id' | 'created_at'> & {
  disabled_at?: string | null;
};

/** A login as its admin sees it (never its password hash), with when it last signed in. */
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
