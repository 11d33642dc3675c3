import type { TicketAssignee } from '../../../shared/api/tickets.js';
import type { Reader } from '../lookups.js';
import type { Scope } from '../scope.js';

/**
 * Who a ticket may be assigned to: the reseller's active admins and support agents, by email.
 * Support agents see this list (they assign tickets) although they may not list users: it carries
 * no role changes, customers or disabled logins, only the names the ticket threads already show.
 */
export async function listTicketAssignees(db: Reader, scope: Scope): Promise<TicketAssignee[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email', 'role'])
    .where('reseller_id', '=', scope.resellerId)
    .where('role', 'in', ['reseller_admin', 'support_agent'])
    .where('disabled_at', 'is', null)
    .orderBy('email')
    .orderBy('id')
    .execute();
  return rows.map((u) => ({
    id: u.id,
    name: u.email,
    role: u.role === 'reseller_admin' ? 'reseller_admin' : 'support_agent',
  }));
}
