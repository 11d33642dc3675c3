import { infiniteQueryOptions, type InfiniteData } from '@tanstack/react-query';
import type { CacheTable, OlderThan, QuieterThan } from '../../shared/ipc-contract';

/** Records a newest-first screen reads at a time; "Show older" reads the next ones. */
export const LIST_PAGE = 100;

/** A record a newest-first list pages by; `pending`: still in the outbox, listed ahead of the rest. */
interface Listed {
  id: string;
  pending?: boolean;
}

/** Where the next page of a list in order of creation starts: below this record. */
export const byCreation = (r: { createdAt: string; id: string }): OlderThan => ({
  createdAt: r.createdAt,
  id: r.id,
});
/** The same for a list in order of latest activity (tickets). */
export const byActivity = (r: { updatedAt: string; id: string }): QuieterThan => ({
  updatedAt: r.updatedAt,
  id: r.id,
});

/**
 * Where the page after `page` starts: below its last cached record, when the page was full (a short
 * page is the end). Records still in the outbox ride on the first page only and do not count.
 */
export function nextPageBelow<Item extends Listed, Cursor>(
  page: readonly Item[],
  cursorOf: (last: Item) => Cursor,
  limit = LIST_PAGE,
): Cursor | undefined {
  const cached = page.filter((r) => !r.pending);
  const last = cached.at(-1);
  return last && cached.length >= limit ? cursorOf(last) : undefined;
}

/**
 * A newest-first list of the cache (payments, orders, invoices, tickets) as pages read on demand,
 * each a keyset read below the last (`cursorOf` its last record): `data` is every record read so
 * far, in order. Refetched whole, page by page, when one of `tables` changes.
 */
export function newestFirstPages<Item extends Listed, Cursor extends object>(
  queryKey: readonly unknown[],
  read: (page: { olderThan?: Cursor; limit: number }) => Promise<Item[]>,
  tables: CacheTable[],
  cursorOf: (last: Item) => Cursor,
) {
  return infiniteQueryOptions({
    queryKey,
    queryFn: ({ pageParam }) => {
      const below = pageParam as Cursor | undefined;
      return read(below === undefined ? { limit: LIST_PAGE } : { olderThan: below, limit: LIST_PAGE });
    },
    initialPageParam: undefined as Cursor | undefined,
    getNextPageParam: (page) => nextPageBelow(page, cursorOf),
    select: (data: InfiniteData<Item[], Cursor | undefined>) => data.pages.flat(),
    meta: { tables },
  });
}
