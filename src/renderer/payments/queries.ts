import { queryOptions } from '@tanstack/react-query';
import type { PaymentProviderId, PaymentStatus } from '../../shared/api/payments';
import type { Currency } from '../../shared/money';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';
import { byCreation, keysetPages } from '../lib/keyset-pages';
import { namedRecords } from '../lib/named-records';

export interface PaymentFilter {
  walletId?: string;
  customerId?: string;
  status?: PaymentStatus;
  provider?: PaymentProviderId;
  /** Only payments not paid yet, in this currency. */
  unpaidIn?: Currency;
}

export const paymentQueries = {
  all: ['payments'] as const,
  /** The payments that records on screen name (an invoice's payment under way), by id. */
  named: (paymentIds: readonly string[]) =>
    namedRecords(
      [...paymentQueries.all, 'named'],
      paymentIds,
      (ids) => call(desktop().paymentsList({ paymentIds: ids, limit: ids.length })),
      ['payments'],
    ),
  /** The Payments screen: every payment, newest first, a page at a time ("Show older payments"). */
  pages: (filter: PaymentFilter) =>
    keysetPages(
      [...paymentQueries.all, 'pages', filter],
      (olderThan, limit) => call(desktop().paymentsList({ ...filter, olderThan, limit })),
      ['payments'],
      byCreation,
    ),
  /**
   * The methods the filter offers: those of the cached payments and those the reseller offers in
   * the top-up options last fetched. Those options change no cache table, so the list is read
   * afresh whenever the Payments screen opens (a few index lookups).
   */
  providers: () =>
    queryOptions({
      queryKey: [...paymentQueries.all, 'providers'] as const,
      queryFn: () => call(desktop().paymentsProviders({})),
      meta: { tables: ['payments'] },
      staleTime: 0,
    }),
  /** A payment, or the top-up still in the outbox that will become it (by its local id). */
  track: (paymentId: string) =>
    queryOptions({
      queryKey: [...paymentQueries.all, 'track', paymentId] as const,
      queryFn: () => call(desktop().paymentsGet({ paymentId })),
      meta: { tables: ['payments', 'outbox'] },
    }),
  /** Staff: where a crypto payment's address sits in the reseller's wallet (online, not cached). */
  cryptoAddress: (paymentId: string) =>
    queryOptions({
      queryKey: [...paymentQueries.all, 'crypto-address', paymentId] as const,
      queryFn: () => call(desktop().paymentsCryptoAddress({ paymentId })),
      meta: { tables: ['payments'] },
      retry: false,
    }),
  /** The customer's top-up links, from the billing API (not cached: they need a connection). */
  links: (customerId: string) =>
    queryOptions({
      queryKey: [...paymentQueries.all, 'links', customerId] as const,
      queryFn: () => call(desktop().topUpLinksList({ customerId })),
      meta: { tables: [] },
      staleTime: 30_000,
    }),
};
