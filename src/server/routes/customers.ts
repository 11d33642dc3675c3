import { z } from 'zod';
import { errorBodySchema } from '../../shared/api/common.js';
import {
  createCustomerBody,
  customerListSchema,
  customerSchema,
  listCustomersQuery,
  updateCustomerBody,
} from '../../shared/api/customers.js';
import type { Api, AppContext } from '../context.js';
import { sendWrite } from '../http/idempotent.js';
import { scopeFor } from '../http/scope.js';
import { createCustomer } from '../services/customers/create.js';
import { listCustomers } from '../services/customers/list.js';
import { updateCustomer } from '../services/customers/update.js';
import { findCustomer } from '../services/lookups.js';
import { unwrap } from '../services/result.js';
import { toCustomer } from '../wire/customer.js';

const errors = { '4xx': errorBodySchema };
const idParams = z.strictObject({ id: z.string().min(1).max(64) });
const write = (status: number) => ({ keyRequired: false, status });

export function registerCustomerRoutes(api: Api, ctx: AppContext) {
  api.post(
    '/v1/customers',
    {
      schema: { tags: ['customers'], body: createCustomerBody, response: { 201: customerSchema, ...errors } },
    },
    async (request, reply) =>
      sendWrite(ctx, request, reply, scopeFor(request), write(201), async (trx, now, scope) =>
        unwrap(await createCustomer(trx, scope, request.body, now)),
      ),
  );

  api.get(
    '/v1/customers',
    {
      schema: {
        tags: ['customers'],
        querystring: listCustomersQuery,
        response: { 200: customerListSchema, ...errors },
      },
    },
    async (request) => listCustomers(ctx.store.db, scopeFor(request), request.query),
  );

  api.get(
    '/v1/customers/:id',
    { schema: { tags: ['customers'], params: idParams, response: { 200: customerSchema, ...errors } } },
    async (request) => toCustomer(await findCustomer(ctx.store.db, scopeFor(request), request.params.id)),
  );

  api.patch(
    '/v1/customers/:id',
    {
      schema: {
        tags: ['customers'],
        params: idParams,
        body: updateCustomerBody,
        response: { 200: customerSchema, ...errors },
      },
    },
    async (request, reply) =>
      sendWrite(ctx, request, reply, scopeFor(request), write(200), async (trx, now, scope) =>
        unwrap(await updateCustomer(trx, scope, { ...request.body, id: request.params.id }, now)),
      ),
  );
}
