import { sql } from 'kysely';
import { z } from 'zod';
import { errorBodySchema } from '../../shared/api/common.js';
import {
  createCustomerBody,
  customerListSchema,
  customerSchema,
  listCustomersQuery,
  updateCustomerBody,
} from '../../shared/api/customers.js';
import { newId } from '../../shared/ids.js';
import { scopeFor, type Api, type AppContext } from '../context.js';
import type { Trx } from '../db/database.js';
import type { CustomerTable } from '../db/schema.js';
import { newestFirstPage } from '../http/cursor.js';
import { Failure } from '../services/failure.js';
import { toCustomer } from '../services/wire.js';
import { recordChanges } from '../sync/record.js';
import { findCustomer } from '../services/lookups.js';
import { sendWrite } from '../http/idempotent.js';

const errors = { '4xx': errorBodySchema };
const idParams = z.strictObject({ id: z.string().min(1).max(64) });

const searchText = (c: Pick<CustomerTable, 'name' | 'email' | 'external_ref'>) =>
  [c.name, c.email, c.external_ref ?? ''].join('\n').toLowerCase();

export function registerCustomerRoutes(api: Api, ctx: AppContext) {
  api.post(
    '/v1/customers',
    {
      schema: { tags: ['customers'], body: createCustomerBody, response: { 201: customerSchema, ...errors } },
    },
    async (request, reply) => {
      const scope = scopeFor(request);
      return sendWrite(ctx, request, reply, scope, { keyRequired: false, status: 201 }, async (trx, now) => {
        const body = request.body;
        if (body.externalRef) await ensureRefFree(trx, scope.resellerId, body.externalRef);
        const base = { name: body.name, email: body.email, external_ref: body.externalRef ?? null };
        const row: CustomerTable = {
          id: newId('customer'),
          reseller_id: scope.resellerId,
          ...base,
          search_text: searchText(base),
          created_at: now,
          updated_at: now,
        };
        await trx.insertInto('customers').values(row).execute();
        const customer = toCustomer(row);
        await recordChanges(trx, now, [
          {
            resellerId: scope.resellerId,
            customerId: row.id,
            entity: 'customer',
            id: row.id,
            op: 'create',
            data: customer,
          },
        ]);
        return customer;
      });
    },
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
    async (request) => {
      const scope = scopeFor(request);
      const { query, cursor, limit } = request.query;
      let q = ctx.store.db.selectFrom('customers').selectAll().where('reseller_id', '=', scope.resellerId);
      if (scope.customerId) q = q.where('id', '=', scope.customerId);
      if (query?.trim()) {
        const pattern = `%${query
          .trim()
          .toLowerCase()
          .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q = q.where(sql<boolean>`search_text like ${pattern} escape '\\'`);
      }
      const { page, nextCursor } = await newestFirstPage(q, cursor, limit);
      return { items: page.map(toCustomer), nextCursor };
    },
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
    async (request, reply) => {
      const scope = scopeFor(request);
      return sendWrite(ctx, request, reply, scope, { keyRequired: false, status: 200 }, async (trx, now) => {
        // Lock the row (PostgreSQL; SQLite runs one write at a time) so that concurrent PATCHes of
        // different fields each start from the other's result instead of undoing it.
        const current = await findCustomer(trx, scope, request.params.id, {
          forUpdate: ctx.store.dialect === 'postgres',
        });
        const body = request.body;
        if (body.externalRef && body.externalRef !== current.external_ref) {
          await ensureRefFree(trx, scope.resellerId, body.externalRef);
        }
        const next = {
          name: body.name ?? current.name,
          email: body.email ?? current.email,
          external_ref: body.externalRef === undefined ? current.external_ref : body.externalRef,
        };
        const row = await trx
          .updateTable('customers')
          .set({ ...next, search_text: searchText(next), updated_at: now })
          .where('id', '=', current.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        const customer = toCustomer(row);
        await recordChanges(trx, now, [
          {
            resellerId: scope.resellerId,
            customerId: row.id,
            entity: 'customer',
            id: row.id,
            op: 'update',
            data: customer,
          },
        ]);
        return customer;
      });
    },
  );
}

async function ensureRefFree(trx: Trx, resellerId: string, externalRef: string) {
  const taken = await trx
    .selectFrom('customers')
    .select('id')
    .where('reseller_id', '=', resellerId)
    .where('external_ref', '=', externalRef)
    .executeTakeFirst();
  if (taken)
    throw new Failure('conflict', `customer ${taken.id} already has this external reference`, 'externalRef');
}
