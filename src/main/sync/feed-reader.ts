import type { Worker } from 'node:worker_threads';
import type { ApiClient } from '../api/client.js';
import { spawnModuleWorker } from '../workers/module-worker.js';
import { toFeedPage, type FeedPage } from './feed-page.js';
import { reviveError, type FeedReply, type FeedRequest, type LedgerTarget } from './feed-protocol.js';

/** Where the sync engine gets checked pages of the change feed from. */
export interface FeedReader {
  /**
   * The checked page of `limit` changes after `cursor`. A reader that writes the page's ledger rows
   * into the cache itself waits for `beforeWrite` first, once the page is here: the sync engine
   * waits there for the queued writes the server may already have committed to be recorded.
   */
  page(cursor: number, limit: number, beforeWrite?: () => Promise<void>): Promise<FeedPage>;
  /** Stops reading: pages asked for and not yet here never come. Resolves once nothing holds the cache. */
  close(): Promise<void>;
}

/** Fetches, parses and checks on the calling thread. */
export function inThreadFeedReader(client: ApiClient): FeedReader {
  return {
    page: async (cursor, limit) => toFeedPage(await client.changes(cursor, limit)),
    close: async () => {},
  };
}

interface Waiting {
  cursor: number;
  limit: number;
  /** The parts of its page received so far. */
  entities: FeedPage['entities'];
  transactions: FeedPage['transactions'];
  beforeWrite: (() => Promise<void>) | undefined;
  resolve(page: FeedPage): void;
  reject(error: unknown): void;
}

/**
 * Fetches, parses and checks in a worker thread (see feed-worker.ts), so that during an initial sync
 * the main thread only writes pages. If the worker cannot run, pages are read on this thread instead,
 * and the requests it held are sent again from here: a sync never stalls on the worker.
 */
export function workerFeedReader(
  client: ApiClient,
  options: {
    log?: (message: string, error?: unknown) => void;
    spawn?: () => Worker;
    /** The worker writes ledger rows into this cache itself; pages arrive without them (FeedPage). */
    cache?: LedgerTarget;
  } = {},
): FeedReader {
  const { log, spawn = spawnFeedWorker } = options;
  const inThread = inThreadFeedReader(client);
  const waiting = new Map<number, Waiting>();
  let worker: Worker | null = null;
  let failed = false;
  let closed = false;
  let nextId = 1;

  const readHere = (w: Waiting) => inThread.page(w.cursor, w.limit).then(w.resolve, w.reject);
  const giveUp = (error: unknown) => {
    if (failed) return;
    failed = true;
    worker = null;
    log?.('the feed worker stopped; reading the change feed on the main thread', error);
    for (const w of waiting.values()) void readHere(w);
    waiting.clear();
  };

  function start(): Worker {
    const started = spawn();
    started.on('message', (reply: FeedReply) => {
      const w = waiting.get(reply.id);
      if (!w) return;
      if (reply.ok && 'parsed' in reply) {
        const write = () => {
          if (worker === started && waiting.has(reply.id))
            started.postMessage({ kind: 'write', id: reply.id } satisfies FeedRequest);
        };
        return void (w.beforeWrite?.() ?? Promise.resolve()).then(write, write);
      }
      if (reply.ok) {
        w.entities.push(...reply.part.entities);
        w.transactions.push(...reply.part.transactions);
        // One part at a time (see feed-worker.ts): the thread is free between two.
        if (!reply.part.end)
          return void started.postMessage({ kind: 'more', id: reply.id } satisfies FeedRequest);
      }
      waiting.delete(reply.id);
      // Keeps the process alive while a page is on its way, and only then.
      if (waiting.size === 0) started.unref();
      if (!reply.ok) return w.reject(reviveError(reply.error));
      w.resolve({ entities: w.entities, transactions: w.transactions, ...reply.part.end! });
    });
    started.on('error', giveUp);
    started.on('exit', (code) => {
      if (worker === started) giveUp(new Error(`the feed worker exited (${code})`));
    });
    return started;
  }

  return {
    page(cursor, limit, beforeWrite) {
      return new Promise<FeedPage>((resolve, reject) => {
        const w: Waiting = { cursor, limit, entities: [], transactions: [], beforeWrite, resolve, reject };
        if (closed) return reject(new Error('the sync stopped'));
        if (failed) return void readHere(w);
        worker ??= start();
        worker.ref();
        const id = nextId++;
        waiting.set(id, w);
        const request: FeedRequest = {
          kind: 'page',
          id,
          baseUrl: client.baseUrl,
          token: client.token,
          cursor,
          limit,
          cache: options.cache ?? null,
        };
        worker.postMessage(request);
      });
    },
    close() {
      closed = true;
      const stopping = worker;
      worker = null;
      for (const w of waiting.values()) w.reject(new Error('the sync stopped'));
      waiting.clear();
      if (!stopping) return Promise.resolve();
      // The worker closes its connection to the cache between two pages, never in the middle of
      // writing one (a page's rows are one transaction), and exits.
      const exited = new Promise<void>((resolve) => stopping.once('exit', () => resolve()));
      stopping.postMessage({ kind: 'close' } satisfies FeedRequest);
      return exited;
    },
  };
}

function spawnFeedWorker(): Worker {
  return spawnModuleWorker(import.meta.url, 'feed-worker');
}
