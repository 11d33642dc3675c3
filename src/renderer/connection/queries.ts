import { queryOptions, useQuery } from '@tanstack/react-query';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';
import { permissionsFor } from '../lib/permissions';

export const sessionQueries = {
  all: ['session'] as const,
  current: () =>
    queryOptions({
      queryKey: [...sessionQueries.all, 'current'] as const,
      queryFn: () => call(desktop().sessionGet({})),
      meta: { tables: ['session'] },
    }),
};

export function useSession() {
  return useQuery(sessionQueries.current());
}

/** What the signed-in user may do; nothing until the session has loaded. */
export function usePermissions() {
  const { data } = useSession();
  return permissionsFor(data);
}
