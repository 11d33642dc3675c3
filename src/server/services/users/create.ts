import { newId } from '../../../shared/ids.js';
import type { Selectable } from 'kysely';
import type { Trx } from '../../db/database.js';
import type { UserTable } from '../../db/schema.js';
import { findCustomer } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import { recordAudit } from '../audit/record.js';
import type { Scope } from '../scope.js';
import { ensureEmailFree } from './common.js';

export interface CreateUser {
  email: string;
  role: UserTable['role'];
  /** The customer a customer login acts for (required for that role, validated by the schema). */
  customerId?: string | undefined;
  /** From newPassword(), hashed before the transaction. */
  passwordHash: string;
}

/**
 * Creates a login of the caller's reseller. The email must be free across every reseller (it is
 * how sign-in finds the user); a customer login names a customer of this reseller.
 */
export function createUser(
  trx: Trx,
  scope: Scope,
  input: CreateUser,
  now: string,
): Promise<Result<Selectable<UserTable>, 'conflict' | 'not_found'>> {
  return attempt(['conflict', 'not_found'], async () => {
    await ensureEmailFree(trx, input.email);
    if (input.customerId) await findCustomer(trx, scope, input.customerId, { field: 'customerId' });
    const row: Selectable<UserTable> = {
      id: newId('user'),
      reseller_id: scope.resellerId,
      email: input.email,
      password_hash: input.passwordHash,
      role: input.role,
      customer_id: input.customerId ?? null,
      disabled_at: null,
      language: null,
      created_at: now,
    };
    await trx.insertInto('users').values(row).execute();
    const after = { email: row.email, role: row.role, customerId: row.customer_id };
    await recordAudit(
      trx,
      scope,
      { action: 'user.created', entityType: 'user', entityId: row.id, after },
      now,
    );
    return row;
  });
}
