import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { desktop } from '../bridge';
import type { TransactionType } from '../../shared/api/wallets';
import { call } from '../lib/ipc';
import { namedRecords } from '../lib/named-records';
import { useUi } from '../shell/ui-store';

export interface HistoryFilter {
  walletId: string;
  type?: TransactionType;
  /** Calendar days, YYYY-MM-DD, both inclusive. */
  from?: string;
  to?: string;
}

/** Rows per `wallets:history` page: a screenful or two, small enough to arrive in one frame. */
export const HISTORY_PAGE_SIZE = 100;

const WALLET_TABLES = ['wallets', 'customers', 'outbox'] as const;

export const walletQueries = {
  all: ['wallets'] as const,
  /** The wallets that records on screen name (payments, queued writes), with their customers, by id. */
  named: (walletIds: readonly string[]) =>
    namedRecords(
      [...walletQueries.all, 'named'],
      walletIds,
      (ids) => call(desktop().walletsList({ walletIds: ids })),
      [...WALLET_TABLES],
    ),
  /** The currencies the reseller's wallets are in. */
  currencies: () =>
    queryOptions({
      queryKey: [...walletQueries.all, 'currencies'] as const,
      queryFn: () => call(desktop().walletsCurrencies({})),
      meta: { tables: WALLET_TABLES },
    }),
  list: (customerId?: string) =>
    queryOptions({
      queryKey: [...walletQueries.all, 'list', customerId ?? null] as const,
      queryFn: () => call(desktop().walletsList(customerId ? { customerId } : {})),
      meta: { tables: WALLET_TABLES },
    }),
  detail: (walletId: string) =>
    queryOptions({
      queryKey: [...walletQueries.all, 'detail', walletId] as const,
      queryFn: () => call(desktop().walletsGet({ walletId })),
      meta: { tables: WALLET_TABLES },
    }),
  historyPage: (filter: HistoryFilter, page: number) =>
    queryOptions({
      queryKey: [...walletQueries.all, 'history', filter, page] as const,
      queryFn: () =>
        call(
          desktop().walletsHistory({ ...filter, offset: page * HISTORY_PAGE_SIZE, limit: HISTORY_PAGE_SIZE }),
        ),
      meta: { tables: ['transactions'] },
      // Pages scrolled away from are dropped soon: a million rows must not pile up in memory.
      gcTime: 15_000,
      placeholderData: page === 0 ? keepPreviousData : undefined,
    }),
  balanceHistory: (walletId: string, days: number) =>
    queryOptions({
      queryKey: [...walletQueries.all, 'balance-history', walletId, days] as const,
      queryFn: () => call(desktop().walletsBalanceHistory({ walletId, days })),
      meta: { tables: ['transactions'] },
    }),
};

/** Every wallet the signed-in user may see, and the current one (the header's, the Wallet page's). */
export function useCurrentWallet(enabled = true) {
  const wallets = useQuery({ ...walletQueries.list(), enabled });
  const currentId = useUi((state) => state.currentWalletId);
  const wallet = wallets.data?.find((w) => w.id === currentId) ?? wallets.data?.[0] ?? null;
  return { wallets, wallet };
}
