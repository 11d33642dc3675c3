import { newIdempotencyKey } from '../../shared/ids.js';
import type { HandlerContext } from './handler-context.js';
import { HandlerError, type Handlers } from './handle.js';
import { ADMIN, clientAs, online, type Role } from './online.js';

type OrderChannels =
  | 'products:list'
  | 'products:create'
  | 'products:update'
  | 'orders:list'
  | 'orders:get'
  | 'orders:place'
  | 'orders:fulfil'
  | 'orders:batch-refund'
  | 'subscriptions:list'
  | 'subscriptions:renew'
  | 'subscriptions:notices'
  | 'subscriptions:cancel';

const ANY: Role[] = ['reseller_admin', 'support_agent', 'customer'];
/** Who spends a wallet: the reseller admin, or the customer for itself (the API scopes it too). */
const PAYING: Role[] = ['reseller_admin', 'customer'];

/**
 * The catalog, orders and subscriptions. Reads and the writes that must answer now go to the API;
 * a fulfilment report and turning auto-renew off are queued in the outbox (they can wait, and the
 * API answers a repeat of either with the same outcome).
 */
export function createOrderHandlers(d: HandlerContext): Pick<Handlers, OrderChannels> {
  const as = (roles: readonly Role[], what: string) => clientAs(d.session, roles, what);
  /** A customer reaches only its own records: say so before the API does. */
  const ownCustomer = (customerId: string | undefined): string | undefined => {
    const session = d.session.get();
    if (session.role !== 'customer') return customerId === undefined ? undefined : d.real(customerId);
    if (customerId !== undefined && d.real(customerId) !== session.customerId)
      throw new HandlerError('forbidden', "this account cannot see another customer's orders", 'customerId');
    return session.customerId ?? undefined;
  };
  return {
    'products:list': async () => {
      const client = as(ANY, 'see the catalog');
      return (await online('Loading the catalog', () => client.products())).items;
    },
    'products:create': (body) => {
      const client = as(ADMIN, 'keep the catalog');
      return online('Adding a product', () => client.createProduct(body));
    },
    'products:update': ({ productId, changes }) => {
      const client = as(ADMIN, 'keep the catalog');
      return online('Saving the product', () => client.updateProduct(productId, changes));
    },
    // From the cache, as the feed brought them: offline too.
    'orders:list': ({ customerId, status, olderThan, limit }) => {
      as(ANY, 'see orders');
      return d.cache.orderReads.orders({ customerId: ownCustomer(customerId), status }, limit, olderThan);
    },
    // A customer's cache holds its own orders only (the feed sends no other).
    'orders:get': ({ orderId }) => {
      as(ANY, 'see orders');
      return d.cache.orderReads.order(d.real(orderId));
    },
    // The reseller admin for any of its customers, a customer for itself; never a support agent.
    'orders:place': async ({ customerId, productId, quantity, currency, requestKey }) => {
      const client = as(PAYING, 'place orders');
      const customer = ownCustomer(customerId)!;
      const key = requestKey ?? newIdempotencyKey();
      const placed = await online('Placing an order', () =>
        client.placeOrder(customer, { productId, quantity, currency }, key),
      );
      d.engine()?.syncNow();
      return placed;
    },
    'orders:fulfil': ({ orderId, number, provisioned }) =>
      d.enqueue({
        kind: 'order.fulfil',
        payload: { orderId, number, provisioned },
        customerRef: null,
        walletRef: null,
        currency: null,
        summary: { key: 'orderFulfil', values: { provisioned, number } },
      }),
    'orders:batch-refund': ({ orderIds, reason, dryRun }) => {
      const client = as(ADMIN, 'refund orders');
      return online(dryRun ? 'Previewing refunds' : 'Refunding orders', () =>
        client.batchRefund({ orderIds, reason, dryRun }, newIdempotencyKey()),
      );
    },
    'subscriptions:list': ({ customerId, live, renewingBefore, laterThan, limit }) => {
      as(ANY, 'see subscriptions');
      return d.cache.orderReads.subscriptions(
        { customerId: ownCustomer(customerId), live, renewingBefore },
        limit,
        laterThan,
      );
    },
    'subscriptions:notices': ({ customerId }) => {
      as(ANY, 'see notices');
      return d.cache.orderReads.notices({ customerId: ownCustomer(customerId) });
    },
    // Under the console's key, when it sends one: a retry after a lost answer pays one period.
    'subscriptions:renew': async ({ subscriptionId, requestKey }) => {
      const client = as(PAYING, 'renew subscriptions');
      const key = requestKey ?? newIdempotencyKey();
      const renewed = await online('Renewing', () => client.renewSubscription(subscriptionId, key));
      d.engine()?.syncNow();
      return renewed;
    },
    'subscriptions:cancel': ({ subscriptionId, productName }) => {
      as(PAYING, 'turn auto-renew off');
      return d.enqueue(
        {
          kind: 'subscription.cancel',
          payload: { subscriptionId, productName },
          customerRef: null,
          walletRef: null,
          currency: null,
          summary: { key: 'subscriptionCancel', values: { product: productName } },
        },
        { who: d.account() },
      );
    },
  };
}
