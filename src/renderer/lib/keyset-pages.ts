import { infiniteQueryOptions, type InfiniteData } from '@tanstack/react-query';
import type { CacheTable, LaterThan, OlderThan, QuieterThan } from '../../shared/ipc-contract';

/** Records a paged list reads at a time; "Show older …" (or "Show later …") reads the next ones. */
export const LIST_PAGE = 100;

/** A record a paged list pages by; `pending`: still in the outbox, listed ahead of the rest. */
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
/** Where the next page of a list in order of renewal (subscriptions, soonest first) starts: after this one. */
export const byRenewal = (r: { currentPeriodEnd: string; id: string }): LaterThan => ({
  currentPeriodEnd: r.currentPeriodEnd,
  id: r.id,
});

/**
 * Where the page after `page` starts: past its last cached record, when the page was full (a short
 * page is the end). Records still in the outbox ride on the first page only and do not count.
 */
export function nextPageAfter<Item extends Listed, Cursor>(
  page: readonly Item[],
  cursorOf: (last: Item) => Cursor,
  limit = LIST_PAGE,
): Cursor | undefined {
  const cached = page.filter((r) => !r.pending);
  const last = cached.at(-1);
  return last && cached.length >= limit ? cursorOf(last) : undefined;
}

/**
 * A list of the cache (payments, orders, invoices and tickets newest first, renewals soonest first)
 * as pages read on demand, each a keyset read past the last (`cursorOf` its last record; none for
 * the first page): `data` is every record read so far, in order. Refetched whole, page by page, when one of
 * `tables` changes.
 */
export function keysetPages<Item extends Listed, Cursor extends object>(
  queryKey: readonly unknown[],
  read: (from: Cursor | undefined, limit: number) => Promise<Item[]>,
  tables: CacheTable[],
  cursorOf: (last: Item) => Cursor,
) {
  return infiniteQueryOptions({
    queryKey,
    queryFn: ({ pageParam }) => read(pageParam as Cursor | undefined, LIST_PAGE),
    initialPageParam: undefined as Cursor | undefined,
    getNextPageParam: (page) => nextPageAfter(page, cursorOf),
    select: (data: InfiniteData<Item[], Cursor | undefined>) => data.pages.flat(),
    meta: { tables },
  });
}
