import { queryOptions } from '@tanstack/react-query';
import type { ChannelInput } from '../../shared/ipc-contract';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';
import { byCreation, newestFirstPages } from '../lib/newest-first';

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
  /** Every order, newest first, a page at a time ("Show older orders"). */
  pages: (filters: Pick<ChannelInput<'orders:list'>, 'customerId' | 'status'> = {}) => ({
    ...newestFirstPages(
      [...orderQueries.all, 'pages', filters],
      (page) => call(desktop().ordersList({ ...filters, ...page })),
      ['orders', 'outbox'],
      byCreation,
    ),
    retry: false,
  }),
};
