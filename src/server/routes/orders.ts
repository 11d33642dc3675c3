import { z } from 'zod';
import { errorBodySchema } from '../../shared/api/common.js';
import {
  batchRefundBody,
  batchRefundResponse,
  createProductBody,
  failOrderBody,
  fulfilmentBody,
  fulfilmentResponse,
  listOrdersQuery,
  listProductsQuery,
  orderListSchema,
  orderResponse,
  orderSchema,
  placeOrderBody,
  productListSchema,
  productSchema,
  updateProductBody,
} from '../../shared/api/orders.js';
import type { Api, AppContext } from '../context.js';
import { topUpScope } from '../http/access.js';
import { sendWrite } from '../http/idempotent.js';
import { scopeFor } from '../http/scope.js';
import { createProduct, productsQuery, updateProduct } from '../services/catalog/products.js';
import { findOrder } from '../services/lookups.js';
import { batchRefund } from '../services/orders/batch-refund.js';
import { ordersQuery } from '../services/orders/list.js';
import { placeOrder } from '../services/orders/place.js';
import { failOrder, reportFulfilment } from '../services/orders/settle.js';
import { newestFirstPage } from '../services/paging.js';
import { unwrap } from '../services/result.js';
import { toOrder, toProduct } from '../wire/order.js';

const errors = { '4xx': errorBodySchema };
const idParams = z.strictObject({ id: z.string().min(1).max(64) });
const money = { keyRequired: true, status: 200 } as const;

/** The catalog, orders paid from the wallet, their fulfilment and refunds. */
export function registerOrderRoutes(api: Api, ctx: AppContext) {
  api.get(
    '/v1/products',
    {
      schema: {
        tags: ['orders'],
        querystring: listProductsQuery,
        response: { 200: productListSchema, ...errors },
      },
    },
    async (request) => {
      const { cursor, limit, ...filters } = request.query;
      const { page, nextCursor } = await newestFirstPage(
        productsQuery(ctx.store.db, scopeFor(request), filters),
        cursor,
        limit,
      );
      return { items: page.map(toProduct), nextCursor };
    },
  );

  api.post(
    '/v1/products',
    { schema: { tags: ['orders'], body: createProductBody, response: { 201: productSchema, ...errors } } },
    async (request, reply) =>
      sendWrite(
        ctx,
        request,
        reply,
        scopeFor(request),
        { keyRequired: false, status: 201 },
        async (trx, now, scope) => toProduct(unwrap(await createProduct(trx, scope, request.body, now))),
      ),
  );

  api.patch(
    '/v1/products/:id',
    {
      schema: {
        tags: ['orders'],
        params: idParams,
        body: updateProductBody,
        response: { 200: productSchema, ...errors },
      },
    },
    async (request, reply) =>
      sendWrite(
        ctx,
        request,
        reply,
        scopeFor(request),
        { keyRequired: false, status: 200 },
        async (trx, now, scope) =>
          toProduct(
            unwrap(
              await updateProduct(trx, scope, { productId: request.params.id, changes: request.body }, now),
            ),
          ),
      ),
  );

  api.post(
    '/v1/customers/:id/orders',
    {
      schema: {
        tags: ['orders'],
        params: idParams,
        body: placeOrderBody,
        response: { 201: orderResponse, ...errors },
      },
    },
    async (request, reply) =>
      // The reseller admin, or a customer for itself: the scope's customer narrows every lookup.
      sendWrite(
        ctx,
        request,
        reply,
        topUpScope(request),
        { keyRequired: true, status: 201, access: 'customer-own' },
        async (trx, now, scope) =>
          unwrap(await placeOrder(trx, scope, { ...request.body, customerId: request.params.id }, now)),
      ),
  );

  api.get(
    '/v1/orders',
    {
      schema: {
        tags: ['orders'],
        querystring: listOrdersQuery,
        response: { 200: orderListSchema, ...errors },
      },
    },
    async (request) => {
      const { cursor, limit, ...filters } = request.query;
      const { page, nextCursor } = await newestFirstPage(
        ordersQuery(ctx.store.db, scopeFor(request), filters),
        cursor,
        limit,
      );
      return { items: page.map(toOrder), nextCursor };
    },
  );

  api.get(
    '/v1/orders/:id',
    { schema: { tags: ['orders'], params: idParams, response: { 200: orderSchema, ...errors } } },
    async (request) => toOrder(await findOrder(ctx.store.db, scopeFor(request), request.params.id)),
  );

  api.post(
    '/v1/orders/:id/fulfilment',
    {
      schema: {
        tags: ['orders'],
        params: idParams,
        body: fulfilmentBody,
        response: { 200: fulfilmentResponse, ...errors },
      },
    },
    async (request, reply) =>
      sendWrite(ctx, request, reply, scopeFor(request), money, async (trx, now, scope) =>
        unwrap(
          await reportFulfilment(
            trx,
            scope,
            { orderId: request.params.id, provisioned: request.body.provisioned },
            now,
          ),
        ),
      ),
  );

  api.post(
    '/v1/orders/:id/fail',
    {
      schema: {
        tags: ['orders'],
        params: idParams,
        body: failOrderBody,
        response: { 200: fulfilmentResponse, ...errors },
      },
    },
    async (request, reply) =>
      sendWrite(ctx, request, reply, scopeFor(request), money, async (trx, now, scope) =>
        unwrap(await failOrder(trx, scope, { orderId: request.params.id, reason: request.body.reason }, now)),
      ),
  );

  api.post(
    '/v1/order-refunds',
    {
      schema: { tags: ['orders'], body: batchRefundBody, response: { 200: batchRefundResponse, ...errors } },
    },
    async (request, reply) =>
      sendWrite(ctx, request, reply, scopeFor(request), money, async (trx, now, scope) =>
        unwrap(await batchRefund(trx, scope, request.body, now)),
      ),
  );
}
