import { z } from 'zod';
import { errorBodySchema } from '../../shared/api/common.js';
import {
  createPayerBody,
  payerListSchema,
  payerSchema,
  savedMethodListSchema,
  savedMethodSchema,
} from '../../shared/api/payments.js';
import { scopeFor, type Api, type AppContext } from '../context.js';
import type { Trx } from '../db/database.js';
import type { PayerTable, SavedMethodTable } from '../db/schema.js';
import { paymentsId } from '../lib/ids.js';
import { toPayer } from '../wire/payer.js';
import { toSavedMethod } from '../wire/saved-method.js';
import { findCustomer, findSavedMethod } from '../services/lookups.js';
import { sendWrite } from '../http/idempotent.js';
import { topUpScope } from './payments-access.js';

const errors = { '4xx': errorBodySchema };
const idParams = z.strictObject({ id: z.string().min(1).max(64) });

type Reader = Pick<Trx, 'selectFrom'>;

/** Saved methods as a customer should see them: the default first, then the newest. */
export async function savedMethodsOf(
  db: Reader,
  customerId: string,
  payerId?: string,
): Promise<SavedMethodTable[]> {
  let q = db
    .selectFrom('saved_methods')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('deleted_at', 'is', null);
  if (payerId) q = q.where('payer_id', '=', payerId);
  return q.orderBy('is_default', 'desc').orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export async function payersOf(db: Reader, customerId: string): Promise<PayerTable[]> {
  return db
    .selectFrom('payers')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('is_default', 'desc')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

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
        async (trx, now, scope) => {
          const customer = await findCustomer(trx, scope, request.params.id);
          const existing = await payersOf(trx, customer.id);
          // The first payer is the default; a later one only when asked.
          const isDefault = existing.length === 0 || request.body.isDefault === true;
          if (isDefault)
            await trx
              .updateTable('payers')
              .set({ is_default: 0 })
              .where('customer_id', '=', customer.id)
              .execute();
          const row: PayerTable = {
            id: paymentsId('payer'),
            reseller_id: scope.resellerId,
            customer_id: customer.id,
            name: request.body.name,
            email: request.body.email ?? null,
            is_default: isDefault ? 1 : 0,
            created_at: now,
          };
          await trx.insertInto('payers').values(row).execute();
          return toPayer(row);
        },
      ),
  );

  api.get(
    '/v1/customers/:id/payers',
    { schema: { tags: ['payments'], params: idParams, response: { 200: payerListSchema, ...errors } } },
    async (request) => {
      const customer = await findCustomer(ctx.store.db, scopeFor(request), request.params.id);
      return { items: (await payersOf(ctx.store.db, customer.id)).map(toPayer) };
    },
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
      const customer = await findCustomer(ctx.store.db, scopeFor(request), request.params.id);
      return {
        items: (await savedMethodsOf(ctx.store.db, customer.id, request.query.payerId)).map(toSavedMethod),
      };
    },
  );

  api.post(
    '/v1/payment-methods/:id/default',
    { schema: { tags: ['payments'], params: idParams, response: { 200: savedMethodSchema, ...errors } } },
    async (request) => {
      const scope = topUpScope(request);
      const now = ctx.now();
      return ctx.store.write(async (trx) => {
        const method = await findSavedMethod(trx, scope, request.params.id);
        // One default per payer: the list pre-selects it.
        await trx
          .updateTable('saved_methods')
          .set({ is_default: 0, updated_at: now })
          .where('payer_id', '=', method.payer_id)
          .where('is_default', '=', 1)
          .execute();
        const row = await trx
          .updateTable('saved_methods')
          .set({ is_default: 1, updated_at: now })
          .where('id', '=', method.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return toSavedMethod(row);
      });
    },
  );

  api.delete(
    '/v1/payment-methods/:id',
    { schema: { tags: ['payments'], params: idParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      const scope = topUpScope(request);
      const now = ctx.now();
      await ctx.store.write(async (trx) => {
        const method = await findSavedMethod(trx, scope, request.params.id);
        // Kept as a row (payments name it), but gone for every list and every charge.
        await trx
          .updateTable('saved_methods')
          .set({ deleted_at: now, is_default: 0, token: null, updated_at: now })
          .where('id', '=', method.id)
          .execute();
      });
      return reply.code(204).send(null);
    },
  );
}
