import { z } from 'zod';
import { errorBodySchema } from '../../shared/api/common.js';
import {
  createPayerBody,
  payerListSchema,
  payerSchema,
  savedMethodListSchema,
  savedMethodSchema,
} from '../../shared/api/payments.js';
import { type Api, type AppContext } from '../context.js';
import { scopeFor } from '../http/scope.js';
import { sendWrite } from '../http/idempotent.js';
import { createPayer } from '../services/payers/create.js';
import { listPayers, listSavedMethods } from '../services/payers/list.js';
import { deleteSavedMethod, setDefaultSavedMethod } from '../services/payers/saved-methods.js';
import { unwrap } from '../services/result.js';
import { toPayer } from '../wire/payer.js';
import { toSavedMethod } from '../wire/saved-method.js';
import { topUpScope } from '../http/access.js';

const errors = { '4xx': errorBodySchema };
const idParams = z.strictObject({ id: z.string().min(1).max(64) });

export function registerPayerRoutes(api: Api, ctx: AppContext) {
  api.post(
    '/v1/customers/:id/payers',
    {
      schema: {
        tags: ['payments'],
        params: idParams,
        body: createPayerBody,
        response: { 201: payerSchema, ...errors },
      },
    },
    async (request, reply) =>
      sendWrite(
        ctx,
        request,
        reply,
        // A customer adds its own billing entities; the reseller admin, any customer's.
        topUpScope(request),
        { keyRequired: false, status: 201, access: 'customer-own' },
        async (trx, now, scope) =>
          toPayer(
            unwrap(await createPayer(trx, scope, { ...request.body, customerId: request.params.id }, now)),
          ),
      ),
  );

  api.get(
    '/v1/customers/:id/payers',
    { schema: { tags: ['payments'], params: idParams, response: { 200: payerListSchema, ...errors } } },
    async (request) => ({
      items: (await listPayers(ctx.store.db, scopeFor(request), request.params.id)).map(toPayer),
    }),
  );

  api.get(
    '/v1/customers/:id/payment-methods',
    {
      schema: {
        tags: ['payments'],
        params: idParams,
        querystring: z.strictObject({ payerId: z.string().min(1).max(64).optional() }),
        response: { 200: savedMethodListSchema, ...errors },
      },
    },
    async (request) => {
      const rows = await listSavedMethods(
        ctx.store.db,
        scopeFor(request),
        request.params.id,
        request.query.payerId,
      );
      return { items: rows.map(toSavedMethod) };
    },
  );

  api.post(
    '/v1/payment-methods/:id/default',
    { schema: { tags: ['payments'], params: idParams, response: { 200: savedMethodSchema, ...errors } } },
    async (request) => {
      const scope = topUpScope(request);
      const now = ctx.now();
      const row = await ctx.store.write(async (trx) =>
        unwrap(await setDefaultSavedMethod(trx, scope, request.params, now)),
      );
      return toSavedMethod(row);
    },
  );

  api.delete(
    '/v1/payment-methods/:id',
    { schema: { tags: ['payments'], params: idParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      const scope = topUpScope(request);
      const now = ctx.now();
      await ctx.store.write(async (trx) => unwrap(await deleteSavedMethod(trx, scope, request.params, now)));
      return reply.code(204).send(null);
    },
  );
}
