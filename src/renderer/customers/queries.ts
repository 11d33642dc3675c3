import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';

/** Customers per `customers:search` page. */
export const CUSTOMER_PAGE_SIZE = 50;

const CUSTOMER_TABLES = ['customers', 'outbox'] as const;

export const customerQueries = {
  all: ['customers'] as const,
  searchPage: (query: string, page: number) =>
    queryOptions({
      queryKey: [...customerQueries.all, 'search', query, page] as const,
      queryFn: () =>
        call(
          desktop().customersSearch({ query, offset: page * CUSTOMER_PAGE_SIZE, limit: CUSTOMER_PAGE_SIZE }),
        ),
      meta: { tables: CUSTOMER_TABLES },
      gcTime: 15_000,
      // While a new search runs, the last results stay on screen instead of a blank list.
      placeholderData: page === 0 ? keepPreviousData : undefined,
    }),
  detail: (customerId: string) =>
    queryOptions({
      queryKey: [...customerQueries.all, 'detail', customerId] as const,
      queryFn: () => call(desktop().customersGet({ customerId })),
      meta: { tables: CUSTOMER_TABLES },
    }),
};
