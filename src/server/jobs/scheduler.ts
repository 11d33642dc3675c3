import { EventEmitter } from 'node:events';

/** One job run that ended: whether it succeeded, and how long it took (seconds). */
export interface JobRun {
  job: string;
  ok: boolean;
  seconds: number;
}

/**
 * Background jobs of the billing API: each runs on its own interval, never overlapping itself, and
 * can be run by hand (`runOnce`) so that tests move a controllable clock and run a job without
 * sleeping. Stopping waits for a run in progress.
 */
export interface Job {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

export class JobScheduler {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Map<string, Promise<unknown>>();
  /** Jobs kicked while running: each runs once more when its current run ends. */
  private readonly again = new Set<string>();
  private stopped = false;
  /** Every run that ended (metrics count them and time since the last success). */
  readonly runs = new EventEmitter<{ finished: [JobRun] }>();

  constructor(
    private readonly jobs: readonly Job[],
    private readonly onError: (error: unknown, job: string) => void = () => undefined,
  ) {}

  /** Starts every job's interval and runs each once now (catching up on what a restart left). */
  start(): void {
    for (const job of this.jobs) {
      void this.runOnce(job.name).catch(() => undefined);
      const timer = setInterval(() => void this.runOnce(job.name).catch(() => undefined), job.everyMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  /** Runs one job now; a call while it is running waits for that run instead of starting another. */
  async runOnce(name: string): Promise<void> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`no job named ${name}`);
    const current = this.running.get(name);
    if (current) {
      await current;
      return;
    }
    if (this.stopped) return;
    const started = performance.now();
    const finished = (ok: boolean) =>
      this.runs.emit('finished', { job: name, ok, seconds: (performance.now() - started) / 1000 });
    const run = job
      .run()
      .then(
        () => finished(true),
        (error: unknown) => {
          finished(false);
          this.onError(error, name);
        },
      )
      .finally(() => {
        this.running.delete(name);
        if (this.again.delete(name)) this.kick(name);
      });
    this.running.set(name, run);
    await run;
  }

  /**
   * Something happened that a job acts on (a chain mined a block): run it now, without waiting for
   * its interval. If it is running, it may already have read past the news, so it runs once more
   * right after; any number of kicks meanwhile make that one extra run, never a queue.
   */
  kick(name: string): void {
    if (this.stopped) return;
    if (this.running.has(name)) {
      this.again.add(name);
      return;
    }
    void this.runOnce(name).catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    await Promise.all([...this.running.values()]);
  }
}
