import { queryOptions } from '@tanstack/react-query';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';

export const payerQueries = {
  all: ['payers'] as const,
  /** From the billing API (online only): payers are not in the local cache. */
  list: (customerId: string) =>
    queryOptions({
      queryKey: [...payerQueries.all, 'list', customerId] as const,
      queryFn: () => call(desktop().payersList({ customerId })),
      meta: { tables: ['session'] },
      retry: false,
    }),
  methods: (customerId: string, payerId?: string) =>
    queryOptions({
      queryKey: [...payerQueries.all, 'methods', customerId, payerId ?? null] as const,
      queryFn: () => call(desktop().savedMethodsList({ customerId, ...(payerId ? { payerId } : {}) })),
      // A method saved by a payment is confirmed by the server's job: payment changes refetch it, and
      // so does one made default or removed elsewhere (a saved_method change touches payments).
      meta: { tables: ['session', 'payments'] },
      retry: false,
    }),
};
