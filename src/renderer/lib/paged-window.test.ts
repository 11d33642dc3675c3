import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_PX, pagesForRange, pagesToAsk, reachableRows, rowAt } from './paged-window';

describe('pagesForRange', () => {
  it('holds page 0 even before anything is in view', () => {
    expect(pagesForRange(null, 100, 0)).toEqual([0]);
    expect(pagesForRange(null, 100, 5000)).toEqual([0]);
  });

  it('holds the pages in view and one either side', () => {
    expect(pagesForRange({ startIndex: 0, endIndex: 30 }, 100, 5000)).toEqual([0, 1]);
    expect(pagesForRange({ startIndex: 250, endIndex: 280 }, 100, 5000)).toEqual([0, 1, 2, 3]);
    expect(pagesForRange({ startIndex: 295, endIndex: 320 }, 100, 5000)).toEqual([0, 1, 2, 3, 4]);
  });

  it('holds only nearby pages far down a million rows', () => {
    expect(pagesForRange({ startIndex: 734_510, endIndex: 734_540 }, 200, 1_000_000)).toEqual([
      0, 3671, 3672, 3673,
    ]);
  });

  it('never asks for a page past the end', () => {
    expect(pagesForRange({ startIndex: 4980, endIndex: 5010 }, 100, 5000)).toEqual([0, 48, 49]);
    expect(pagesForRange({ startIndex: 0, endIndex: 10 }, 100, 7)).toEqual([0]);
  });

  it('can hold the pages in view only', () => {
    expect(pagesForRange({ startIndex: 250, endIndex: 280 }, 100, 5000, 0)).toEqual([0, 2]);
  });
});

describe('pagesToAsk', () => {
  const asked = (pages: number[]) => (page: number) => pages.includes(page);

  it('asks for the pages in view once the list is still', () => {
    expect(pagesToAsk([0, 4999, 5000, 5001], asked([0, 1, 2]), false)).toEqual([0, 4999, 5000, 5001]);
  });

  it('follows a moving list while some page in view was asked for', () => {
    expect(pagesToAsk([0, 2, 3, 4], asked([0, 1, 2, 3]), true)).toEqual([0, 2, 3, 4]);
    expect(pagesToAsk([0, 40, 41, 42], asked([0, 1, 2, 41]), true)).toEqual([0, 40, 41, 42]);
  });

  it('asks for the first page only while the list flies past pages it never asked for', () => {
    expect(pagesToAsk([0, 4999, 5000, 5001], asked([0, 1, 2]), true)).toEqual([0]);
  });

  it('asks for what it wants when the first page is all there is', () => {
    expect(pagesToAsk([0], asked([]), true)).toEqual([0]);
  });
});

describe('rowAt', () => {
  const pages = new Map([
    [0, ['a', 'b']],
    [2, ['e', 'f']],
  ]);
  it('finds a row in its page, or nothing while the page is on its way', () => {
    expect(rowAt(1, 2, pages)).toBe('b');
    expect(rowAt(4, 2, pages)).toBe('e');
    expect(rowAt(2, 2, pages)).toBeUndefined();
    expect(rowAt(9, 2, pages)).toBeUndefined();
  });
});

describe('a page 0 with rows ahead of its page size', () => {
  // Two queued customers ahead of 3 confirmed ones per page, 2 + 7 rows in all.
  const pages = new Map([
    [0, ['q1', 'q2', 'a', 'b', 'c']],
    [1, ['d', 'e', 'f']],
    [2, ['g']],
  ]);
  it('finds every row once, in order', () => {
    const rows = Array.from({ length: 9 }, (_, i) => rowAt(i, 3, pages, 2));
    expect(rows).toEqual(['q1', 'q2', 'a', 'b', 'c', 'd', 'e', 'f', 'g']);
  });

  it('asks for the pages those rows are on', () => {
    expect(pagesForRange({ startIndex: 5, endIndex: 6 }, 3, 9, 0, 2)).toEqual([0, 1]);
    expect(pagesForRange({ startIndex: 8, endIndex: 8 }, 3, 9, 0, 2)).toEqual([0, 2]);
  });
});

describe('reachableRows', () => {
  it('keeps a million 32 px rows scrollable in one element', () => {
    expect(reachableRows(1_000_000, 32)).toBe(1_000_000);
    expect(reachableRows(5_000_000, 32)).toBe(Math.floor(MAX_SCROLL_PX / 32));
    expect(reachableRows(0, 32)).toBe(0);
  });
});
