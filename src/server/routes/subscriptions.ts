import { z } from 'zod';
import { emptyBodySchema, errorBodySchema } from '../../shared/api/common.js';
import {
  listSubscriptionsQuery,
  renewResponse,
  subscriptionDetailSchema,
  subscriptionListSchema,
  subscriptionSchema,
} from '../../shared/api/orders.js';
import type { Api, AppContext } from '../context.js';
import { topUpScope } from '../http/access.js';
import { sendWrite } from '../http/idempotent.js';
import { scopeFor } from '../http/scope.js';
import { findSubscription } from '../services/lookups.js';
import { newestFirstPage } from '../services/paging.js';
import { unwrap } from '../services/result.js';
import { cancelAutoRenew } from '../services/subscriptions/cancel.js';
import { attemptsOf, subscriptionsQuery } from '../services/subscriptions/list.js';
import { renewNow } from '../services/subscriptions/renew.js';
import { toSubscription, toSubscriptionAttempt } from '../wire/order.js';

const errors = { '4xx': errorBodySchema };
const idParams = z.strictObject({ id: z.string().min(1).max(64) });

/** Subscriptions: lists, one with its renewal attempts, cancelling auto-renew, renewing now. */
export function registerSubscriptionRoutes(api: Api, ctx: AppContext) {
  api.get(
    '/v1/subscriptions',
    {
      schema: {
        tags: ['subscriptions'],
        querystring: listSubscriptionsQuery,
        response: { 200: subscriptionListSchema, ...errors },
      },
    },
    async (request) => {
      const { cursor, limit, ...filters } = request.query;
      const { page, nextCursor } = await newestFirstPage(
        subscriptionsQuery(ctx.store.db, scopeFor(request), filters),
        cursor,
        limit,
      );
      return { items: page.map(toSubscription), nextCursor };
    },
  );

  api.get(
    '/v1/subscriptions/:id',
    {
      schema: {
        tags: ['subscriptions'],
        params: idParams,
        response: { 200: subscriptionDetailSchema, ...errors },
      },
    },
    async (request) => {
      const sub = await findSubscription(ctx.store.db, scopeFor(request), request.params.id);
      const attempts = await attemptsOf(ctx.store.db, sub.id);
      return { ...toSubscription(sub), attempts: attempts.map(toSubscriptionAttempt) };
    },
  );

  api.post(
    '/v1/subscriptions/:id/cancel',
    {
      schema: {
        tags: ['subscriptions'],
        params: idParams,
        body: emptyBodySchema,
        response: { 200: subscriptionSchema, ...errors },
      },
    },
    async (request, reply) =>
      sendWrite(
        ctx,
        request,
        reply,
        topUpScope(request),
        { keyRequired: false, status: 200, access: 'customer-own' },
        async (trx, now, scope) =>
          unwrap(await cancelAutoRenew(trx, scope, { subscriptionId: request.params.id }, now)),
      ),
  );

  api.post(
    '/v1/subscriptions/:id/renew',
    {
      schema: {
        tags: ['subscriptions'],
        params: idParams,
        body: emptyBodySchema,
        response: { 200: renewResponse, ...errors },
      },
    },
    async (request, reply) =>
      sendWrite(
        ctx,
        request,
        reply,
        topUpScope(request),
        { keyRequired: true, status: 200, access: 'customer-own' },
        async (trx, now, scope) =>
          unwrap(await renewNow(trx, scope, { subscriptionId: request.params.id }, now)),
      ),
  );
}
