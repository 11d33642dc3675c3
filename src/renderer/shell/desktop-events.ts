import type { QueryClient } from '@tanstack/react-query';
import { desktop } from '../bridge';
import { sessionChanged } from '../connection/session-cache';
import { createTableInvalidator } from '../lib/tables';
import { syncQueries } from './queries';

/**
 * Main's events drive the cache: a change to some tables refreshes the queries over them, and the
 * sync status and session arrive as they are, with no refetch.
 */
export function subscribeToDesktop(queryClient: QueryClient): () => void {
  const api = desktop();
  const invalidator = createTableInvalidator(queryClient);
  const unsubscribes = [
    invalidator.dispose,
    api.on('cache:tables-changed', ({ tables }) => invalidator.changed(tables)),
    api.on('sync:status-changed', (status) =>
      queryClient.setQueryData(syncQueries.status().queryKey, status),
    ),
    api.on('session:changed', (session) => sessionChanged(queryClient, session)),
  ];
  return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
}
