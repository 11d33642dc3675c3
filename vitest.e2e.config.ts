import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: the desktop core as a browser host (a child process per test, each with its own
 * data folder), billing APIs in child processes, and Debian's Chromium driven by playwright-core
 * (one for the run, launched in the global setup; each test in a browser context of its own).
 * One file at a time: two Chromiums and their servers would fight over a two-core CI machine.
 * The files share one worker and its modules (isolate: false): a fresh worker for each file, with
 * vitest, playwright-core and the support modules loaded again, took about a second of every file.
 * A file leaves nothing behind: its fixtures stop its processes and close its browser contexts.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/support/global-setup.ts'],
    fileParallelism: false,
    pool: 'forks',
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 90_000,
    teardownTimeout: 30_000,
  },
});
