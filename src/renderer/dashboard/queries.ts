import { queryOptions } from '@tanstack/react-query';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';

export const activityQueries = {
  all: ['activity'] as const,
  recent: (limit: number) =>
    queryOptions({
      queryKey: [...activityQueries.all, 'recent', limit] as const,
      queryFn: () => call(desktop().activityRecent({ limit })),
      meta: { tables: ['transactions'] },
    }),
};
