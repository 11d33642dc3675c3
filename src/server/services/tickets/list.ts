import type { ListTicketsQuery, Ticket } from '../../../shared/api/tickets.js';
import type { Reader } from '../lookups.js';
import type { TicketMessageTable } from '../../db/schema.js';
import { newestFirstPage } from '../paging.js';
import type { Scope } from '../scope.js';
import { toTicket } from '../../wire/ticket.js';

/**
 * The queue (staff: every customer's, filtered by status, assignee — "none" for unassigned —,
 * customer or the record it is about) or a customer's own tickets; newest first, with threads.
 */
export async function listTickets(
  db: Reader,
  scope: Scope,
  query: ListTicketsQuery,
): Promise<{ items: Ticket[]; nextCursor: string | null }> {
  let q = db.selectFrom('tickets').selectAll().where('reseller_id', '=', scope.resellerId);
  const customerId = scope.customerId ?? query.customerId;
  if (customerId) q = q.where('customer_id', '=', customerId);
  if (scope.customerId && query.customerId && query.customerId !== scope.customerId) {
    return { items: [], nextCursor: null };
  }
  if (query.status) q = q.where('status', '=', query.status);
  if (query.about) q = q.where('subject_id', '=', query.about);
  if (query.assignee === 'none') q = q.where('assignee_user_id', 'is', null);
  else if (query.assignee) q = q.where('assignee_user_id', '=', query.assignee);
  const { page, nextCursor } = await newestFirstPage(q, query.cursor, query.limit);

  const threads = new Map<string, TicketMessageTable[]>();
  if (page.length > 0) {
    const messages = await db
      .selectFrom('ticket_messages')
      .selectAll()
      .where(
        'ticket_id',
        'in',
        page.map((t) => t.id),
      )
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    for (const m of messages) threads.set(m.ticket_id, [...(threads.get(m.ticket_id) ?? []), m]);
  }
  return { items: page.map((t) => toTicket(t, threads.get(t.id) ?? [])), nextCursor };
}
