import type { SelectQueryBuilder } from 'kysely';
import type { z } from 'zod';
import { errorBodySchema } from '../../shared/api/common.js';
import type { Api, AppContext } from '../context.js';
import type { Trx } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { newestFirstPage } from '../services/paging.js';
import type { Scope } from '../services/scope.js';
import { topUpScope } from './access.js';
import { sendWrite } from './idempotent.js';
import { scopeFor } from './scope.js';

/**
 * The two route shapes most resources repeat: a write that runs one service in a transaction,
 * exactly once per Idempotency-Key (http/idempotent.ts), and a newest-first list with a cursor.
 * Routes whose answer needs work after the commit (a checkout to open, a PDF) keep their own shape.
 */

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };

type Schema = z.ZodType;

export interface WriteRoute<P extends Schema, B extends Schema> {
  method: 'POST' | 'PATCH' | 'PUT';
  url: string;
  tags: string[];
  params?: P;
  body: B;
  /** The answer's status and shape: 201 for a create, 200 otherwise. */
  status: 200 | 201;
  response: Schema;
  /** Required where money moves; optional (but honoured) on other writes. */
  keyRequired: boolean;
  /**
   * `customer-own`: a customer may write its own records too (the scope's customer narrows every
   * lookup the service makes). By default, reseller admins only.
   */
  access?: 'admin' | 'customer-own';
}

export function writeRoute<P extends Schema = Schema, B extends Schema = Schema>(
  api: Api,
  ctx: AppContext,
  route: WriteRoute<P, B>,
  run: (
    input: { params: z.infer<P>; body: z.infer<B> },
    trx: Trx,
    now: string,
    scope: Scope,
  ) => Promise<unknown>,
) {
  const customerOwn = route.access === 'customer-own';
  api.route({
    method: route.method,
    url: route.url,
    schema: {
      tags: route.tags,
      ...(route.params ? { params: route.params } : {}),
      body: route.body,
      response: { [route.status]: route.response, ...errors },
    },
    handler: async (request, reply) =>
      sendWrite(
        ctx,
        request,
        reply,
        customerOwn ? topUpScope(request) : scopeFor(request),
        {
          keyRequired: route.keyRequired,
          status: route.status,
          ...(customerOwn ? { access: route.access } : {}),
        },
        (trx, now, scope) =>
          run({ params: request.params as z.infer<P>, body: request.body as z.infer<B> }, trx, now, scope),
      ),
  });
}

export interface ListRoute<Q extends Schema> {
  url: string;
  tags: string[];
  querystring: Q;
  response: Schema;
}

/** A list read newest first: the query's `cursor` and `limit`, its other fields as filters. */
export function listRoute<
  Q extends Schema,
  TB extends keyof Database,
  O extends { created_at: string; id: string },
  Item,
>(
  api: Api,
  route: ListRoute<Q>,
  query: (scope: Scope, filters: Omit<z.infer<Q>, 'cursor' | 'limit'>) => SelectQueryBuilder<Database, TB, O>,
  toItem: (row: O) => Item,
) {
  api.get(
    route.url,
    {
      schema: {
        tags: route.tags,
        querystring: route.querystring,
        response: { 200: route.response, ...errors },
      },
    },
    async (request) => {
      const { cursor, limit, ...filters } = request.query as { cursor?: string; limit: number };
      const { page, nextCursor } = await newestFirstPage(
        query(scopeFor(request), filters as Omit<z.infer<Q>, 'cursor' | 'limit'>),
        cursor,
        limit,
      );
      return { items: page.map(toItem), nextCursor };
    },
  );
}
