import type { Api } from '../../src/server/context.js';
import { call, key } from './api.js';
import { ok } from './tenants.js';

/** The order records of one customer that the id-taking order routes name. */
export interface OrderRecords {
  /** A monthly product of the reseller (USD 5.00). */
  productId: string;
  /** The customer's order of it, still `provisioning`. */
  orderId: string;
  /**
   * The subscription of a second order of it, provisioned: a subscription renews only once its
   * order is (the first one's would refuse "Renew now" `conflict`).
   */
  subscriptionId: string;
}

/** Creates a product and orders it for the customer through the routes a reseller admin uses. */
export async function orderRecords(
  app: Api,
  admin: string,
  ids: { customerId: string },
  productId?: string,
): Promise<OrderRecords> {
  const product =
    productId ??
    (
      await ok(
        call(app, 'POST', '/v1/products', {
          token: admin,
          body: { name: 'Residential proxy plan', prices: { USD: 500 }, period: 'month' },
        }),
      )
    ).id;
  const place = () =>
    ok(
      call(app, 'POST', `/v1/customers/${ids.customerId}/orders`, {
        token: admin,
        key: key('order'),
        body: { productId: product, quantity: 1, currency: 'USD' },
      }),
    );
  const placed = await place();
  const renewing = await place();
  await ok(
    call(app, 'POST', `/v1/orders/${renewing.order.id}/fulfilment`, {
      token: admin,
      key: key('fulfilment'),
      body: { provisioned: 1 },
    }),
  );
  return { productId: product, orderId: placed.order.id, subscriptionId: renewing.order.subscriptionId };
}
