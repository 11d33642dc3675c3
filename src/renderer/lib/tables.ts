import type { QueryClient } from '@tanstack/react-query';
import type { CacheTable } from '../../shared/ipc-contract';

declare module '@tanstack/react-query' {
  interface Register {
    /** Every query names the cache tables it reads, so `cache:tables-changed` refreshes only it. */
    queryMeta: { tables: readonly CacheTable[] };
  }
}

/** Whether a query reading `read` must refresh after a change to `changed`. */
export function readsAny(read: readonly CacheTable[] | undefined, changed: readonly CacheTable[]): boolean {
  if (!read) return false;
  return read.some((table) => changed.includes(table));
}

/** Marks stale, and refetches if shown, every query over one of `changed`. */
export function invalidateTables(queryClient: QueryClient, changed: readonly CacheTable[]): Promise<void> {
  return queryClient.invalidateQueries({ predicate: (query) => readsAny(query.meta?.tables, changed) });
}
