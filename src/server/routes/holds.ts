import { z } from 'zod';
import { errorBodySchema } from '../../shared/api/common.js';
import {
  captureBody,
  captureResponse,
  holdResponse,
  holdSchema,
  releaseBody,
} from '../../shared/api/wallets.js';
import { captureHold, releaseHold } from '../ledger/movements.js';
import { scopeFor, type Api, type AppContext } from '../context.js';
import { notFound } from '../services/failure.js';
import { toHold } from '../services/wire.js';
import { sendWrite } from '../http/idempotent.js';

const errors = { '4xx': errorBodySchema };
const idParams = z.strictObject({ id: z.string().min(1).max(64) });
const money = { keyRequired: true, status: 200 } as const;

export function registerHoldRoutes(api: Api, ctx: AppContext) {
  api.get(
    '/v1/holds/:id',
    { schema: { tags: ['movements'], params: idParams, response: { 200: holdSchema, ...errors } } },
    async (request) => {
      const scope = scopeFor(request);
      let q = ctx.store.db
        .selectFrom('holds')
        .selectAll()
        .where('id', '=', request.params.id)
        .where('reseller_id', '=', scope.resellerId);
      if (scope.customerId) q = q.where('customer_id', '=', scope.customerId);
      const row = await q.executeTakeFirst();
      if (!row) throw notFound('hold', 'id');
      return toHold(row);
    },
  );

  api.post(
    '/v1/holds/:id/capture',
    {
      schema: {
        tags: ['movements'],
        params: idParams,
        body: captureBody.nullish(),
        response: { 200: captureResponse, ...errors },
      },
    },
    async (request, reply) =>
      sendWrite(ctx, request, reply, scopeFor(request), money, (trx, now, scope) =>
        captureHold(trx, scope, request.params.id, { amount: request.body?.amount }, now),
      ),
  );

  api.post(
    '/v1/holds/:id/release',
    {
      schema: {
        tags: ['movements'],
        params: idParams,
        body: releaseBody.nullish(),
        response: { 200: holdResponse, ...errors },
      },
    },
    async (request, reply) =>
      sendWrite(ctx, request, reply, scopeFor(request), money, (trx, now, scope) =>
        releaseHold(trx, scope, request.params.id, now),
      ),
  );
}
