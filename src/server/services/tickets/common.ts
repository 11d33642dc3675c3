import type { Principal } from '../../../shared/api/auth.js';
import type { Ticket } from '../../../shared/api/tickets.js';
import { newId } from '../../../shared/ids.js';
import type { Trx } from '../../db/database.js';
import type { TicketTable } from '../../db/schema.js';
import { enqueueEmail } from '../../email/enqueue.js';
import { ticketMessageEmail } from '../../email/templates/ticket-message.js';
import { recordChanges } from '../../sync/record.js';
import { ticketChange, toTicket } from '../../wire/ticket.js';
import type { Scope } from '../scope.js';

/** Who acts on a ticket: which side they write for, and the name the thread shows. */
export interface TicketActor {
  side: 'customer' | 'staff';
  name: string;
  userId: string | null;
}

export function actorSide(principal: Principal): TicketActor['side'] {
  return principal.role === 'customer' ? 'customer' : 'staff';
}

export const ticketId = () => `tkt${newId('transaction').slice('txn'.length)}`;
export const ticketMessageId = () => `tkm${newId('transaction').slice('txn'.length)}`;

/** The ticket if the caller may see it (a customer only its own), else undefined. */
export async function findTicket(trx: Pick<Trx, 'selectFrom'>, scope: Scope, id: string) {
  let q = trx
    .selectFrom('tickets')
    .selectAll()
    .where('id', '=', id)
    .where('reseller_id', '=', scope.resellerId);
  if (scope.customerId) q = q.where('customer_id', '=', scope.customerId);
  return q.executeTakeFirst();
}

/** The ticket with its thread, as the API and the change feed carry it. */
export async function readTicket(trx: Pick<Trx, 'selectFrom'>, row: TicketTable): Promise<Ticket> {
  const messages = await trx
    .selectFrom('ticket_messages')
    .selectAll()
    .where('ticket_id', '=', row.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return toTicket(row, messages);
}

/** Re-reads the ticket after a write and puts it on the change feed. */
export async function publishTicket(
  trx: Trx,
  id: string,
  op: 'create' | 'update',
  now: string,
): Promise<Ticket> {
  const row = await trx.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const ticket = await readTicket(trx, row);
  await recordChanges(trx, now, [ticketChange(row, ticket, op)]);
  return ticket;
}

/**
 * Emails the other side that a message arrived (in the write's transaction: sent only if it
 * commits). To the customer's address; to the staff: the assignee, or every admin and support agent
 * while nobody is assigned.
 */
export async function noticeOtherSide(
  trx: Trx,
  row: TicketTable,
  message: { authorSide: TicketActor['side']; authorName: string; body: string },
  now: string,
): Promise<void> {
  let to: string[];
  if (message.authorSide === 'staff') {
    const customer = await trx
      .selectFrom('customers')
      .select('email')
      .where('id', '=', row.customer_id)
      .executeTakeFirst();
    to = customer ? [customer.email] : [];
  } else {
    let q = trx
      .selectFrom('users')
      .select('email')
      .where('reseller_id', '=', row.reseller_id)
      .where('role', 'in', ['reseller_admin', 'support_agent'])
      .where('disabled_at', 'is', null);
    if (row.assignee_user_id !== null) q = q.where('id', '=', row.assignee_user_id);
    to = (await q.execute()).map((u) => u.email);
  }
  const email = ticketMessageEmail({
    ticketId: row.id,
    subject: row.subject,
    authorName: message.authorName,
    body: message.body,
    to: message.authorSide === 'staff' ? 'customer' : 'staff',
  });
  await enqueueEmail(trx, row.reseller_id, { to, ...email }, now);
}
