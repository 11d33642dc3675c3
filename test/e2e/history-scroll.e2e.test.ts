/**
 * Scrolling a long wallet history by its scrollbar. While the thumb flies past pages the console
 * asks for none of them (src/renderer/lib/paged-window.ts, pagesToAsk): these tests hold it to
 * showing the right rows wherever the thumb is let go of, or held still.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { seedHistoryCache } from '../support/history-seed.js';
import { OFFLINE_ACCOUNT_KEY } from '../support/offline-host.js';
import { offlineConsole } from './support/offline-console.js';

const ROWS = 20_000;

const offline = offlineConsole({
  name: 'history-scroll',
  seed: (dir) => seedHistoryCache(dir, ROWS, { account: OFFLINE_ACCOUNT_KEY }),
  // Headless Chromium hides scrollbars unless told otherwise: these tests drag one.
  launch: { ignoreDefaultArgs: ['--hide-scrollbars'] },
});

beforeAll(async () => {
  await offline.page.getByRole('region', { name: 'Wallets' }).getByTestId('wallet-card').first().click();
  await offline.page.getByTestId('history-table').getByTestId('history-row').first().waitFor();
}, 120_000);

const table = () => offline.page.getByTestId('history-table');
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
    await offline.page.mouse.move(x, top);
    await offline.page.mouse.down();
    // Past the end of the track, as a hand does: the thumb stops at the end however far it was grabbed.
    await offline.page.mouse.move(x, bottom + 50, { steps: 30 });
    await offline.page.mouse.up();
    const rows = await rowsInView();
    expectRowsInOrder(rows);
    expect(rows.at(-1)!.place).toBe(ROWS);
  });

  it('shows the rows under the thumb while it is held still, before it is let go', async () => {
    const { x, top, bottom } = await track();
    await offline.page.mouse.move(x, bottom);
    await offline.page.mouse.down();
    await offline.page.mouse.move(x, (top + bottom) / 2, { steps: 30 });
    try {
      const rows = await rowsInView();
      expectRowsInOrder(rows);
      // Halfway down the track: around the middle of the list, far from where the drag began.
      expect(rows[0]!.place).toBeGreaterThan(ROWS * 0.3);
      expect(rows[0]!.place).toBeLessThan(ROWS * 0.7);
    } finally {
      await offline.page.mouse.up();
    }
  });

  it('shows the newest rows again when it is dragged back to the top', async () => {
    const { x, top, bottom } = await track();
    await offline.page.mouse.move(x, (top + bottom) / 2);
    await offline.page.mouse.down();
    await offline.page.mouse.move(x, top - 50, { steps: 30 });
    await offline.page.mouse.up();
    const rows = await rowsInView();
    expectRowsInOrder(rows);
    expect(rows[0]!.place).toBe(1);
    expect(offline.pageErrors).toEqual([]);
  });
});
