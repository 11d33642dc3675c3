import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: the desktop core as a browser host (a child process per test, each with its own
 * data folder), billing APIs in child processes, and Debian's Chromium driven by playwright-core.
 * Two files at a time: one at a time kept under one of the two cores busy (a test mostly waits on
 * its servers, Chromium and the UI's events), and every test has its own folder, ports and browser.
 * A worker keeps its modules from file to file (isolate: false): evaluated afresh for every file,
 * playwright-core and the support modules took a tenth of the suite's worker time (vitest's
 * "import", 137 s of 1,358 s). A file must leave nothing behind (its fixtures stop what they
 * started), and must not override the shared fixtures at its top level (fixtures.ts signedOutTest).
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/support/global-setup.ts'],
    maxWorkers: 2,
    pool: 'forks',
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 90_000,
    teardownTimeout: 30_000,
  },
});
