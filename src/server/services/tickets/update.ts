import type { Ticket, UpdateTicketBody } from '../../../shared/api/tickets.js';
import type { Trx } from '../../db/database.js';
import { ok, refuse, type Result } from '../result.js';
import type { Scope } from '../scope.js';
import { findTicket, publishTicket, readTicket } from './common.js';

/** Staff change a ticket's status or assignee; the assignee is an admin or support agent of the tenant. */
export async function updateTicket(
  trx: Trx,
  scope: Scope,
  input: { id: string } & UpdateTicketBody,
  now: string,
): Promise<Result<Ticket, 'not_found' | 'validation'>> {
  const row = await findTicket(trx, scope, input.id);
  if (!row) return refuse('not_found', 'no such ticket', 'id');
  if (input.assigneeUserId) {
    const user = await trx
      .selectFrom('users')
      .select('id')
      .where('id', '=', input.assigneeUserId)
      .where('reseller_id', '=', scope.resellerId)
      .where('role', 'in', ['reseller_admin', 'support_agent'])
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    if (!user) {
      return refuse(
        'validation',
        'must be an active admin or support agent of this reseller',
        'assigneeUserId',
      );
    }
  }
  const status = input.status ?? row.status;
  const assignee = input.assigneeUserId === undefined ? row.assignee_user_id : input.assigneeUserId;
  // Setting what is already there changes nothing and puts nothing on the feed.
  if (status === row.status && assignee === row.assignee_user_id) {
    return ok(await readTicket(trx, row));
  }
  await trx
    .updateTable('tickets')
    .set({ status, assignee_user_id: assignee, updated_at: now })
    .where('id', '=', row.id)
    .execute();
  return ok(await publishTicket(trx, row.id, 'update', now));
}
