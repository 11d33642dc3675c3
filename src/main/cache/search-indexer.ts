import { SEARCH_CHUNK, type SearchIndex } from './search-index.js';

/** Below this backlog a search indexes it first (tens of ms at most), so a live update is found at once. */
export const SEARCH_CATCH_UP_LIMIT = 5 * SEARCH_CHUNK;

/**
 * Keeps the search index up to date in the background, one chunk at a time, each followed by a turn
 * of the event loop (IPC, sync and the UI never wait more than a chunk). It starts only once the
 * feed has been quiet for `quietMs`: during an initial sync, when pages arrive back to back, it
 * waits, so the sync writes at full speed and the index follows in one pass after it.
 */
export class SearchIndexer {
  private lastWrite = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private stopped = false;
  /** Passes failed in a row: the next one waits longer each time (up to a minute). */
  private failures = 0;

  constructor(
    private readonly index: SearchIndex,
    private readonly options: {
      /** The index reached the end of a backlog: open searches may find more now. */
      onCaughtUp(): void;
      log(message: string, error?: unknown): void;
      quietMs?: number;
      /** Catching up waits for this (the first screen shown): a backlog left by the last run can wait. */
      notBefore?: Promise<void>;
    },
  ) {}

  /** The feed (or a stored API answer) wrote to the cache. */
  written(): void {
    this.lastWrite = Date.now();
    this.schedule(this.quietMs);
  }

  /** Indexes the whole backlog now if it is small; returns how many rows are still waiting. */
  catchUpIfSmall(): number {
    const backlog = this.index.backlog();
    if (backlog === 0 || backlog > SEARCH_CATCH_UP_LIMIT) return backlog;
    while (this.index.indexSome() > 0);
    return 0;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private get quietMs(): number {
    return this.options.quietMs ?? 300;
  }

  private schedule(delayMs: number): void {
    if (this.stopped || this.running || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, delayMs);
  }

  private async run(): Promise<void> {
    this.running = true;
    let indexed = 0;
    await this.options.notBefore;
    try {
      while (!this.stopped) {
        const quietFor = Date.now() - this.lastWrite;
        if (quietFor < this.quietMs) {
          this.running = false;
          this.schedule(this.quietMs - quietFor);
          return;
        }
        const n = this.index.indexSome();
        if (n === 0) break;
        indexed += n;
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      // Another connection held the cache (the feed worker writing ledger rows): the backlog is
      // still there, and no later write may come to ask for it again, so the indexer asks itself.
      this.options.log('search index: indexing failed', error);
      this.running = false;
      this.failures++;
      this.schedule(Math.min(60_000, this.quietMs * 2 ** (this.failures - 1)));
      return;
    }
    this.failures = 0;
    this.running = false;
    if (indexed > 0 && !this.stopped) this.options.onCaughtUp();
  }
}
