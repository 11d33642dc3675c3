import { describe, expect, it } from 'vitest';
import { JobScheduler } from './scheduler.js';

/** A job whose runs the test lets finish one at a time. */
function gatedJob() {
  const gates: Array<() => void> = [];
  let started = 0;
  const waiters: Array<() => void> = [];
  return {
    job: {
      name: 'events',
      everyMs: 3_600_000,
      run: () => {
        started += 1;
        for (const wake of waiters.splice(0)) wake();
        return new Promise<void>((resolve) => gates.push(resolve));
      },
    },
    get started() {
      return started;
    },
    /** Resolves once `n` runs have started. */
    startedAtLeast: (n: number) =>
      new Promise<void>(function check(resolve) {
        if (started >= n) resolve();
        else waiters.push(() => check(resolve));
      }),
    finishOne: () => gates.shift()?.(),
  };
}

describe('JobScheduler.kick', () => {
  it('runs an idle job at once', async () => {
    const gated = gatedJob();
    const scheduler = new JobScheduler([gated.job]);
    scheduler.kick('events');
    await gated.startedAtLeast(1);
    gated.finishOne();
    await scheduler.stop();
    expect(gated.started).toBe(1);
  });

  it('kicks during a run make exactly one more run after it, never a queue', async () => {
    const gated = gatedJob();
    const scheduler = new JobScheduler([gated.job]);
    scheduler.kick('events');
    await gated.startedAtLeast(1);
    scheduler.kick('events');
    scheduler.kick('events');
    scheduler.kick('events');
    gated.finishOne();
    await gated.startedAtLeast(2);
    gated.finishOne();
    await scheduler.stop();
    expect(gated.started).toBe(2);
  });

  it('does nothing once stopped', async () => {
    const gated = gatedJob();
    const scheduler = new JobScheduler([gated.job]);
    await scheduler.stop();
    scheduler.kick('events');
    expect(gated.started).toBe(0);
  });
});
