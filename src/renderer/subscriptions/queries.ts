import { queryOptions } from '@tanstack/react-query';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';
import { byRenewal, keysetPages } from '../lib/keyset-pages';

/** From the cache, which the feed's subscription changes refresh (by table). */
export const subscriptionQueries = {
  all: ['subscriptions'] as const,
  /** The live subscriptions (active or past due), soonest renewal first, a page at a time. */
  renewals: (customerId?: string) => ({
    ...keysetPages(
      [...subscriptionQueries.all, 'renewals', customerId ?? null],
      (laterThan, limit) => call(desktop().subscriptionsList({ customerId, live: true, laterThan, limit })),
      ['subscriptions', 'outbox'],
      byRenewal,
    ),
    retry: false,
  }),
  notices: (customerId?: string) =>
    queryOptions({
      queryKey: [...subscriptionQueries.all, 'notices', customerId ?? null] as const,
      queryFn: () => call(desktop().subscriptionsNotices(customerId ? { customerId } : {})),
      meta: { tables: ['subscriptions'] },
    }),
};
