import {
  chromium,
  type Browser,
  type BrowserServer,
  type Download,
  type LaunchOptions,
  type Page,
} from 'playwright-core';

/** Debian's Chromium: Playwright cannot download its own browsers on these machines. */
export const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';

/** How long a single Playwright action or wait may take before the test fails. */
export const ACTION_TIMEOUT_MS = 20_000;

/** The flags these machines need: no sandbox, GPU, network chatter or sync. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Debian's Chromium with the flags these machines need, for this process alone. */
export async function launchChromium(
  options: Omit<LaunchOptions, 'executablePath' | 'args'> = {},
): Promise<Browser> {
  return chromium.launch({ ...options, executablePath: CHROMIUM, args: ARGS });
}

/**
 * The same Chromium, launched once for the whole e2e run (its global setup) for test files to
 * connect to: a launch and its close took about a second of every file. Tests stay apart as before,
 * each in a browser context of its own (newPage), which shares no cookies, storage or cache.
 */
export async function launchChromiumServer(): Promise<BrowserServer> {
  return chromium.launchServer({ executablePath: CHROMIUM, args: ARGS });
}

/**
 * A connection to the run's Chromium (launchChromiumServer). Closing it closes the contexts it
 * opened, not the browser.
 */
export async function connectChromium(wsEndpoint: string): Promise<Browser> {
  return chromium.connect(wsEndpoint);
}

/**
 * A page in a fresh context (no storage shared with any other test), in en-US and UTC so that
 * amounts read "$25.00" whatever the machine's locale. Errors the page throws are collected.
 */
export async function newPage(browser: Browser): Promise<{ page: Page; pageErrors: string[] }> {
  const context = await browser.newContext({
    locale: 'en-US',
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 860 },
    colorScheme: 'light',
  });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
  return { page, pageErrors };
}

/**
 * A download's bytes once it has finished. Read through Playwright rather than from `path()`,
 * which a browser connected to (launchChromiumServer) does not offer.
 */
export async function downloaded(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
