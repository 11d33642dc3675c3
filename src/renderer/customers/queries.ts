import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { desktop } from '../bridge';
import type { CustomerView } from '../../shared/ipc-contract';
import { call } from '../lib/ipc';
import { namedRecords } from '../lib/named-records';

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
  /** The customers a screen's records name (tickets, audit records), as a map by id. */
  named: (customerIds: readonly string[]) =>
    namedRecords(
      [...customerQueries.all, 'named'],
      customerIds,
      (ids) => call(desktop().customersNamed({ customerIds: ids })),
      ['customers'],
    ),
  detail: (customerId: string) =>
    queryOptions({
      queryKey: [...customerQueries.all, 'detail', customerId] as const,
      queryFn: async ({ client, queryKey }): Promise<CustomerView | null> => {
        const found = await call(desktop().customersGet({ customerId }));
        if (found) return found;
        // A customer created here has a temporary id until the server confirms it, then lives on
        // under its permanent one: find it again by what it was created with.
        const before = client.getQueryData<CustomerView | null>(queryKey);
        return before?.pending ? confirmedCustomer(before) : null;
      },
      meta: { tables: CUSTOMER_TABLES },
    }),
};

async function confirmedCustomer(pending: CustomerView): Promise<CustomerView | null> {
  const { items } = await call(desktop().customersSearch({ query: pending.email, offset: 0, limit: 20 }));
  return items.find((c) => !c.pending && sameCustomer(c, pending)) ?? null;
}

/** The confirmed customer a queued one became: same name and email (emails compare caseless). */
export function sameCustomer(
  a: Pick<CustomerView, 'name' | 'email'>,
  b: Pick<CustomerView, 'name' | 'email'>,
) {
  return a.name.trim() === b.name.trim() && a.email.trim().toLowerCase() === b.email.trim().toLowerCase();
}
