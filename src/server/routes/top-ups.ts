import { z } from 'zod';
import { emptyBodySchema, errorBodySchema } from '../../shared/api/common.js';
import {
  createTopUpBody,
  listPaymentsQuery,
  paymentListSchema,
  paymentSchema,
  topUpOptionsSchema,
} from '../../shared/api/payments.js';
import { type Api, type AppContext } from '../context.js';
import { scopeFor } from '../http/scope.js';
import { newestFirstPage } from '../services/paging.js';
import { startCheckoutPayment } from '../http/checkout-payment.js';
import { findPayment, findWallet } from '../services/lookups.js';
import { cancelPayment } from '../services/payments/cancel.js';
import { createTopUp } from '../services/payments/create-top-up.js';
import { paymentsQuery, topUpOptions } from '../services/payments/list.js';
import { unwrap } from '../services/result.js';
import { toPayment } from '../wire/payment.js';
import { topUpScope } from '../http/access.js';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
const idParams = z.strictObject({ id: z.string().min(1).max(64) });

export function registerTopUpRoutes(api: Api, ctx: AppContext) {
  const { payments } = ctx;

  api.get(
    '/v1/wallets/:id/top-up-options',
    { schema: { tags: ['payments'], params: idParams, response: { 200: topUpOptionsSchema, ...errors } } },
    async (request) => topUpOptions(ctx.store.db, scopeFor(request), request.params.id, payments.providers),
  );

  api.post(
    '/v1/wallets/:id/top-ups',
    {
      schema: {
        tags: ['payments'],
        params: idParams,
        body: createTopUpBody,
        response: { 201: paymentSchema, ...errors },
      },
    },
    async (request, reply) => {
      const scope = topUpScope(request);
      const wallet = await findWallet(ctx.store.db, scope, request.params.id).catch(() => null);
      return startCheckoutPayment(ctx, request, reply, {
        scope,
        asked: wallet ? { amount: request.body.amount, currency: wallet.currency } : null,
        create: (trx, key, now) =>
          createTopUp(
            trx,
            scope,
            {
              walletId: request.params.id,
              body: request.body,
              idempotencyKey: key,
              gateways: payments.providers,
            },
            now,
          ),
      });
    },
  );

  api.get(
    '/v1/payments',
    {
      schema: {
        tags: ['payments'],
        querystring: listPaymentsQuery,
        response: { 200: paymentListSchema, ...errors },
      },
    },
    async (request) => {
      const { cursor, limit, ...filters } = request.query;
      const scope = scopeFor(request);
      const query = paymentsQuery(ctx.store.db, scope, filters);
      const { page, nextCursor } = await newestFirstPage(query, cursor, limit);
      return { items: page.map((row) => toPayment(row, { staff: !scope.customerId })), nextCursor };
    },
  );

  api.get(
    '/v1/payments/:id',
    { schema: { tags: ['payments'], params: idParams, response: { 200: paymentSchema, ...errors } } },
    async (request) => {
      const scope = scopeFor(request);
      return toPayment(await findPayment(ctx.store.db, scope, request.params.id), {
        staff: !scope.customerId,
      });
    },
  );

  api.post(
    '/v1/payments/:id/cancel',
    {
      schema: {
        tags: ['payments'],
        params: idParams,
        body: emptyBodySchema,
        response: { 200: paymentSchema, ...errors },
      },
    },
    async (request) => {
      const scope = topUpScope(request);
      const now = ctx.now();
      const row = await ctx.store.write(async (trx) =>
        unwrap(await cancelPayment(trx, scope, request.params, now)),
      );
      return toPayment(row);
    },
  );
}
