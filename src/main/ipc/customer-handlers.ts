import { newId } from '../../shared/ids.js';
import type { CustomerView, QueuedItem } from '../../shared/ipc-contract.js';
import { isLocalId, LOCAL_PREFIX } from '../outbox/outbox-store.js';
import type { Handlers } from './handle.js';
import type { HandlerContext } from './handler-context.js';
import { notSynced } from './not-synced.js';
import { ADMIN, clientAs, online } from './online.js';
import { rejectionOf } from './queued-view.js';

type CustomerChannels =
  'customers:search' | 'customers:get' | 'customers:named' | 'customers:create' | 'customers:set-language';

/**
 * Customers: confirmed ones from the cache, and those still queued for creation in the outbox. A
 * customer's email language is a setting saved online (the server's answer goes to the cache).
 */
export function createCustomerHandlers(d: HandlerContext): Pick<Handlers, CustomerChannels> {
  return {
    'customers:search': ({ query, offset, limit }) => {
      const { items, total } = d.cache.searchCustomers(query, offset, limit);
      const q = query.trim().toLowerCase();
      const queued: CustomerView[] =
        offset === 0
          ? d
              .queued('customer.create')
              .map(pendingCustomer)
              .filter((c) => [c.name, c.email, c.externalRef ?? ''].join('\n').toLowerCase().includes(q))
          : [];
      return {
        items: [...queued, ...items.map((c) => ({ ...c, pending: false }))],
        total: total + queued.length,
      };
    },
    'customers:named': ({ customerIds }) =>
      d.cache
        .customersWithIds(customerIds.map((customerId) => d.real(customerId)))
        .map((customer) => ({ ...customer, pending: false })),
    'customers:get': (args) => {
      const customerId = d.real(args.customerId);
      const customer = d.cache.customer(customerId);
      if (customer) return { ...customer, pending: false };
      const queued = d.queued('customer.create').find((i) => i.payload.localId === customerId);
      return queued ? pendingCustomer(queued) : null;
    },
    'customers:create': ({ name, email, externalRef, language }) => {
      const localId = `${LOCAL_PREFIX}${newId('customer')}`;
      return d.enqueue({
        kind: 'customer.create',
        payload: {
          localId,
          name,
          email,
          ...(externalRef ? { externalRef } : {}),
          ...(language ? { language } : {}),
        },
        customerRef: localId,
        walletRef: null,
        currency: null,
        summary: { key: 'customerCreate', values: { name } },
      });
    },
    'customers:set-language': async ({ customerId, language }) => {
      const client = clientAs(d.session, ADMIN, "set a customer's email language");
      const id = d.real(customerId);
      if (isLocalId(id))
        throw notSynced(
          'customer',
          'this customer is still queued: set its language once it is created',
          'customerId',
        );
      const customer = await online("Setting a customer's email language", () =>
        client.updateCustomer(id, { language }),
      );
      d.cache.putCustomer(customer);
      d.tablesChanged?.(['customers']);
      return { ...customer, pending: false };
    },
  };
}

/** A customer still queued for creation, as the screens show it. */
function pendingCustomer(i: QueuedItem<'customer.create'>): CustomerView {
  return {
    id: i.payload.localId,
    name: i.payload.name,
    email: i.payload.email,
    externalRef: i.payload.externalRef ? i.payload.externalRef : null,
    language: i.payload.language ?? null,
    languageSetBy: i.payload.language ? 'admin' : null,
    createdAt: i.createdAt,
    updatedAt: i.createdAt,
    pending: true,
    ...rejectionOf(i),
  };
}
