import { queryOptions } from '@tanstack/react-query';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';

export const topUpQueries = {
  all: ['top-up'] as const,
  /** Limits, presets, methods, payers and saved methods: asked of the billing API each time. */
  options: (walletId: string) =>
    queryOptions({
      queryKey: [...topUpQueries.all, 'options', walletId] as const,
      queryFn: () => call(desktop().topUpsOptions({ walletId })),
      meta: { tables: ['session'] },
      // The reseller may change its methods, fees and limits at any time, and nothing in the feed
      // says so: asked again each time the form opens (what was cached shows meanwhile).
      staleTime: 0,
      // Offline is worth one clear message, not three slow retries.
      retry: false,
    }),
};
