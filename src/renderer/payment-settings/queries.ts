import { queryOptions } from '@tanstack/react-query';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';

export const paymentSettingsQueries = {
  all: ['payment-settings'] as const,
  /** From the billing API each time (not cached in main): online only, one clear error offline. */
  current: () =>
    queryOptions({
      queryKey: [...paymentSettingsQueries.all, 'current'] as const,
      queryFn: () => call(desktop().paymentSettingsGet({})),
      meta: { tables: ['session'] },
      retry: false,
    }),
};
