import type { WalletAlert } from '../../shared/api/alerts.js';
import type { CacheTable, SyncStatus } from '../../shared/ipc-contract.js';
import { ApiError, type ApiClient } from '../api/client.js';
import type { CacheStore, FinishedPayment } from '../cache/cache-store.js';
import type { OutboxStore } from '../outbox/outbox-store.js';
import { pageSize } from './feed-page.js';
import { inThreadFeedReader, type FeedReader } from './feed-reader.js';
import { OutboxPusher } from './outbox-pusher.js';

const PAGE = 5000;
/**
 * Changes per cache transaction: a page is written in steps, the event loop free between two, so
 * that IPC answers within a step's few milliseconds during an initial sync (issue 14: loop delay
 * p99 ≤ 50 ms) rather than after a whole page.
 */
const STEP = 500;
const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15000];

export interface SyncEngineOptions {
  cache: CacheStore;
  outbox: OutboxStore;
  /** The API and principal this cache and outbox belong to. */
  account: string;
  client: ApiClient;
  onStatus(status: SyncStatus): void;
  onTablesChanged(tables: CacheTable[]): void;
  /** Queued writes the server confirmed (ids of outbox items). */
  onConfirmed?(itemIds: readonly string[]): void;
  /** Payments that reached a final status in the cache (from the feed, or an answer of the API). */
  onPaymentsFinished?(finished: FinishedPayment[]): void;
  /** Low-balance alerts (and failed auto top-ups) that arrived live, not in a history pull. */
  onAlerts?(alerts: WalletAlert[]): void;
  /** The live stream connected: the API answers again (at sign-in, and after every outage). */
  onOnline?(): void;
  now?: () => Date;
  /** Where pages of the feed come from; by default fetched and checked on this thread. */
  feed?: FeedReader;
}

/**
 * Keeps the cache equal to the server and drains the outbox: pulls the change feed from the stored
 * cursor (a transaction per page), follows the live stream for "new changes up to N", reconnects
 * with backoff, and sends queued writes in order, each with its own idempotency key.
 */
export class SyncEngine {
  private status: SyncStatus;
  private readonly abort = new AbortController();
  /** Resolves when the engine is stopped: a pull stops waiting for a page it will not write. */
  private readonly stopped = new Promise<null>((resolve) =>
    this.abort.signal.addEventListener('abort', () => resolve(null), { once: true }),
  );
  private pulling: Promise<void> | null = null;
  private pullAgain = false;
  /** A rebuild of the cache is waiting for the running pull to end: no other pull may start. */
  private holdingPulls = false;
  private pushing: Promise<void> | null = null;
  private pushAgain = false;
  private target = 0;
  private connected = false;
  /**
   * Until this session's first pull has reached the end of the feed, what it brings already
   * happened: a payment it finds finished is history (the Payments list shows it), not news to
   * notify — signing in must not replay every "Top-up paid" of the account.
   */
  private catchingUp = true;
  private wake: (() => void) | null = null;

  private readonly feed: FeedReader;
  private readonly pusher: OutboxPusher;

  constructor(private readonly o: SyncEngineOptions) {
    this.feed = o.feed ?? inThreadFeedReader(o.client);
    this.pusher = new OutboxPusher({
      cache: o.cache,
      outbox: o.outbox,
      account: o.account,
      client: o.client,
      aborted: () => this.abort.signal.aborted,
      // One status and one "outbox changed" per batch, however many writes it carried.
      onBatch: (touched, confirmed = []) => {
        this.refreshCounts();
        this.o.onTablesChanged(['outbox', ...touched]);
        if (confirmed.length > 0) this.o.onConfirmed?.(confirmed);
      },
      onError: (message) => {
        if (message) this.set({ error: message });
      },
      onPaymentsStored: () => this.reportFinishedPayments(),
    });
    const counts = o.outbox.counts(o.account);
    this.status = {
      state: 'idle',
      progress: null,
      lastSyncedAt: o.cache.getMeta('lastSyncedAt'),
      pendingCount: counts.pending,
      rejectedCount: counts.rejected,
      error: null,
      rebuiltAt: null,
    };
  }

  getStatus(): SyncStatus {
    return this.status;
  }

  start(): void {
    void this.liveLoop();
    this.pull();
    this.push();
  }

  /** Stops syncing; resolves once the feed reader no longer holds the cache. */
  stop(): Promise<void> {
    this.abort.abort();
    const closed = this.feed.close();
    this.wake?.();
    return closed;
  }

  /** Resolves when no pull or push is running (for callers that need a settled cache). */
  async idle(): Promise<void> {
    while (this.pulling || this.pushing) {
      await this.pulling;
      await this.pushing;
    }
  }

  /** Pulls now; also reconnects at once if offline. */
  syncNow(): void {
    this.wake?.();
    this.pull();
    this.push();
  }

  /**
   * The outbox changed: tell the renderer and try to send. While the live stream is down the write
   * waits as it is (no attempt that can only fail, no "sending" flicker in the outbox list); the
   * stream's return sends it.
   */
  outboxChanged(): void {
    this.refreshCounts();
    this.o.onTablesChanged(['outbox']);
    if (this.connected || this.status.state === 'idle') this.push();
  }

  private set(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    // A stopped engine (signed out, or another account) no longer speaks for the console.
    if (!this.abort.signal.aborted) this.o.onStatus(this.status);
  }

  private refreshCounts(): void {
    const counts = this.o.outbox.counts(this.o.account);
    this.set({ pendingCount: counts.pending, rejectedCount: counts.rejected });
  }

  private async liveLoop(): Promise<void> {
    let attempt = 0;
    while (!this.abort.signal.aborted) {
      try {
        await this.o.client.stream(this.abort.signal, (cursor) => {
          if (!this.connected) {
            this.connected = true;
            attempt = 0;
            if (this.status.state === 'offline' || this.status.state === 'idle')
              this.set({ state: 'online', error: null });
            this.push();
            this.o.onOnline?.();
          }
          this.target = Math.max(this.target, cursor);
          if (cursor > this.o.cache.cursor()) this.pull();
        });
        if (this.abort.signal.aborted) return;
        throw new Error('the live stream ended');
      } catch (error) {
        if (this.abort.signal.aborted) return;
        this.connected = false;
        this.set({ state: 'offline', progress: null, error: (error as Error).message });
      }
      const delay = BACKOFF_MS[Math.min(attempt++, BACKOFF_MS.length - 1)]!;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  /**
   * Forgets the cache's copy of the feed and pulls it all again from position 0 (drift:resync, when
   * the cache misses rows only the feed can put in their place). A pull under way is let finish
   * first and none starts meanwhile: a page fetched from the old cursor and written after the reset
   * would store its cursor over it, and the rows before that page would never be pulled again.
   */
  async rebuildCache(): Promise<void> {
    this.holdingPulls = true;
    try {
      while (this.pulling) await this.pulling;
      this.o.cache.rebuild();
      // What the rebuild pulls again is history: no notice for a payment that finished long ago.
      this.catchingUp = true;
    } finally {
      this.holdingPulls = false;
    }
    this.o.onTablesChanged(['customers', 'wallets', 'transactions', 'holds', 'payments']);
    this.pull();
    await this.idle();
  }

  /** Runs a pull soon; pulls never overlap, and one asked for during a pull runs after it. */
  private pull(): void {
    // The rebuild pulls once the cache is reset: a pull asked for meanwhile would only delay it.
    if (this.holdingPulls) return;
    if (this.pulling) {
      this.pullAgain = true;
      return;
    }
    this.pulling = (async () => {
      do {
        this.pullAgain = false;
        await this.pullToEnd();
      } while (this.pullAgain && !this.abort.signal.aborted);
      this.pulling = null;
    })();
  }

  /**
   * Pulls to the end of the feed. If the server compacted its feed past our cursor (410
   * cursor_expired: entries we never saw were folded away), the cache is rebuilt from position 0 and
   * the user told so; the outbox is untouched and keeps sending.
   */
  private async pullToEnd(): Promise<void> {
    // A rebuild pulls from 0, which the server never refuses; only a compaction landing while the
    // rebuild is under way refuses it again (it then starts over), and never for long.
    for (let rebuilds = 0; rebuilds < 3; rebuilds++) {
      if ((await this.pullPages()) !== 'cursor_expired' || this.abort.signal.aborted) return;
      this.o.cache.rebuild();
      // What the rebuild pulls again is history too: no notice for a payment that finished long ago.
      this.catchingUp = true;
      this.o.onTablesChanged(['customers', 'wallets', 'transactions', 'holds', 'payments']);
      this.set({ rebuiltAt: (this.o.now?.() ?? new Date()).toISOString() });
    }
    this.set({
      state: 'offline',
      progress: null,
      error: 'the server compacted its change feed again during the rebuild: sync again to finish it',
    });
  }

  private async pullPages(): Promise<'done' | 'cursor_expired'> {
    const initial = this.o.cache.cursor() === 0;
    const history = this.catchingUp;
    let applied = 0;
    let cursor = this.o.cache.cursor();
    const ask = (from: number) => {
      // A reader writing ledger rows itself waits as this pull does below (recorded()).
      const page = this.feed.page(from, PAGE, () => this.pusher.recorded());
      // Its failure is thrown where it is awaited; a pull that stops first never awaits it.
      page.catch(() => undefined);
      return page;
    };
    let next = ask(cursor);
    try {
      for (;;) {
        if (this.abort.signal.aborted) return 'done';
        this.set({
          state: 'syncing',
          progress: initial ? { applied, cursor, target: Math.max(this.target, cursor) } : null,
        });
        // Stopped while the page was on its way (signed out, another account, the console closing):
        // not ours to write, nor to wait for (the stopped feed reader no longer keeps it coming).
        const page = await Promise.race([next, this.stopped]);
        if (page === null || this.abort.signal.aborted) return 'done';
        // Ask for the page after this one before writing this one: the server reads and sends it,
        // and the feed worker parses and checks it, while this thread writes the cache. Pages are
        // still applied one at a time, in order.
        if (page.hasMore) next = ask(page.nextCursor);
        // A batch of queued writes the server may already have committed is recorded first: its
        // records would otherwise show twice, the page's copy beside the queued write (recorded()).
        await this.pusher.recorded();
        if (this.abort.signal.aborted) return 'done';
        const touched = await this.o.cache.applyPageInSteps(page, STEP, () => this.abort.signal.aborted);
        if (this.abort.signal.aborted) return 'done';
        cursor = page.nextCursor;
        applied += pageSize(page);
        if (touched.size > 0) this.o.onTablesChanged([...touched]);
        if (history) this.o.cache.takeFinishedPayments();
        else this.reportFinishedPayments();
        const alerts = this.o.cache.alerts.takeNewAlerts();
        if (!history && alerts.length > 0) this.o.onAlerts?.(alerts);
        if (!page.hasMore) break;
      }
      this.catchingUp = false;
      const lastSyncedAt = (this.o.now?.() ?? new Date()).toISOString();
      this.o.cache.setMeta('lastSyncedAt', lastSyncedAt);
      this.set({ state: this.connected ? 'online' : 'offline', progress: null, lastSyncedAt, error: null });
    } catch (error) {
      if (this.abort.signal.aborted) return 'done';
      if (error instanceof ApiError && error.code === 'cursor_expired' && cursor > 0) return 'cursor_expired';
      this.set({ state: 'offline', progress: null, error: (error as Error).message });
    }
    return 'done';
  }

  /** Sends queued writes in order, in batches; runs once at a time. */
  private push(): void {
    if (this.pushing) {
      this.pushAgain = true;
      return;
    }
    this.pushing = (async () => {
      do {
        this.pushAgain = false;
        await this.pushAll();
      } while (this.pushAgain && !this.abort.signal.aborted);
      this.pushing = null;
    })();
  }

  private async pushAll(): Promise<void> {
    if (await this.pusher.pushAll()) this.pull();
  }

  /** How far the cache is behind the server: its cursor, and the newest position the server announced. */
  lag(): { cursor: number; head: number } {
    const cursor = this.o.cache.cursor();
    return { cursor, head: Math.max(this.target, cursor) };
  }

  private reportFinishedPayments(): void {
    const finished = this.o.cache.takeFinishedPayments();
    if (finished.length > 0) this.o.onPaymentsFinished?.(finished);
  }
}
