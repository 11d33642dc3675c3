import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { desktop } from '../bridge';
import type { OutboxItem } from '../../shared/ipc-contract';
import { call } from '../lib/ipc';

export const outboxQueries = {
  all: ['outbox'] as const,
  list: () =>
    queryOptions({
      queryKey: [...outboxQueries.all, 'list'] as const,
      queryFn: () => call(desktop().outboxList({})),
      meta: { tables: ['outbox'] },
    }),
  /** One page of the Outbox screen (oldest first), and the queue's size. */
  page: (offset: number, limit: number) =>
    queryOptions({
      queryKey: [...outboxQueries.all, 'page', offset, limit] as const,
      queryFn: () => call(desktop().outboxPage({ offset, limit })),
      meta: { tables: ['outbox'] },
      // The page in view stays while the next one loads: the list does not flash empty.
      placeholderData: keepPreviousData,
    }),
};

export const OUTBOX_PAGE_SIZE = 50;

export function useOutbox() {
  return useQuery(outboxQueries.list());
}

/** Writes queued for one wallet or customer, not yet confirmed by the server. */
export function useOutboxFor(scope: { walletId?: string; customerId?: string }) {
  return useQuery({
    ...outboxQueries.list(),
    select: (items: OutboxItem[]) =>
      items.filter(
        (item) =>
          (scope.walletId === undefined || item.walletId === scope.walletId) &&
          (scope.customerId === undefined || item.customerId === scope.customerId),
      ),
  });
}
