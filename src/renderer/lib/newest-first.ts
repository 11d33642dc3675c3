import { infiniteQueryOptions, type InfiniteData } from '@tanstack/react-query';
import type { CacheTable, OlderThan } from '../../shared/ipc-contract';

/** Records a newest-first screen reads at a time; "Show older" reads the next ones. */
export const LIST_PAGE = 100;

/** A record a newest-first list pages by; `pending`: still in the outbox, listed ahead of the rest. */
interface Listed {
  id: string;
  createdAt: string;
  pending?: boolean;
}

/**
 * Where the page after `page` starts: below its last cached record, when the page was full (a short
 * page is the end). Records still in the outbox ride on the first page only and do not count.
 */
export function olderThanLast(page: readonly Listed[], limit = LIST_PAGE): OlderThan | undefined {
  const cached = page.filter((r) => !r.pending);
  const last = cached.at(-1);
  return last && cached.length >= limit ? { createdAt: last.createdAt, id: last.id } : undefined;
}

/**
 * A newest-first list of the cache (payments, orders, invoices) as pages read on demand, each a
 * keyset read below the last: `data` is every record read so far, in order. Refetched whole, page by
 * page, when one of `tables` changes.
 */
export function newestFirstPages<Item extends Listed>(
  queryKey: readonly unknown[],
  read: (page: { olderThan?: OlderThan; limit: number }) => Promise<Item[]>,
  tables: CacheTable[],
) {
  return infiniteQueryOptions({
    queryKey,
    queryFn: ({ pageParam }) => read({ ...(pageParam ? { olderThan: pageParam } : {}), limit: LIST_PAGE }),
    initialPageParam: undefined as OlderThan | undefined,
    getNextPageParam: (page) => olderThanLast(page),
    select: (data: InfiniteData<Item[], OlderThan | undefined>) => data.pages.flat(),
    meta: { tables },
  });
}
