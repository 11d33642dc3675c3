import type { WebSocketRoute } from 'playwright-core';
import { describe, expect } from 'vitest';
import { namesWithoutTheirText } from './support/accessible-names.js';
import { expectCount, expectText, expectVisible, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { test } from './support/fixtures.js';
import { openDemoOnline } from './support/flows.js';
import { ConnectionScreen } from './support/pages/connection.js';
import { Shell } from './support/pages/shell.js';

describe('buttons whose text changes while they work', () => {
  test('Renew now, while it renews, is named with the words it shows', async ({ host, page }) => {
    // The renderer's calls to the desktop core pass through here; a renewal is held back until
    // released, so that the button stays in its working state for as long as the test looks.
    const held: Array<() => void> = [];
    await page.routeWebSocket(/\/ipc/, (ws: WebSocketRoute) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => {
        if (String(message).includes('"subscriptions:renew"')) held.push(() => server.send(message));
        else server.send(message);
      });
      server.onMessage((message) => ws.send(message));
    });
    const shell = await openDemoOnline(page, host);

    await shell.navLink('Subscriptions').click();
    const table = page.getByRole('table', { name: 'Subscriptions' });
    const renew = table
      .getByRole('button', { name: /^Renew now: / })
      .and(page.locator(':enabled'))
      .first();
    await expectVisible(renew);
    const label = (await renew.getAttribute('aria-label'))!;
    const name = label.replace(/^Renew now: /, '');
    // The row by its place: its button's name is what changes.
    const rows = table.getByTestId('renewal-row');
    const index = await rows.evaluateAll(
      (all, wanted) =>
        all.findIndex((r) =>
          [...r.querySelectorAll('button')].some(
            (b) => b.getAttribute('aria-label') === wanted && !(b as { disabled?: boolean }).disabled,
          ),
        ),
      label,
    );
    const row = rows.nth(index);
    await row.getByRole('button', { name: label, exact: true }).click();
    await page
      .getByRole('dialog', { name: `Renew ${name} now?` })
      .getByRole('button', { name: /^Pay .* and renew$/ })
      .click();

    // Working: the button reads "Renewing…", and is named so.
    await expect.poll(() => held.length, { timeout: UI_TIMEOUT_MS }).toBe(1);
    const renewing = row.getByRole('button', { name: `Renewing… ${name}`, exact: true });
    await expectVisible(renewing);
    expect(await namesWithoutTheirText(page)).toEqual([]);
    // Released: renewed (the row may move down the list, its next renewal being later now).
    held.shift()!();
    await expectText(table, 'Renewed until');
  });

  test('a Copy button, once it copied, is heard to say so and then reads Copy again', async ({
    host,
    page,
  }) => {
    const shell = new Shell(page);
    await shell.open(host);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(page.url()).origin,
    });
    await shell.go('Connection');
    const connection = new ConnectionScreen(page);
    const demoUrl = (await connection.current.getByTestId('demo-api-url').textContent()) ?? '';
    const copy = connection.current.getByRole('button', {
      name: "Copy the demo server's address",
      exact: true,
    });
    // What a screen reader says once the copy is made: the live region beside the button.
    const announced = connection.current.locator('[aria-live="polite"]');
    await expectVisible(copy);
    await expectCount(announced.filter({ hasText: /\S/ }), 0);

    await copy.click();
    const copied = connection.current.getByRole('button', {
      name: "Copy the demo server's address — Copied",
      exact: true,
    });
    await expectText(copied, 'Copied');
    await expectText(announced, 'Copied');
    expect(await namesWithoutTheirText(page)).toEqual([]);
    // Runs in the page: typed by what it uses (this project's Node types have no DOM).
    type Clipboard = { navigator: { clipboard: { readText(): Promise<string> } } };
    const pasted = await page.evaluate(() =>
      (globalThis as unknown as Clipboard).navigator.clipboard.readText(),
    );
    expect(pasted).toBe(demoUrl);

    // Focus moves on: the button is named as before, and nothing is left to announce.
    await page.keyboard.press('Tab');
    await expectText(copy, 'Copy');
    await expectCount(announced.filter({ hasText: /\S/ }), 0);

    // Focus stays: after a few seconds it reads (and is named) Copy again all the same.
    await copy.click();
    await expectVisible(copied);
    await expectVisible(copy);
    await expectCount(announced.filter({ hasText: /\S/ }), 0);
  });
});
