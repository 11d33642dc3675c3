import { cp } from 'node:fs/promises';
import { BrowserHost } from './browser-host.js';
import { launchChromium, newPage } from './chromium.js';

/**
 * A console data folder that has run once on the embedded demo and synced it: the demo seed, its
 * payments and the first sync took about 6 s of each test's start (some 5 minutes of a run).
 * Tests start from a copy, as a user's console starts on any day after the first; the first run
 * itself is what `demo-first-run` and `never-synced` test, on fresh folders (the `firstRun` option).
 * The copy is made by the real console: the same start, sync and graceful stop a user's makes.
 */
export async function prepareDemoTemplate(appRoot: string, dataDir: string): Promise<void> {
  const host = new BrowserHost({ appRoot, dataDir });
  const browser = await launchChromium();
  try {
    const { page } = await newPage(browser);
    await page.goto(await host.url());
    // "Online" once the first sync is done ("Syncing… 40%" before it).
    await page
      .getByTestId('sync-status')
      .locator('.sync-label', { hasText: /^Online$/ })
      .waitFor({ timeout: 90_000 });
  } catch (error) {
    throw new Error(`the demo console did not sync:\n${host.output()}`, { cause: error });
  } finally {
    await browser.close();
    await host.stop();
  }
  // Killed instead of closed, its databases could hold a half-written checkpoint for every test.
  if (!host.output().includes('STOPPED')) {
    throw new Error(`the demo console did not stop cleanly:\n${host.output()}`);
  }
}

/** A fresh copy of the template for one test's console. */
export async function copyDemoTemplate(template: string, dataDir: string): Promise<void> {
  await cp(template, dataDir, { recursive: true });
}
