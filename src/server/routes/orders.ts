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
import { listRoute, writeRoute } from '../http/route-shapes.js';
import { scopeFor } from '../http/scope.js';
import { createProduct, productsQuery, updateProduct } from '../services/catalog/products.js';
import { findOrder } from '../services/lookups.js';
import { batchRefund } from '../services/orders/batch-refund.js';
import { ordersQuery } from '../services/orders/list.js';
import { placeOrder } from '../services/orders/place.js';
import { failOrder, reportFulfilment } from '../services/orders/settle.js';
import { unwrap } from '../services/result.js';
import { toOrder, toProduct } from '../wire/order.js';

const errors = { '4xx': errorBodySchema };
const idParams = z.strictObject({ id: z.string().min(1).max(64) });

/** The catalog, orders paid from the wallet, their fulfilment and refunds. */
export function registerOrderRoutes(api: Api, ctx: AppContext) {
  const tags = ['orders'];
  listRoute(
    api,
    { url: '/v1/products', tags, querystring: listProductsQuery, response: productListSchema },
    (scope, filters) => productsQuery(ctx.store.db, scope, filters),
    toProduct,
  );

  writeRoute(
    api,
    ctx,
    {
      method: 'POST',
      url: '/v1/products',
      tags,
      body: createProductBody,
      status: 201,
      response: productSchema,
      keyRequired: false,
    },
    async ({ body }, trx, now, scope) => toProduct(unwrap(await createProduct(trx, scope, body, now))),
  );

  writeRoute(
    api,
    ctx,
    {
      method: 'PATCH',
      url: '/v1/products/:id',
      tags,
      params: idParams,
      body: updateProductBody,
      status: 200,
      response: productSchema,
      keyRequired: false,
    },
    async ({ params, body }, trx, now, scope) =>
      toProduct(unwrap(await updateProduct(trx, scope, { productId: params.id, changes: body }, now))),
  );

  // The reseller admin, or a customer for itself: the scope's customer narrows every lookup.
  writeRoute(
    api,
    ctx,
    {
      method: 'POST',
      url: '/v1/customers/:id/orders',
      tags,
      params: idParams,
      body: placeOrderBody,
      status: 201,
      response: orderResponse,
      keyRequired: true,
      access: 'customer-own',
    },
    async ({ params, body }, trx, now, scope) =>
      unwrap(await placeOrder(trx, scope, { ...body, customerId: params.id }, now)),
  );

  listRoute(
    api,
    { url: '/v1/orders', tags, querystring: listOrdersQuery, response: orderListSchema },
    (scope, filters) => ordersQuery(ctx.store.db, scope, filters),
    toOrder,
  );

  api.get(
    '/v1/orders/:id',
    { schema: { tags, params: idParams, response: { 200: orderSchema, ...errors } } },
    async (request) => toOrder(await findOrder(ctx.store.db, scopeFor(request), request.params.id)),
  );

  const money = { method: 'POST', tags, status: 200, keyRequired: true } as const;
  writeRoute(
    api,
    ctx,
    {
      ...money,
      url: '/v1/orders/:id/fulfilment',
      params: idParams,
      body: fulfilmentBody,
      response: fulfilmentResponse,
    },
    async ({ params, body }, trx, now, scope) =>
      unwrap(await reportFulfilment(trx, scope, { orderId: params.id, provisioned: body.provisioned }, now)),
  );

  writeRoute(
    api,
    ctx,
    {
      ...money,
      url: '/v1/orders/:id/fail',
      params: idParams,
      body: failOrderBody,
      response: fulfilmentResponse,
    },
    async ({ params, body }, trx, now, scope) =>
      unwrap(await failOrder(trx, scope, { orderId: params.id, reason: body.reason }, now)),
  );

  writeRoute(
    api,
    ctx,
    { ...money, url: '/v1/order-refunds', body: batchRefundBody, response: batchRefundResponse },
    async ({ body }, trx, now, scope) => unwrap(await batchRefund(trx, scope, body, now)),
  );
}
