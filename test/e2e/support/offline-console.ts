import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, LaunchOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { BrowserHost } from '../../../src/main/browser-host.js';
import { cacheMigrations } from '../../../src/main/cache/cache-migrations.js';
import { CacheStore } from '../../../src/main/cache/cache-store.js';
import { openLocalDatabase } from '../../../src/main/cache/open-database.js';
import { feedPage } from '../../../src/main/sync/feed-page.js';
import type { EntityChange } from '../../../src/shared/api/sync.js';
import { OFFLINE_ACCOUNT_KEY, startOfflineHost } from '../../support/offline-host.js';
import { launchChromium, newPage } from './chromium.js';

/** A cache as a sync leaves it, holding `changes` (numbered in their order) for the offline account. */
export function seedCache(dataDir: string, changes: ReadonlyArray<Omit<EntityChange, 'seq'>>): void {
  const { db } = openLocalDatabase(join(dataDir, 'cache.sqlite'), cacheMigrations, { rebuildable: true });
  const cache = new CacheStore(db);
  cache.setMeta('account', OFFLINE_ACCOUNT_KEY);
  cache.applyPage(
    feedPage(
      changes.map((c, i) => ({ ...c, seq: i + 1 }) as EntityChange),
      changes.length,
    ),
  );
  // A sync that caught up says when; the console tells a copy that never synced from an empty one.
  cache.setMeta('lastSyncedAt', new Date().toISOString());
  db.close();
}

/**
 * The console, offline, in Chromium, over a data folder that `seed` fills (test/support/offline-host.ts):
 * one for a test file, started before its tests and stopped, its folder removed, after them.
 */
export function offlineConsole(options: {
  name: string;
  seed: (dataDir: string) => void;
  launch?: Omit<LaunchOptions, 'executablePath' | 'args'>;
}): { readonly page: Page; readonly pageErrors: string[] } {
  let dir: string | undefined;
  let browser: Browser | undefined;
  let host: BrowserHost | undefined;
  let opened: { page: Page; pageErrors: string[] } | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `${options.name}-`));
    options.seed(dir);
    host = await startOfflineHost(dir);
    browser = await launchChromium(options.launch);
    opened = await newPage(browser);
    await opened.page.goto(host.url);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    get page() {
      return opened!.page;
    },
    get pageErrors() {
      return opened!.pageErrors;
    },
  };
}
