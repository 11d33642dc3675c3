import { infiniteQueryOptions, keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { desktop } from '../bridge';
import type { TransactionType } from '../../shared/api/wallets';
import type { WalletView } from '../../shared/ipc-contract';
import { isCurrency, type Currency } from '../../shared/money';
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

/** What a wallet search narrows to (see `wallets:search`). */
export interface WalletFilter {
  query: string;
  currency?: Currency;
  active?: boolean;
}

/** Wallets a picker offers at a time; a narrower search reaches the rest. */
export const WALLET_PAGE_SIZE = 50;

/** Where the next slice of wallets in name order starts (past this one), and how many it reads. */
interface WalletSlice {
  after?: { customerName: string; customerId: string; currency: Currency };
  limit: number;
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
  /** The wallets of the customers a list shows (their balances), by customer, read together. */
  ofCustomers: (customerIds: readonly string[]) => {
    const wanted = [...new Set(customerIds)].sort();
    return queryOptions({
      queryKey: [...walletQueries.all, 'of-customers', wanted] as const,
      queryFn: async () => {
        const byCustomer = new Map<string, WalletView[]>();
        for (let i = 0; i < wanted.length; i += 500) {
          for (const w of await call(desktop().walletsList({ customerIds: wanted.slice(i, i + 500) })))
            byCustomer.set(w.customerId, [...(byCustomer.get(w.customerId) ?? []), w]);
        }
        return byCustomer;
      },
      enabled: wanted.length > 0,
      placeholderData: keepPreviousData,
      meta: { tables: WALLET_TABLES },
    });
  },
  /** The currencies the reseller's wallets are in. */
  currencies: () =>
    queryOptions({
      queryKey: [...walletQueries.all, 'currencies'] as const,
      queryFn: () => call(desktop().walletsCurrencies({})),
      meta: { tables: WALLET_TABLES },
    }),
  /** The first wallets by customer name that match, and how many match in all. */
  search: (filter: WalletFilter, limit = WALLET_PAGE_SIZE) =>
    queryOptions({
      queryKey: [...walletQueries.all, 'search', filter, limit] as const,
      queryFn: () => call(desktop().walletsSearch({ ...filter, limit })),
      meta: { tables: WALLET_TABLES },
      // While a new search runs, the last results stay on screen instead of an empty list.
      placeholderData: keepPreviousData,
    }),
  /** Every wallet by customer name, read `first` then `more` at a time as the list grows. */
  slices: (first: number, more: number) =>
    infiniteQueryOptions({
      queryKey: [...walletQueries.all, 'slices', first, more] as const,
      queryFn: ({ pageParam }) => call(desktop().walletsSearch({ query: '', ...pageParam })),
      initialPageParam: { limit: first } as WalletSlice,
      getNextPageParam: (page, _pages, slice): WalletSlice | undefined => {
        // Queued wallets ride on the first slice, in addition to its cached ones.
        const cached = page.items.filter((w) => !w.pending);
        const last = cached.at(-1);
        if (!last || cached.length < slice.limit) return undefined;
        const { customerName, customerId, currency } = last;
        return isCurrency(currency)
          ? { after: { customerName, customerId, currency }, limit: more }
          : undefined;
      },
      meta: { tables: WALLET_TABLES },
    }),
  /** A customer's wallets (a customer has one per currency: a few). */
  list: (customerId: string) =>
    queryOptions({
      queryKey: [...walletQueries.all, 'list', customerId] as const,
      queryFn: () => call(desktop().walletsList({ customerId })),
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

/**
 * The current wallet (the header's, the Wallet page's): the one last chosen or opened, or else the
 * first by customer name. Reads only that wallet: a reseller may have a hundred thousand.
 */
export function useCurrentWallet(enabled = true) {
  const currentId = useUi((state) => state.currentWalletId);
  const chosen = useQuery({
    ...walletQueries.detail(currentId ?? ''),
    enabled: enabled && currentId !== null,
  });
  // None chosen, or the chosen one is gone (closed elsewhere and purged, another account's).
  const wantsFirst = enabled && (currentId === null || (chosen.isSuccess && chosen.data === null));
  const first = useQuery({ ...walletQueries.search({ query: '' }, 1), enabled: wantsFirst });
  const read = wantsFirst ? first : chosen;
  const wallet = (wantsFirst ? first.data?.items[0] : chosen.data) ?? null;
  return {
    wallet,
    isPending: enabled && read.isPending,
    isError: read.isError,
    error: read.error,
    refetch: () => void read.refetch(),
  };
}
