import { useQueries, useQueryClient, type QueryKey, type UseQueryOptions } from '@tanstack/react-query';
import { pagesForRange, pagesToAsk } from './paged-window';

/**
 * The pages of an offset-paged channel that a virtualized list needs for the rows in view (and
 * one page either side). Pages that leave the window are no longer observed, so TanStack Query
 * drops them after their gcTime: scrolling a million rows keeps only a few pages in memory. While
 * the list flies past pages it never asked for (`scrolling`: the virtualizer's isScrolling), it
 * asks for none of them until it stops (pagesToAsk).
 */
export function usePageWindow<P extends { items: readonly unknown[] }, K extends QueryKey>({
  range,
  count,
  pageSize,
  lead = 0,
  scrolling = false,
  pageQuery,
}: {
  range: { startIndex: number; endIndex: number } | null;
  count: number;
  pageSize: number;
  /** Rows page 0 carries ahead of its page size (see rowAt). */
  lead?: number;
  /** The list is moving (a scroll, a fling, a dragged thumb), and stops by itself. */
  scrolling?: boolean;
  pageQuery: (page: number) => UseQueryOptions<P, Error, P, K>;
}) {
  const client = useQueryClient();
  const pageNumbers = pagesToAsk(
    pagesForRange(range, pageSize, count, 1, lead),
    // Asked for before (and still remembered): its answer is here or on its way.
    (page) => client.getQueryState(pageQuery(page).queryKey) !== undefined,
    scrolling,
  );
  return useQueries({
    queries: pageNumbers.map((page) => pageQuery(page)),
    combine: (results) => {
      const pages = new Map<number, P['items']>();
      let error: Error | null = null;
      results.forEach((result, i) => {
        if (result.data) pages.set(pageNumbers[i]!, result.data.items);
        if (result.error && !error) error = result.error;
      });
      return {
        pages,
        error: error as Error | null,
        isFetching: results.some((result) => result.isFetching),
        retry: () => results.forEach((result) => result.isError && void result.refetch()),
      };
    },
  });
}
