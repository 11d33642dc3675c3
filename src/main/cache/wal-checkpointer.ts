import type { Worker } from 'node:worker_threads';
import { spawnModuleWorker } from '../workers/module-worker.js';
import type { CheckpointRequest } from './checkpoint-protocol.js';

/**
 * Copies the cache's WAL into its database file on a worker thread (checkpoint-worker.ts), after
 * every write the core reports, so that SQLite's own checkpoint finds almost nothing left to copy.
 * That one still runs, in whichever commit takes the WAL past its threshold (cache-store.ts), and
 * it alone can start the WAL over, as it runs while no write is under way. It used to copy about
 * 40 MB and fsync on the core's thread: during an initial sync it held the event loop 100–170 ms
 * every few seconds, and the loop-delay p99 was 65–90 ms (issue 14: ≤ 50 ms).
 *
 * The worker starts with the first write, not with the core: a console opened on a cache that is
 * up to date may write nothing for a while, and its first screen should not wait on a thread
 * loading its modules. If the worker cannot start or stops, SQLite's checkpoints simply do all the
 * copying again.
 */
export class WalCheckpointer {
  private worker: Worker | null = null;
  /** Started once (or failed to), or closed: it is never started again. */
  private started = false;

  constructor(
    file: string,
    private readonly log: (message: string, error?: unknown) => void,
    private readonly spawn: () => Worker = () =>
      spawnModuleWorker(import.meta.url, 'checkpoint-worker', { file }),
  ) {}

  /** The cache committed writes: the worker copies them into the database file. */
  wrote(): void {
    if (!this.started) this.start();
    this.worker?.postMessage('wrote' satisfies CheckpointRequest);
  }

  private start(): void {
    this.started = true;
    try {
      const worker = this.spawn();
      worker.on('error', (error) => this.lost(worker, error));
      worker.on('exit', (code) => this.lost(worker, new Error(`it exited (${code})`)));
      // Never what keeps the process alive.
      worker.unref();
      this.worker = worker;
    } catch (error) {
      this.lost(null, error);
    }
  }

  /** Stops the worker, its connection closed; the cache's own close then checkpoints what is left. */
  async close(): Promise<void> {
    this.started = true;
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage('close' satisfies CheckpointRequest);
    await exited;
  }

  private lost(worker: Worker | null, error: unknown): void {
    if (worker !== this.worker) return;
    this.worker = null;
    this.log('the checkpoint worker stopped; the cache checkpoints on the main thread', error);
  }
}
