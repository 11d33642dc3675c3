import { parentPort } from 'node:worker_threads';
import { createApiClient } from '../api/client.js';
import { openLedgerWriter, type LedgerWriter } from '../cache/ledger-rows.js';
import { toFeedPage, type FeedPage } from './feed-page.js';
import { PagesAhead } from './pages-ahead.js';
import {
  describeError,
  type FeedPart,
  type FeedReply,
  type FeedRequest,
  type LedgerTarget,
} from './feed-protocol.js';

/**
 * The feed worker: fetches pages of the change feed, parses and checks them, writes their ledger rows
 * into the cache, and hands the rest to the main thread as FeedPages. Ledger rows are nearly all of
 * an initial sync: copied to the main thread they cost it as much again as writing them, and wrote
 * the cache in steps small enough for IPC to answer between two. Here they are written a page at a
 * time on a connection of this thread, and the main thread only writes the page's other entities
 * and its cursor, after the rows (a page pulled again finds its rows there and skips them). A page's
 * rows wait for the main thread's `write`: a queued credit the server committed but whose answer the
 * console has not recorded yet would otherwise show twice for a moment, queued and in the ledger.
 */
const port = parentPort!;
let client: ReturnType<typeof createApiClient> | null = null;

/**
 * Changes per message to the main thread. A message is copied into the main thread in one go, and a
 * whole page of 5,000 held its event loop for 5–20 ms; and messages that arrive together are all
 * copied in one go too, so a page's parts go AHEAD at a time, another each time the main thread
 * has taken one (issue 14: loop-delay p99 ≤ 50 ms during an initial sync).
 */
const PART = 500;
/** Parts on their way at once: the next one is already there when the main thread takes one. */
const AHEAD = 2;

/** The cache this worker writes ledger rows into, opened on the first page that has some. */
let cache: LedgerWriter | null = null;

/** Writes the page's ledger rows into the cache, and takes them out of the page. */
function writeLedgerRows(target: LedgerTarget, page: FeedPage): FeedPage {
  if (page.transactions.length === 0) return page;
  if (cache?.file !== target.file) {
    cache?.close();
    cache = openLedgerWriter(target.file);
  }
  if (!cache.write(target.lease, page.transactions)) return page;
  return { ...page, transactions: [], ledgerRowsWritten: page.transactions.length };
}

/** The parts of each page not yet sent, by request id. */
const unsent = new Map<number, FeedPart[]>();

/** Pages whose ledger rows wait for the main thread's `write`, by request id. */
const unwritten = new Map<number, { target: LedgerTarget; page: FeedPage }>();

function send(id: number, page: FeedPage): void {
  unsent.set(id, partsOf(page));
  for (let n = 0; n < AHEAD; n++) sendNext(id);
}

function partsOf(page: FeedPage): FeedPart[] {
  const parts: FeedPart[] = [];
  for (let i = 0; i < page.entities.length; i += PART)
    parts.push({ entities: page.entities.slice(i, i + PART), transactions: [], end: null });
  for (let i = 0; i < page.transactions.length; i += PART)
    parts.push({ entities: [], transactions: page.transactions.slice(i, i + PART), end: null });
  if (parts.length === 0) parts.push({ entities: [], transactions: [], end: null });
  parts.at(-1)!.end = {
    nextCursor: page.nextCursor,
    hasMore: page.hasMore,
    ...(page.ledgerRowsWritten ? { ledgerRowsWritten: page.ledgerRowsWritten } : {}),
  };
  return parts;
}

function sendNext(id: number): void {
  const parts = unsent.get(id);
  const part = parts?.shift();
  if (!part) return;
  if (parts!.length === 0) unsent.delete(id);
  const reply: FeedReply = { id, ok: true, part };
  port.postMessage(reply);
}

/** Pages asked for ahead, for the engine's initial sync (written here: see PagesAhead). */
const ahead = new PagesAhead();

port.on('message', (request: FeedRequest) => {
  if (request.kind === 'more') return sendNext(request.id);
  if (request.kind === 'write') {
    const waiting = unwritten.get(request.id);
    unwritten.delete(request.id);
    if (waiting) send(request.id, writeLedgerRows(waiting.target, waiting.page));
    return;
  }
  if (request.kind === 'close') {
    // Between two tasks: no page's rows are being written (that is synchronous).
    cache?.close();
    process.exit(0);
  }
  void (async () => {
    try {
      if (client?.baseUrl !== request.baseUrl || client.token !== request.token) {
        client = createApiClient(request.baseUrl, request.token);
      }
      const page = request.cache
        ? await ahead.take(client, request.cursor, request.limit)
        : toFeedPage(await client.changes(request.cursor, request.limit));
      if (!request.cache || page.transactions.length === 0) return send(request.id, page);
      unwritten.set(request.id, { target: request.cache, page });
      const reply: FeedReply = { id: request.id, ok: true, parsed: true };
      port.postMessage(reply);
    } catch (error) {
      const reply: FeedReply = { id: request.id, ok: false, error: describeError(error) };
      port.postMessage(reply);
    }
  })();
});
