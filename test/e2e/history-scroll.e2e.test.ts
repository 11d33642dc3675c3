/**
 * Scrolling a long wallet history by its scrollbar. While the thumb flies past pages the console
 * asks for none of them (src/renderer/lib/paged-window.ts, pagesToAsk): these tests hold it to
 * showing the right rows wherever the thumb is let go of, or held still.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserHost } from '../../src/main/browser-host.js';
import { seedHistoryCache } from '../support/history-seed.js';
import { OFFLINE_ACCOUNT_KEY, startOfflineHost } from '../support/offline-host.js';
import { launchChromium, newPage } from './support/chromium.js';

const ROWS = 20_000;

let dir: string;
let browser: Browser;
let host: BrowserHost;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'history-scroll-'));
  seedHistoryCache(dir, ROWS, { account: OFFLINE_ACCOUNT_KEY });
  host = await startOfflineHost(dir);
  // Headless Chromium hides scrollbars unless told otherwise: these tests drag one.
  browser = await launchChromium({ ignoreDefaultArgs: ['--hide-scrollbars'] });
  ({ page, pageErrors } = await newPage(browser));
  await page.goto(host.url);
  await page.getByRole('region', { name: 'Wallets' }).getByTestId('wallet-card').first().click();
  await page.getByTestId('history-table').getByTestId('history-row').first().waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const table = () => page.getByTestId('history-table');
const scroller = () => table().getByRole('rowgroup', { name: /scroll/i });

/**
 * The scrollbar's track, as page coordinates: x through the thumb, the ends the thumb can reach.
 * Read once the history has stopped moving on the page (the same place two frames running): a
 * banner or card still laying out above it would shift the track under the mouse mid-drag.
 */
async function track() {
  await scroller().scrollIntoViewIfNeeded();
  const box = await scroller().evaluate(async (el) => {
    const frame = () =>
      new Promise((resolve) => el.ownerDocument.defaultView!.requestAnimationFrame(resolve));
    let last = '';
    for (;;) {
      await frame();
      const { x, y, width, height } = el.getBoundingClientRect();
      if (`${x},${y},${width},${height}` === last) return { x, y, width, height };
      last = `${x},${y},${width},${height}`;
    }
  });
  const gutter = await scroller().evaluate((el) => el.offsetWidth - el.clientWidth);
  expect(gutter, 'the history shows a scrollbar').toBeGreaterThan(0);
  return {
    x: box.x + box.width - gutter / 2,
    top: box.y + gutter + 5,
    bottom: box.y + box.height - gutter - 5,
  };
}

/**
 * The rows in view, each as its place in the list and its description, once every row in view
 * has arrived (no placeholder left). The history lists the newest first: place p is movement
 * ROWS - p.
 */
async function rowsInView() {
  await expect.poll(() => scroller().locator('.history-row-loading').count(), { timeout: 10_000 }).toBe(0);
  return scroller().evaluate((el) => {
    const view = el.getBoundingClientRect();
    return [...el.querySelectorAll('[data-testid="history-row"]')]
      .filter((row) => {
        const r = row.getBoundingClientRect();
        return r.top >= view.top && r.bottom <= view.bottom;
      })
      .map((row) => ({
        place: Number(row.getAttribute('aria-rowindex')) - 1,
        description: row.querySelector('.cell-description')?.getAttribute('title') ?? '',
      }));
  });
}

/** What test/support/history-seed.ts wrote for movement `i`. */
const describedAs = (i: number) => (i % 97 === 0 ? `Order "${i}", renewal` : `Movement ${i}`);

function expectRowsInOrder(rows: Array<{ place: number; description: string }>) {
  expect(rows.length).toBeGreaterThan(5);
  for (const row of rows) expect(row.description).toBe(describedAs(ROWS - row.place));
}

describe('the wallet history, scrolled by its scrollbar', () => {
  it('shows the oldest rows once the thumb is dragged to the bottom and let go', async () => {
    const { x, top, bottom } = await track();
    await page.mouse.move(x, top);
    await page.mouse.down();
    // Past the end of the track, as a hand does: the thumb stops at the end however far it was grabbed.
    await page.mouse.move(x, bottom + 50, { steps: 30 });
    await page.mouse.up();
    const rows = await rowsInView();
    expectRowsInOrder(rows);
    expect(rows.at(-1)!.place).toBe(ROWS);
  });

  it('shows the rows under the thumb while it is held still, before it is let go', async () => {
    const { x, top, bottom } = await track();
    await page.mouse.move(x, bottom);
    await page.mouse.down();
    await page.mouse.move(x, (top + bottom) / 2, { steps: 30 });
    try {
      const rows = await rowsInView();
      expectRowsInOrder(rows);
      // Halfway down the track: around the middle of the list, far from where the drag began.
      expect(rows[0]!.place).toBeGreaterThan(ROWS * 0.3);
      expect(rows[0]!.place).toBeLessThan(ROWS * 0.7);
    } finally {
      await page.mouse.up();
    }
  });

  it('shows the newest rows again when it is dragged back to the top', async () => {
    const { x, top, bottom } = await track();
    await page.mouse.move(x, (top + bottom) / 2);
    await page.mouse.down();
    await page.mouse.move(x, top - 50, { steps: 30 });
    await page.mouse.up();
    const rows = await rowsInView();
    expectRowsInOrder(rows);
    expect(rows[0]!.place).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
