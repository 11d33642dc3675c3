/**
 * A person who asked their system for less motion sees the console's spinners, the sync progress bar
 * and the loading shimmer hold still: each runs once, briefly, instead of looping. Looped at the
 * 0.01 ms the reduced-motion rule gives them, an endless animation jumps to a new place every frame.
 */
import { describe, expect } from 'vitest';
import { test } from './support/fixtures.js';
import { Shell } from './support/pages/shell.js';

/** The page's globals the check below uses: test code is typed without the DOM library. */
interface PageGlobals {
  document: { createElement(tag: 'span'): Span; body: { append(element: Span): void } };
  getComputedStyle(element: Span): { animationIterationCount: string };
}
interface Span {
  className: string;
  remove(): void;
}

/** How many times each of the console's looping animations runs, as Chromium computes it. */
const loops = (classes: string[]) => {
  const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
  return classes.map((className) => {
    const element = document.createElement('span');
    element.className = className;
    document.body.append(element);
    const count = getComputedStyle(element).animationIterationCount;
    element.remove();
    return count;
  });
};

describe('animations under reduced motion', () => {
  test('spinners, the sync progress bar and the loading shimmer run once when less motion is asked for', async ({
    host,
    page,
  }) => {
    const shell = new Shell(page);
    await shell.open(host);
    const looping = ['spinner spinner-md', 'skeleton', 'sync-progress-bar indeterminate'];

    expect(await page.evaluate(loops, looping)).toEqual(['infinite', 'infinite', 'infinite']);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await page.evaluate(loops, looping)).toEqual(['1', '1', '1']);
  });
});
