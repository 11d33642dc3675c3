import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { inject, test as base } from 'vitest';
import { BillingApi } from './billing-api.js';
import { BrowserHost } from './browser-host.js';
import { launchChromium, newPage } from './chromium.js';
import { copyDemoTemplate } from './demo-template.js';
import { repoRoot } from './processes.js';

/** Where screenshots go: kept after the run as artifacts (gitignored). */
export const ARTIFACTS_DIR = join(repoRoot, 'test-results', 'e2e');

export interface E2EFixtures {
  /**
   * Whether the console starts on a fresh data folder (its first run: the demo is seeded and
   * synced under the test) rather than on a copy of one that ran once (demo-template.ts).
   */
  firstRun: boolean;
  /**
   * Whether the console starts signed out (its user signed out of the demo: the Connection screen,
   * no demo API loading) rather than resumed on the demo. For tests that sign in to a hosted API.
   */
  signedOut: boolean;
  /** A temporary folder of this test's own, removed afterwards. */
  workdir: string;
  /** The desktop core as a browser host on a fresh data folder (first run: the embedded demo). */
  host: BrowserHost;
  /** A separately started billing API on its own SQLite file. */
  api: BillingApi;
  /** Chromium, launched once per test worker (each test still gets a context of its own). */
  browser: Browser;
  /** A Chromium page of this test's own, in a fresh context: no cookies or storage shared. */
  page: Page;
  /** Saves a screenshot (of the page, or of one element) as test-results/e2e/<test file>--<name>.png. */
  screenshot: (name: string, element?: Locator) => Promise<string>;
}

/**
 * Each test gets its own data folder, its own servers and its own browser context; everything is
 * stopped and removed when the test ends, whatever its outcome. Fixtures start only when a test
 * asks. The browser itself is the worker's, kept from file to file (isolate: false): launching and
 * closing one took about 0.75 s.
 */
export const test = base.extend<E2EFixtures>({
  // eslint-disable-next-line no-empty-pattern -- Vitest requires the context to be destructured, even empty.
  workdir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'rc-e2e-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },

  // The host and the API are spawned here and awaited where first needed (host.url(), the first
  // API request), so that their start-ups and the browser's launch overlap.
  firstRun: false,
  signedOut: false,

  host: async ({ workdir, firstRun, signedOut, task }, use) => {
    const dataDir = join(workdir, 'console-data');
    if (!firstRun) await copyDemoTemplate(inject(signedOut ? 'signedOutTemplate' : 'demoTemplate'), dataDir);
    const host = new BrowserHost({ appRoot: inject('appRoot'), dataDir, signedOut: signedOut && !firstRun });
    await use(host);
    if (failed(task)) console.error(`--- browser host output ---\n${host.output()}`);
    await host.stop();
  },

  api: async ({ workdir, task }, use) => {
    const api = new BillingApi({
      cwd: workdir,
      dbFile: join(workdir, 'billing.sqlite'),
      // The gateways a test's reseller sets up are loopback emulators (e.g. pay2sApiBase).
      env: { OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true' },
    });
    api.launch();
    await use(api);
    if (failed(task)) console.error(`--- billing API output ---\n${api.output()}`);
    await api.stop();
  },

  browser: [
    // eslint-disable-next-line no-empty-pattern -- Vitest requires the context to be destructured, even empty.
    async ({}, use) => {
      const browser = await launchChromium();
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],

  page: async ({ browser, task }, use) => {
    const { page, pageErrors } = await newPage(browser);
    try {
      await use(page);
      // Fixtures are torn down before onTestFailed handlers run, so the failure is looked at here.
      if (failed(task)) {
        if (pageErrors.length > 0)
          console.error(`--- errors thrown in the page ---\n${pageErrors.join('\n')}`);
        await saveScreenshot(page, task.file.name, `FAILED-${task.name}`).catch(() => undefined);
      } else if (pageErrors.length > 0) {
        // An uncaught exception is a bug even when the screen looked right.
        throw new Error(`the page threw ${pageErrors.length} uncaught error(s):\n${pageErrors.join('\n')}`);
      }
    } finally {
      await page.context().close();
    }
  },

  screenshot: async ({ page, task }, use) => {
    await use((name, element) => saveScreenshot(page, task.file.name, name, element));
  },
});

/**
 * The same fixtures on a console that starts signed out (`signedOut`): for files whose tests all sign
 * in to a hosted API. Such a file imports this as its `test` rather than calling `test.override` at
 * its top level: e2e files share their worker's modules (vitest.e2e.config.ts, isolate: false), and a
 * top-level override replaces the fixtures of the shared `test` for every file the worker runs next.
 */
export const signedOutTest = test.extend({ signedOut: true });

function failed(task: Readonly<{ result?: { state: string } | undefined }>): boolean {
  return task.result?.state === 'fail';
}

async function saveScreenshot(
  page: Page,
  testFile: string,
  name: string,
  element?: Locator,
): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const stem = basename(testFile).replace(/\.e2e\.test\.ts$/, '');
  const path = join(ARTIFACTS_DIR, `${stem}--${name.replace(/[^a-zA-Z0-9._-]+/g, '-')}.png`);
  if (element) await element.screenshot({ path });
  else await page.screenshot({ path, fullPage: true });
  return path;
}
