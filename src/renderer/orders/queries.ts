import { queryOptions } from '@tanstack/react-query';
import type { ChannelInput } from '../../shared/ipc-contract';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';
import { byCreation, keysetPages } from '../lib/keyset-pages';

/** From the billing API (not cached); the feed's order changes invalidate them by table. */
export const orderQueries = {
  all: ['orders'] as const,
  products: () =>
    queryOptions({
      queryKey: [...orderQueries.all, 'products'] as const,
      queryFn: () => call(desktop().productsList({})),
      meta: { tables: ['orders'] },
      retry: false,
    }),
  /** One order with its subscription and ledger rows, from the cache (null: not there). */
  detail: (orderId: string) =>
    queryOptions({
      queryKey: [...orderQueries.all, 'detail', orderId] as const,
      queryFn: () => call(desktop().ordersGet({ orderId })),
      meta: { tables: ['orders', 'subscriptions', 'transactions'] },
    }),
  /** Every order, newest first, a page at a time ("Show older orders"). */
  pages: (filters: Pick<ChannelInput<'orders:list'>, 'customerId' | 'status'> = {}) => ({
    ...keysetPages(
      [...orderQueries.all, 'pages', filters],
      (olderThan, limit) => call(desktop().ordersList({ ...filters, olderThan, limit })),
      ['orders', 'outbox'],
      byCreation,
    ),
    retry: false,
  }),
};
