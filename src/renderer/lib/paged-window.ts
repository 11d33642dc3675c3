/**
 * The page window behind a virtualized list over an offset-paged channel: which pages to hold for
 * the rows in view, and where a row lives. Pure, so it is tested without a DOM.
 */

/**
 * Chromium stops growing an element at 33,554,428 px; rows past that height could never be
 * scrolled to. Lists show at most this many pixels of rows and say how many more there are.
 */
export const MAX_SCROLL_PX = 33_000_000;

/** How many of `total` rows of `rowHeight` px fit in one scrollable element. */
export function reachableRows(total: number, rowHeight: number, maxPx = MAX_SCROLL_PX): number {
  return Math.max(0, Math.min(total, Math.floor(maxPx / rowHeight)));
}

/**
 * Pages to hold for rows `startIndex..endIndex` (inclusive) of `count`: those pages plus
 * `overscanPages` either side, and always page 0, which tells the total. Sorted, no duplicates.
 * `lead`: rows page 0 carries ahead of its `pageSize` (see rowAt), which no offset counts.
 */
export function pagesForRange(
  range: { startIndex: number; endIndex: number } | null,
  pageSize: number,
  count: number,
  overscanPages = 1,
  lead = 0,
): number[] {
  const pages = new Set<number>([0]);
  const rows = count - lead;
  if (range && rows > 0) {
    const lastPage = Math.floor((rows - 1) / pageSize);
    const start = Math.max(0, range.startIndex - lead);
    const end = Math.max(0, Math.min(range.endIndex - lead, rows - 1));
    const first = Math.max(0, Math.floor(start / pageSize) - overscanPages);
    const last = Math.min(lastPage, Math.floor(end / pageSize) + overscanPages);
    for (let page = first; page <= last; page++) pages.add(page);
  }
  return [...pages].sort((a, b) => a - b);
}

/**
 * The pages to ask for: those of the rows in view (`wanted`, from pagesForRange), unless the list is
 * still moving (`scrolling`) and has left every page it asked for behind (`asked`: asked for before,
 * answered or on its way). A scrollbar thumb dragged across a million rows passes a new page every
 * frame, and asking for each (a request, its answer, a hundred rows drawn) cost frames for rows
 * nobody saw. The rows in view then show placeholders, and their pages are asked for once the list
 * stops, or comes back within reach of pages it asked for.
 */
export function pagesToAsk(
  wanted: readonly number[],
  asked: (page: number) => boolean,
  scrolling: boolean,
): readonly number[] {
  if (!scrolling) return wanted;
  const beyondZero = wanted.filter((page) => page !== 0);
  return beyondZero.length > 0 && !beyondZero.some(asked) ? [0] : wanted;
}

/**
 * The row at `index`, if its page has arrived. Page 0 may start with `lead` extra rows ahead of
 * its `pageSize` offset-counted ones (customers:search puts customers still in the outbox there).
 */
export function rowAt<T>(
  index: number,
  pageSize: number,
  pages: ReadonlyMap<number, readonly T[]>,
  lead = 0,
): T | undefined {
  if (index < lead) return pages.get(0)?.[index];
  const offset = index - lead;
  const page = Math.floor(offset / pageSize);
  return pages.get(page)?.[(page === 0 ? lead : 0) + (offset % pageSize)];
}
