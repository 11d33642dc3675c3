import { defineConfig } from 'vitest/config';

/**
 * Two groups. The API, desktop-core and unit tests run two files at a time: most of their time is
 * spent waiting on PostgreSQL, child processes and sockets, so two workers nearly halve the wall time
 * on the two-core CI machine. They also share each worker's modules from file to file (isolate:
 * false): evaluated afresh for every file, Fastify, Kysely, zod and the API's own modules took about
 * half of the group's time (vitest's "import" figure, 310 s of a 700 s run). A file must therefore
 * leave nothing behind: its servers and databases closed, real timers back, any module mock undone.
 * The reliability tests then run one file at a time, alone and isolated: they kill processes, cut
 * connections and count on timers, and must not share the machine with anything else.
 */
const shared = { testTimeout: 60_000, hookTimeout: 60_000, pool: 'forks' } as const;

export default defineConfig({
  test: {
    // The API and the desktop core that tests start as child processes, bundled once per run.
    globalSetup: ['test/support/global-setup.ts'],
    projects: [
      {
        test: {
          ...shared,
          name: 'api-desktop-unit',
          include: [
            'src/**/*.test.ts',
            'test/integration/**/*.test.ts',
            'test/lint/**/*.test.ts',
            'test/bench/**/*.test.ts',
          ],
          maxWorkers: 2,
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...shared,
          name: 'reliability',
          include: ['test/reliability/**/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
