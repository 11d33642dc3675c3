import { queryOptions } from '@tanstack/react-query';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';

export const searchQueries = {
  /** What the local index finds for `query`; refreshed as the feed and the index bring more. */
  query: (query: string) =>
    queryOptions({
      queryKey: ['search', query] as const,
      queryFn: () => call(desktop().searchQuery({ query, limit: 6 })),
      meta: { tables: ['search', 'customers', 'transactions', 'payments', 'invoices', 'orders', 'tickets'] },
      placeholderData: (previous) => previous,
    }),
};
