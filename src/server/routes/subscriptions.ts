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
import { listRoute, writeRoute } from '../http/route-shapes.js';
import { scopeFor } from '../http/scope.js';
import { findSubscription } from '../services/lookups.js';
import { unwrap } from '../services/result.js';
import { cancelAutoRenew } from '../services/subscriptions/cancel.js';
import { attemptsOf, subscriptionsQuery } from '../services/subscriptions/list.js';
import { renewNow } from '../services/subscriptions/renew.js';
import { toSubscription, toSubscriptionAttempt } from '../wire/order.js';

const errors = { '4xx': errorBodySchema };
const idParams = z.strictObject({ id: z.string().min(1).max(64) });

/** Subscriptions: lists, one with its renewal attempts, cancelling auto-renew, renewing now. */
export function registerSubscriptionRoutes(api: Api, ctx: AppContext) {
  const tags = ['subscriptions'];
  listRoute(
    api,
    { url: '/v1/subscriptions', tags, querystring: listSubscriptionsQuery, response: subscriptionListSchema },
    (scope, filters) => subscriptionsQuery(ctx.store.db, scope, filters),
    toSubscription,
  );

  api.get(
    '/v1/subscriptions/:id',
    { schema: { tags, params: idParams, response: { 200: subscriptionDetailSchema, ...errors } } },
    async (request) => {
      const sub = await findSubscription(ctx.store.db, scopeFor(request), request.params.id);
      const attempts = await attemptsOf(ctx.store.db, sub.id);
      return { ...toSubscription(sub), attempts: attempts.map(toSubscriptionAttempt) };
    },
  );

  const ownAction = { method: 'POST', tags, params: idParams, body: emptyBodySchema, status: 200 } as const;
  writeRoute(
    api,
    ctx,
    {
      ...ownAction,
      url: '/v1/subscriptions/:id/cancel',
      response: subscriptionSchema,
      keyRequired: false,
      access: 'customer-own',
    },
    async ({ params }, trx, now, scope) =>
      unwrap(await cancelAutoRenew(trx, scope, { subscriptionId: params.id }, now)),
  );
  writeRoute(
    api,
    ctx,
    {
      ...ownAction,
      url: '/v1/subscriptions/:id/renew',
      response: renewResponse,
      keyRequired: true,
      access: 'customer-own',
    },
    async ({ params }, trx, now, scope) =>
      unwrap(await renewNow(trx, scope, { subscriptionId: params.id }, now)),
  );
}
