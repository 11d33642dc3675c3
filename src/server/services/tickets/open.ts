import type { OpenTicketBody, Ticket, TicketSubjectKind } from '../../../shared/api/tickets.js';
import type { Trx } from '../../db/database.js';
import { ok, refuse, type Result } from '../result.js';
import type { Scope } from '../scope.js';
import { noticeOtherSide, publishTicket, ticketId, ticketMessageId, type TicketActor } from './common.js';

const SUBJECT_TABLE = { payment: 'payments', invoice: 'invoices', order: 'orders' } as const;

/**
 * Opens a ticket with its first message. A customer opens its own; staff open one for a customer
 * they name. The record it is about must be that customer's (a customer cannot attach another's
 * payment, and an id from another tenant does not exist).
 */
export async function openTicket(
  trx: Trx,
  scope: Scope,
  actor: TicketActor,
  input: OpenTicketBody,
  now: string,
): Promise<Result<Ticket, 'not_found' | 'validation'>> {
  const customerId = scope.customerId ?? input.customerId;
  if (customerId === undefined) {
    return refuse('validation', 'staff name the customer the ticket is for', 'customerId');
  }
  if (scope.customerId && input.customerId !== undefined && input.customerId !== scope.customerId) {
    return refuse('not_found', 'no such customer', 'customerId');
  }
  const customer = await trx
    .selectFrom('customers')
    .select('id')
    .where('id', '=', customerId)
    .where('reseller_id', '=', scope.resellerId)
    .executeTakeFirst();
  if (!customer) return refuse('not_found', 'no such customer', 'customerId');
  if (input.about && !(await ownsSubject(trx, scope.resellerId, customerId, input.about))) {
    return refuse('not_found', `no such ${input.about.kind} of this customer`, 'about.id');
  }

  const id = ticketId();
  await trx
    .insertInto('tickets')
    .values({
      id,
      reseller_id: scope.resellerId,
      customer_id: customerId,
      subject: input.subject,
      status: 'open',
      subject_kind: input.about?.kind ?? null,
      subject_id: input.about?.id ?? null,
      assignee_user_id: null,
      opened_by: actor.name,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await trx
    .insertInto('ticket_messages')
    .values({
      id: ticketMessageId(),
      ticket_id: id,
      author_side: actor.side,
      author_name: actor.name,
      body: input.message,
      created_at: now,
    })
    .execute();
  const row = await trx.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  await noticeOtherSide(
    trx,
    row,
    { authorSide: actor.side, authorName: actor.name, body: input.message },
    now,
  );
  return ok(await publishTicket(trx, id, 'create', now));
}

async function ownsSubject(
  trx: Trx,
  resellerId: string,
  customerId: string,
  about: { kind: TicketSubjectKind; id: string },
): Promise<boolean> {
  const row = await trx
    .selectFrom(SUBJECT_TABLE[about.kind])
    .select('id')
    .where('id', '=', about.id)
    .where('reseller_id', '=', resellerId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return row !== undefined;
}
