import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: the desktop core as a browser host (a child process per test, each with its own
 * data folder), billing APIs in child processes, and Debian's Chromium driven by playwright-core.
 * One file at a time: two Chromiums and their servers would fight over a two-core CI machine.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/support/global-setup.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 90_000,
    teardownTimeout: 30_000,
  },
});
