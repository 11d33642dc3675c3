import type { Principal } from '../../../shared/api/auth.js';
import type { Ticket } from '../../../shared/api/tickets.js';
import { newId } from '../../../shared/ids.js';
import type { Trx } from '../../db/database.js';
import type { TicketTable } from '../../db/schema.js';
import { enqueueEmailIn } from '../../email/enqueue.js';
import { staffRecipients, type Recipient } from '../../email/recipients.js';
import { customerContact } from '../../events/contact.js';
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
 * commits). To the customer's address, in the customer's language; to the staff: the assignee, or
 * every admin and support agent while nobody is assigned, each in their own language.
 */
export async function noticeOtherSide(
  trx: Trx,
  row: TicketTable,
  message: { authorSide: TicketActor['side']; authorName: string; body: string },
  now: string,
): Promise<void> {
  let to: Recipient[];
  if (message.authorSide === 'staff') {
    const customer = await customerContact(trx, row.reseller_id, row.customer_id);
    to = customer.email ? [{ address: customer.email, language: customer.language }] : [];
  } else {
    to = await staffRecipients(trx, row.reseller_id, {
      roles: ['reseller_admin', 'support_agent'],
      userId: row.assignee_user_id,
    });
  }
  await enqueueEmailIn(
    trx,
    row.reseller_id,
    to,
    (text) =>
      ticketMessageEmail(text, {
        ticketId: row.id,
        subject: row.subject,
        authorName: message.authorName,
        body: message.body,
        to: message.authorSide === 'staff' ? 'customer' : 'staff',
      }),
    now,
  );
}
