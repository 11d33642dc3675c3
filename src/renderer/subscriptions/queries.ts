import { queryOptions } from '@tanstack/react-query';
import type { ChannelInput } from '../../shared/ipc-contract';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';

/** From the billing API (not cached); the feed's subscription changes invalidate them by table. */
export const subscriptionQueries = {
  all: ['subscriptions'] as const,
  list: (filters: ChannelInput<'subscriptions:list'> = {}) =>
    queryOptions({
      queryKey: [...subscriptionQueries.all, 'list', filters] as const,
      queryFn: () => call(desktop().subscriptionsList(filters)),
      meta: { tables: ['subscriptions', 'outbox'] },
      retry: false,
    }),
  notices: (customerId?: string) =>
    queryOptions({
      queryKey: [...subscriptionQueries.all, 'notices', customerId ?? null] as const,
      queryFn: () => call(desktop().subscriptionsNotices(customerId ? { customerId } : {})),
      meta: { tables: ['subscriptions'] },
    }),
};
