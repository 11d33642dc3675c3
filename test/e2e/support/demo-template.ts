import { cp } from 'node:fs/promises';
import type { Page } from 'playwright-core';
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
  await runConsoleOnce(appRoot, dataDir, 'the demo console did not sync', async (page) => {
    // "Online" once the first sync is done ("Syncing… 40%" before it).
    await page
      .getByTestId('sync-status')
      .locator('.sync-label', { hasText: /^Online$/ })
      .waitFor({ timeout: 90_000 });
  });
}

/**
 * The demo console's folder after its user signed out (the `signedOut` option): it starts on the
 * Connection screen with no demo API to load. Tests that sign in to a hosted API start here: on the
 * demo, every such sign-in first waited for the demo's API to load (about 1.6 s of CPU and wall
 * time a test) only to stop it again. Made by the real console, signed out from its header.
 */
export async function prepareSignedOutTemplate(
  appRoot: string,
  demoTemplate: string,
  dataDir: string,
): Promise<void> {
  await cp(demoTemplate, dataDir, { recursive: true });
  await runConsoleOnce(appRoot, dataDir, 'the demo console did not sign out', async (page) => {
    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('form', { name: 'Connect to a hosted API' }).waitFor({ timeout: 30_000 });
  });
}

/** Starts a console on `dataDir`, lets `drive` use it in Chromium, and stops it gracefully. */
async function runConsoleOnce(
  appRoot: string,
  dataDir: string,
  failure: string,
  drive: (page: Page) => Promise<void>,
): Promise<void> {
  const host = new BrowserHost({ appRoot, dataDir });
  const browser = await launchChromium();
  try {
    const { page } = await newPage(browser);
    await page.goto(await host.url());
    await drive(page);
  } catch (error) {
    throw new Error(`${failure}:\n${host.output()}`, { cause: error });
  } finally {
    await browser.close();
    await host.stop();
  }
  // Killed instead of closed, its databases could hold a half-written checkpoint for every test.
  if (!host.output().includes('STOPPED')) {
    throw new Error(`the console did not stop cleanly:\n${host.output()}`);
  }
}

/** A fresh copy of a template for one test's console. */
export async function copyDemoTemplate(template: string, dataDir: string): Promise<void> {
  await cp(template, dataDir, { recursive: true });
}
