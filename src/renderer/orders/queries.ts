import { queryOptions } from '@tanstack/react-query';
import type { ChannelInput } from '../../shared/ipc-contract';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';

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
  list: (filters: ChannelInput<'orders:list'> = {}) =>
    queryOptions({
      queryKey: [...orderQueries.all, 'list', filters] as const,
      queryFn: () => call(desktop().ordersList(filters)),
      meta: { tables: ['orders', 'outbox'] },
      retry: false,
    }),
};
