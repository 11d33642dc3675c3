import { queryOptions, useQuery } from '@tanstack/react-query';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';
import { permissionsFor } from '../lib/permissions';
import { leaveLastPersonsPage } from './last-person';

export const sessionQueries = {
  all: ['session'] as const,
  current: () =>
    queryOptions({
      queryKey: [...sessionQueries.all, 'current'] as const,
      queryFn: async () => {
        const session = await call(desktop().sessionGet({}));
        // Also read when the window (re)loads: who is signed in now is who the next switch leaves.
        leaveLastPersonsPage(session);
        return session;
      },
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
