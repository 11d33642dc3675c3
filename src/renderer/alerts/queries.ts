import { queryOptions } from '@tanstack/react-query';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';

export const alertQueries = {
  all: ['alerts'] as const,
  /** A wallet's alert settings, auto top-up, runway and alert history, from the cache. */
  wallet: (walletId: string) =>
    queryOptions({
      queryKey: [...alertQueries.all, 'wallet', walletId] as const,
      queryFn: () => call(desktop().alertsWallet({ walletId })),
      meta: {
        tables: ['wallet_alert_settings', 'wallet_auto_top_ups', 'wallet_alerts', 'transactions', 'wallets'],
      },
    }),
  /**
   * A wallet's latest auto top-up charges, from the billing API (not in the cache). Every charge
   * changes the auto top-up, whose feed change re-asks.
   */
  attempts: (walletId: string) =>
    queryOptions({
      queryKey: [...alertQueries.all, 'attempts', walletId] as const,
      queryFn: () => call(desktop().autoTopUpAttempts({ walletId })),
      meta: { tables: ['wallet_auto_top_ups', 'session'] },
      // Offline is said at once, with a way to try again, rather than after retries.
      retry: false,
    }),
  /** Wallets in the `low` alert state (dashboard, header). */
  lowWallets: () =>
    queryOptions({
      queryKey: [...alertQueries.all, 'low'] as const,
      queryFn: () => call(desktop().alertsLowWallets({})),
      meta: { tables: ['wallet_alert_settings', 'wallets', 'session'] },
    }),
  /** The event-lag monitor: re-read every few seconds while shown (it also asks the API for staff). */
  lag: () =>
    queryOptions({
      queryKey: [...alertQueries.all, 'lag'] as const,
      queryFn: () => call(desktop().syncLag({})),
      meta: { tables: ['session'] },
      refetchInterval: 5_000,
      retry: false,
    }),
};
