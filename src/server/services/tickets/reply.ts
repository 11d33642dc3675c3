import type { ReplyTicketBody, Ticket } from '../../../shared/api/tickets.js';
import type { Trx } from '../../db/database.js';
import { ok, refuse, type Result } from '../result.js';
import type { Scope } from '../scope.js';
import { findTicket, noticeOtherSide, publishTicket, ticketMessageId, type TicketActor } from './common.js';

/**
 * Adds a message to the thread. A staff reply leaves the ticket waiting on the customer (or the
 * status the reply names); a customer's message reopens it, resolved or not: the customer is the
 * one who says the problem is still there. Only staff choose a status.
 */
export async function replyToTicket(
  trx: Trx,
  scope: Scope,
  actor: TicketActor,
  input: { id: string } & ReplyTicketBody,
  now: string,
): Promise<Result<Ticket, 'not_found' | 'forbidden'>> {
  const row = await findTicket(trx, scope, input.id);
  if (!row) return refuse('not_found', 'no such ticket', 'id');
  if (input.status !== undefined && actor.side === 'customer') {
    return refuse('forbidden', "the reseller's staff set a ticket's status", 'status');
  }
  const status = actor.side === 'customer' ? 'open' : (input.status ?? 'waiting_on_customer');
  await trx
    .insertInto('ticket_messages')
    .values({
      id: ticketMessageId(),
      ticket_id: row.id,
      author_side: actor.side,
      author_name: actor.name,
      body: input.message,
      created_at: now,
    })
    .execute();
  await trx.updateTable('tickets').set({ status, updated_at: now }).where('id', '=', row.id).execute();
  await noticeOtherSide(
    trx,
    row,
    { authorSide: actor.side, authorName: actor.name, body: input.message },
    now,
  );
  return ok(await publishTicket(trx, row.id, 'update', now));
}
