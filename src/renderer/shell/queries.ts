import { queryOptions, useQuery } from '@tanstack/react-query';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';

export const syncQueries = {
  all: ['sync'] as const,
  /** Kept current by `sync:status-changed`; refetched when the outbox changes, for its counts. */
  status: () =>
    queryOptions({
      queryKey: [...syncQueries.all, 'status'] as const,
      queryFn: () => call(desktop().syncStatus({})),
      meta: { tables: ['outbox'] },
    }),
};

export function useSyncStatus(enabled = true) {
  return useQuery({ ...syncQueries.status(), enabled });
}
