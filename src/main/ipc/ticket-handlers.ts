import { newId, newIdempotencyKey } from '../../shared/ids.js';
import type { HandlerContext } from './handler-context.js';
import { HandlerError, type Handlers } from './handle.js';
import { clientAs, online, STAFF, type Role } from './online.js';
import { LOCAL_PREFIX } from '../outbox/outbox-store.js';

type TicketChannels =
  | 'tickets:list'
  | 'tickets:get'
  | 'tickets:open'
  | 'tickets:reply'
  | 'tickets:update'
  | 'tickets:assignees'
  | 'payments:verify';

const ANY: readonly Role[] = ['reseller_admin', 'support_agent', 'customer'];

/**
 * The support desk. Tickets are read from the cache (the feed brings a customer its own, staff
 * all); opening one and writing on a thread are queued in the outbox, so a customer or an agent can
 * write offline; assigning, moving a ticket and verifying a payment ask the billing API now.
 * Support agents write here: answering tickets is their job, and none of it moves money.
 */
export function createTicketHandlers(d: HandlerContext): Pick<Handlers, TicketChannels> {
  const as = (roles: readonly Role[], what: string) => clientAs(d.session, roles, what);
  return {
    'tickets:list': ({ status, assignee, about, olderThan, limit }) => {
      as(ANY, 'see tickets');
      return d.cache.ticketReads.tickets(
        { status, assignee, about: about === undefined ? undefined : d.real(about) },
        limit,
        olderThan,
      );
    },
    'tickets:get': ({ ticketId }) => {
      as(ANY, 'see tickets');
      return d.cache.ticketReads.ticket(d.real(ticketId));
    },
    'tickets:open': ({ customerId, subject, message, about }) => {
      as(ANY, 'open tickets');
      const session = d.session.get();
      const customer = session.role === 'customer' ? session.customerId : customerId && d.real(customerId);
      if (!customer)
        throw new HandlerError('validation', 'name the customer the ticket is for', 'customerId');
      if (session.role === 'customer' && customerId !== undefined && d.real(customerId) !== customer) {
        throw new HandlerError(
          'forbidden',
          'this account cannot open a ticket for another customer',
          'customerId',
        );
      }
      const localId = `${LOCAL_PREFIX}tkt_${newId('transaction').slice('txn_'.length)}`;
      return d.enqueue(
        {
          kind: 'ticket.open',
          payload: {
            localId,
            subject,
            message,
            ...(about ? { about: { ...about, id: d.real(about.id) } } : {}),
          },
          customerRef: customer,
          walletRef: null,
          currency: null,
          summary: { key: 'ticketOpen', values: { subject } },
        },
        { who: d.account() },
      );
    },
    'tickets:reply': ({ ticketId, message }) => {
      as(ANY, 'write on tickets');
      return d.enqueue(
        {
          kind: 'ticket.reply',
          payload: { ticketId, message },
          customerRef: null,
          walletRef: null,
          currency: null,
          summary: {
            key: 'ticketReply',
            values: { subject: d.cache.ticketReads.ticket(d.real(ticketId))?.subject ?? ticketId },
          },
        },
        { who: d.account() },
      );
    },
    'tickets:update': async ({ ticketId, status, assigneeUserId }) => {
      const client = as(STAFF, 'assign or move tickets');
      const ticket = await online('Updating the ticket', () =>
        client.updateTicket(
          d.real(ticketId),
          { ...(status ? { status } : {}), ...(assigneeUserId !== undefined ? { assigneeUserId } : {}) },
          newIdempotencyKey(),
        ),
      );
      d.cache.putTicket(ticket);
      return ticket;
    },
    'tickets:assignees': async () => {
      const client = as(STAFF, 'assign tickets');
      return (await online('Listing who can take tickets', () => client.ticketAssignees())).items;
    },
    'payments:verify': async ({ paymentId, txHash, bankReference }) => {
      const client = as(ANY, 'verify payments');
      const answer = await online('Verifying the payment', () =>
        client.verifyPayment(d.real(paymentId), {
          ...(txHash ? { txHash } : {}),
          ...(bankReference ? { bankReference } : {}),
        }),
      );
      // The payment as the check left it (paid, when it credited) is on screen before the feed.
      d.cache.putPayment(answer.payment);
      d.engine()?.syncNow();
      return answer;
    },
  };
}
