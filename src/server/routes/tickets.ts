import { z } from 'zod';
import { errorBodySchema } from '../../shared/api/common.js';
import {
  listTicketsQuery,
  openTicketBody,
  replyTicketBody,
  ticketAssigneeListSchema,
  ticketListSchema,
  ticketSchema,
  updateTicketBody,
} from '../../shared/api/tickets.js';
import type { Api, AppContext } from '../context.js';
import { deskScope, staffScope } from '../http/access.js';
import { sendWrite } from '../http/idempotent.js';
import { principalOf } from '../http/scope.js';
import { actorName } from '../services/payment-reviews/apply.js';
import { unwrap } from '../services/result.js';
import { actorSide, findTicket, readTicket, type TicketActor } from '../services/tickets/common.js';
import { listTicketAssignees } from '../services/tickets/assignees.js';
import { listTickets } from '../services/tickets/list.js';
import { openTicket } from '../services/tickets/open.js';
import { replyToTicket } from '../services/tickets/reply.js';
import { updateTicket } from '../services/tickets/update.js';
import { Failure } from '../services/failure.js';
import type { Trx } from '../db/database.js';
import type { FastifyRequest } from 'fastify';

const errors = { '4xx': errorBodySchema };
const idParams = z.strictObject({ id: z.string().min(1).max(64) });
/** Not money: the key is optional, and a replay under one answers the first outcome (the outbox sends one). */
const desk = { keyRequired: false, access: 'customer-own' } as const;

async function actorOf(trx: Trx, request: FastifyRequest): Promise<TicketActor> {
  const principal = principalOf(request);
  return { side: actorSide(principal), name: await actorName(trx, principal), userId: principal.userId };
}

/** Support tickets: a customer's problem with a payment, invoice or order, and the thread with staff. */
export function registerTicketRoutes(api: Api, ctx: AppContext) {
  api.get(
    '/v1/tickets',
    {
      schema: {
        tags: ['support'],
        querystring: listTicketsQuery,
        response: { 200: ticketListSchema, ...errors },
      },
    },
    async (request) => listTickets(ctx.store.db, deskScope(request), request.query),
  );

  // Staff only: the assignee picker. Declared before /:id, which it would otherwise look like.
  api.get(
    '/v1/tickets/assignees',
    { schema: { tags: ['support'], response: { 200: ticketAssigneeListSchema, ...errors } } },
    async (request) => ({ items: await listTicketAssignees(ctx.store.db, staffScope(request)) }),
  );

  api.get(
    '/v1/tickets/:id',
    { schema: { tags: ['support'], params: idParams, response: { 200: ticketSchema, ...errors } } },
    async (request) => {
      const row = await findTicket(ctx.store.db, deskScope(request), request.params.id);
      if (!row) throw new Failure('not_found', 'no such ticket', 'id');
      return readTicket(ctx.store.db, row);
    },
  );

  api.post(
    '/v1/tickets',
    {
      schema: {
        tags: ['support'],
        body: openTicketBody,
        response: { 201: ticketSchema, 200: ticketSchema, ...errors },
      },
    },
    async (request, reply) =>
      sendWrite(ctx, request, reply, deskScope(request), { ...desk, status: 201 }, async (trx, now, scope) =>
        unwrap(await openTicket(trx, scope, await actorOf(trx, request), request.body, now)),
      ),
  );

  api.post(
    '/v1/tickets/:id/messages',
    {
      schema: {
        tags: ['support'],
        params: idParams,
        body: replyTicketBody,
        response: { 200: ticketSchema, ...errors },
      },
    },
    async (request, reply) =>
      sendWrite(ctx, request, reply, deskScope(request), { ...desk, status: 200 }, async (trx, now, scope) =>
        unwrap(
          await replyToTicket(
            trx,
            scope,
            await actorOf(trx, request),
            { id: request.params.id, ...request.body },
            now,
          ),
        ),
      ),
  );

  api.patch(
    '/v1/tickets/:id',
    {
      schema: {
        tags: ['support'],
        params: idParams,
        body: updateTicketBody,
        response: { 200: ticketSchema, ...errors },
      },
    },
    async (request, reply) =>
      sendWrite(ctx, request, reply, staffScope(request), { ...desk, status: 200 }, async (trx, now, scope) =>
        unwrap(await updateTicket(trx, scope, { id: request.params.id, ...request.body }, now)),
      ),
  );
}
