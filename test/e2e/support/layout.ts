import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The window sizes the console must be usable at: the smallest supported, and a common laptop. */
export const COMMON_SIZES = [
  { width: 1024, height: 700 },
  { width: 1280, height: 800 },
] as const;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Sub-pixel rounding of layout is no overlap. */
const EPSILON = 0.5;

export async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator.toString()} is not laid out`);
  return box;
}

async function boxesInOneFrame(inner: Locator, outer: Locator): Promise<[Box, Box]> {
  const outerElement = await outer.elementHandle();
  if (!outerElement) throw new Error(`${outer.toString()} is not laid out`);
  try {
    return await inner.evaluate((element, container) => {
      // Runs in the page: typed by what it uses (this project's Node types have no DOM).
      const box = (e: { getBoundingClientRect(): Box }) => {
        const r = e.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      };
      return [box(element), box(container)] as [Box, Box];
    }, outerElement);
  } finally {
    await outerElement.dispose();
  }
}

export function overlap(a: Box, b: Box): boolean {
  return (
    a.x + EPSILON < b.x + b.width &&
    b.x + EPSILON < a.x + a.width &&
    a.y + EPSILON < b.y + b.height &&
    b.y + EPSILON < a.y + a.height
  );
}

export function contains(outer: Box, inner: Box): boolean {
  return (
    inner.x >= outer.x - EPSILON &&
    inner.y >= outer.y - EPSILON &&
    inner.x + inner.width <= outer.x + outer.width + EPSILON &&
    inner.y + inner.height <= outer.y + outer.height + EPSILON
  );
}

/** Every pair of the visible items that overlaps, by name ("Sign out ∩ Local demo server"). */
export async function overlappingPairs(items: Array<[string, Locator]>): Promise<string[]> {
  const boxes: Array<[string, Box]> = [];
  for (const [name, locator] of items) {
    if ((await locator.count()) === 0 || !(await locator.first().isVisible())) continue;
    boxes.push([name, await boxOf(locator.first())]);
  }
  const pairs: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      if (overlap(boxes[i]![1], boxes[j]![1])) pairs.push(`${boxes[i]![0]} ∩ ${boxes[j]![0]}`);
    }
  }
  return pairs;
}

/**
 * Fails naming the element when `inner` is not wholly inside `outer`. Two locators are measured in
 * one frame: measured one after the other, content still arriving above them (a query answering)
 * could move the page between the two readings.
 */
export async function expectInside(inner: Locator, outer: Locator | Box, what: string): Promise<void> {
  const [innerBox, outerBox] =
    'x' in outer ? [await boxOf(inner), outer] : await boxesInOneFrame(inner, outer);
  expect(
    contains(outerBox, innerBox),
    `${what}: ${JSON.stringify(innerBox)} in ${JSON.stringify(outerBox)}`,
  ).toBe(true);
}

export async function viewportBox(page: Page): Promise<Box> {
  const size = page.viewportSize();
  if (!size) throw new Error('the page has no viewport size');
  return { x: 0, y: 0, ...size };
}

/** The text of `locator` that an ellipsis cuts short (empty when it shows whole). */
export async function cutText(locator: Locator): Promise<string> {
  return locator.evaluate((element) => {
    // Runs in the page: its window's getComputedStyle (the test's own types know no DOM globals).
    interface Shown {
      scrollWidth: number;
      clientWidth: number;
      innerText: string;
      querySelectorAll(selector: string): Iterable<Shown>;
    }
    const view = globalThis as unknown as { getComputedStyle(e: unknown): { textOverflow: string } };
    const root = element as unknown as Shown;
    return [root, ...root.querySelectorAll('*')]
      .filter(
        (e) => e.scrollWidth > e.clientWidth + 1 && view.getComputedStyle(e).textOverflow === 'ellipsis',
      )
      .map((e) => e.innerText)
      .join(' | ');
  });
}

/**
 * How much wider than the room `cell` gives its text the longest date and time the console writes
 * there would be (≤ 0 when every one fits): each day and month of a year at 12:59 and 10:59,
 * formatted by the page as the console formats them (dateStyle medium, timeStyle short, in
 * `locale`), laid out in the cell's own font. A test's own rows carry only today's date.
 */
export async function dateTimeOverflow(cell: Locator, locale: string): Promise<number> {
  return cell.evaluate((element, lang) => {
    // Runs in the page: typed by what it uses (this project's Node types have no DOM).
    interface Laid {
      clientWidth: number;
      textContent: string | null;
      style: Record<string, string>;
      appendChild(child: Laid): void;
      remove(): void;
      getBoundingClientRect(): { width: number };
    }
    const page = globalThis as unknown as {
      document: { createElement(tag: string): Laid };
      getComputedStyle(e: unknown): { paddingLeft: string; paddingRight: string };
    };
    const cellElement = element as unknown as Laid;
    const style = page.getComputedStyle(cellElement);
    const px = (length: string) => Number(length.replace(/px$/, ''));
    const room = cellElement.clientWidth - px(style.paddingLeft) - px(style.paddingRight);
    const probe = page.document.createElement('span');
    probe.style.whiteSpace = 'nowrap';
    probe.style.position = 'absolute';
    cellElement.appendChild(probe);
    const format = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
    let widest = 0;
    for (let month = 0; month < 12; month++) {
      for (const [day, hour] of [
        [28, 12],
        [28, 22],
        [8, 10],
      ] as const) {
        probe.textContent = format.format(new Date(2026, month, day, hour, 59));
        widest = Math.max(widest, probe.getBoundingClientRect().width);
      }
    }
    probe.remove();
    return widest - room;
  }, locale);
}

/**
 * How much narrower `select` is than it would be sized to its chosen option alone (≤ 0 when that
 * option shows whole): a copy holding only that option, at its content's width, is the browser's
 * own measure of what the text and the arrow need. A select cuts its text off without an
 * ellipsis, so cutText cannot see it.
 */
export async function selectOverflow(select: Locator): Promise<number> {
  return select.evaluate((element) => {
    // Runs in the page: typed by what it uses (this project's Node types have no DOM).
    interface Laid {
      clientWidth: number;
      selectedIndex: number;
      options: ArrayLike<Laid>;
      style: Record<string, string>;
      parentElement: Laid;
      cloneNode(deep: boolean): Laid;
      appendChild(child: Laid): void;
      remove(): void;
      getBoundingClientRect(): { width: number };
    }
    const chooser = element as unknown as Laid;
    const copy = chooser.cloneNode(true);
    const chosen = chooser.selectedIndex;
    Array.from(copy.options).forEach((option, i) => i !== chosen && option.remove());
    copy.style.width = 'max-content';
    copy.style.position = 'absolute';
    copy.style.visibility = 'hidden';
    chooser.parentElement.appendChild(copy);
    const needed = copy.getBoundingClientRect().width;
    copy.remove();
    return needed - chooser.getBoundingClientRect().width;
  });
}
