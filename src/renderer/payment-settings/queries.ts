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
  /** Staff: each network's receiving addresses against the wallet's gap limit (online only). */
  cryptoAddresses: () =>
    queryOptions({
      queryKey: [...paymentSettingsQueries.all, 'crypto-addresses'] as const,
      queryFn: () => call(desktop().paymentSettingsCryptoAddresses({})),
      meta: { tables: ['session', 'payments'] },
      retry: false,
    }),
};
