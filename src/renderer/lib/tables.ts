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

/**
 * Turns `cache:tables-changed` events into invalidations of the queries over those tables only.
 *
 * A lone change (a write, a live update) is applied at once. A burst (initial sync announces every
 * page it applies) is coalesced to one refresh per `windowMs`, so the screens do not ask main for
 * the same rows hundreds of times while it is busy writing them. A query already fetching is not
 * cancelled and restarted (a slow one would never finish): it is refreshed again once it settles,
 * so the last change is never missed.
 */
export function createTableInvalidator(queryClient: QueryClient, windowMs = 250) {
  const cache = queryClient.getQueryCache();
  const pending = new Set<CacheTable>();
  /** Queries that were fetching when a change to their tables arrived: refresh when they settle. */
  const dirty = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastFlush = -Infinity;

  const flush = () => {
    timer = null;
    lastFlush = Date.now();
    const changed = [...pending];
    pending.clear();
    for (const query of cache.findAll({ predicate: (q) => readsAny(q.meta?.tables, changed) })) {
      if (query.state.fetchStatus === 'fetching') dirty.add(query.queryHash);
    }
    void queryClient.invalidateQueries(
      {
        predicate: (q) => readsAny(q.meta?.tables, changed) && !dirty.has(q.queryHash),
      },
      { cancelRefetch: false },
    );
  };

  const unsubscribe = cache.subscribe((event) => {
    const query = event.query;
    if (event.type !== 'updated' || !dirty.has(query.queryHash) || query.state.fetchStatus !== 'idle') return;
    dirty.delete(query.queryHash);
    void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true }, { cancelRefetch: false });
  });

  return {
    changed(tables: readonly CacheTable[]): void {
      for (const table of tables) pending.add(table);
      if (timer !== null) return;
      timer = setTimeout(flush, Math.max(0, lastFlush + windowMs - Date.now()));
    },
    dispose(): void {
      if (timer !== null) clearTimeout(timer);
      unsubscribe();
    },
  };
}
