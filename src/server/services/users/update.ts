import type { UpdateUser, User } from '../../../shared/api/auth.js';
import type { Trx } from '../../db/database.js';
import { Failure } from '../failure.js';
import { recordAudit } from '../audit/record.js';
import type { Scope } from '../scope.js';
import { toUser } from '../../wire/user.js';
import { findCustomer, findUser } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import { lastSignIn, lockLogins, revokeSessions } from './common.js';

/**
 * Changes a login's role, customer link or status. A customer login names a customer of this
 * reseller; a staff login names none (a change to staff drops the link). Disabling ends the user's
 * sessions in the same transaction. No change may leave the reseller without an active admin.
 */
export function updateUser(
  trx: Trx,
  scope: Scope,
  input: { id: string; patch: UpdateUser },
  now: string,
): Promise<Result<User, 'not_found' | 'validation' | 'conflict'>> {
  return attempt(['not_found', 'validation', 'conflict'], () =>
    update(trx, scope, input.id, input.patch, now),
  );
}

async function update(trx: Trx, scope: Scope, id: string, patch: UpdateUser, now: string): Promise<User> {
  await lockLogins(trx, scope.resellerId);
  const user = await findUser(trx, scope, id);
  const role = patch.role ?? user.role;
  let customerId = patch.customerId === undefined ? user.customer_id : patch.customerId;
  if (role !== 'customer') {
    if (patch.customerId) {
      throw new Failure('validation', 'only a customer login is linked to a customer', 'customerId');
    }
    customerId = null;
  } else if (!customerId) {
    throw new Failure('validation', 'a customer login must be linked to a customer', 'customerId');
  } else if (customerId !== user.customer_id) {
    await findCustomer(trx, scope, customerId, { field: 'customerId' });
  }
  const disabledAt =
    patch.disabled === undefined ? user.disabled_at : patch.disabled ? (user.disabled_at ?? now) : null;

  const wasActiveAdmin = user.role === 'reseller_admin' && !user.disabled_at;
  const staysActiveAdmin = role === 'reseller_admin' && !disabledAt;
  if (wasActiveAdmin && !staysActiveAdmin) {
    const others = await trx
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('reseller_id', '=', scope.resellerId)
      .where('role', '=', 'reseller_admin')
      .where('disabled_at', 'is', null)
      .where('id', '!=', user.id)
      .executeTakeFirstOrThrow();
    if (Number(others.n) === 0) {
      throw new Failure(
        'conflict',
        'this is the last active admin: make another user an admin first',
        patch.disabled ? 'disabled' : 'role',
      );
    }
  }

  const row = await trx
    .updateTable('users')
    .set({ role, customer_id: customerId, disabled_at: disabledAt })
    .where('id', '=', user.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (disabledAt && !user.disabled_at) await revokeSessions(trx, user.id, now);
  const state = (u: typeof user) => ({
    role: u.role,
    customerId: u.customer_id,
    disabled: u.disabled_at !== null,
  });
  await recordAudit(
    trx,
    scope,
    { action: 'user.updated', entityType: 'user', entityId: user.id, before: state(user), after: state(row) },
    now,
  );
  return toUser(row, await lastSignIn(trx, user.id));
}
