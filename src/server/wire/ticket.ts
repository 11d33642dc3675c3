import type { Ticket } from '../../shared/api/tickets.js';
import type { TicketMessageTable, TicketTable } from '../db/schema.js';
import type { ChangeInput } from '../sync/record.js';

export function toTicket(row: TicketTable, messages: TicketMessageTable[]): Ticket {
  return {
    id: row.id,
    customerId: row.customer_id,
    subject: row.subject,
    status: row.status,
    about:
      row.subject_kind !== null && row.subject_id !== null
        ? { kind: row.subject_kind, id: row.subject_id }
        : null,
    assigneeUserId: row.assignee_user_id,
    openedBy: row.opened_by,
    messages: messages.map((m) => ({
      id: m.id,
      authorSide: m.author_side,
      authorName: m.author_name,
      body: m.body,
      createdAt: m.created_at,
    })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The ticket, thread included, on the change feed: its customer sees it, and the staff. */
export function ticketChange(row: TicketTable, ticket: Ticket, op: 'create' | 'update'): ChangeInput {
  return {
    resellerId: row.reseller_id,
    customerId: row.customer_id,
    entity: 'ticket',
    id: row.id,
    op,
    data: ticket,
  };
}
