import { parentPort } from 'node:worker_threads';
import { createApiClient } from '../api/client.js';
import { toFeedPage, type FeedPage } from './feed-page.js';
import { describeError, type FeedPart, type FeedReply, type FeedRequest } from './feed-protocol.js';

/**
 * The feed worker: fetches pages of the change feed, parses and checks them, and hands them to the
 * main thread as FeedPages. Parsing and checking a page cost about as much as writing it to the
 * cache, so doing them here lets the two run side by side during an initial sync, and keeps the main
 * thread (IPC, the live stream) free of them. It reads the socket while the main thread writes, too.
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

/** The parts of each page not yet sent, by request id. */
const unsent = new Map<number, FeedPart[]>();

function partsOf(page: FeedPage): FeedPart[] {
  const parts: FeedPart[] = [];
  for (let i = 0; i < page.entities.length; i += PART)
    parts.push({ entities: page.entities.slice(i, i + PART), transactions: [], end: null });
  for (let i = 0; i < page.transactions.length; i += PART)
    parts.push({ entities: [], transactions: page.transactions.slice(i, i + PART), end: null });
  if (parts.length === 0) parts.push({ entities: [], transactions: [], end: null });
  parts.at(-1)!.end = { nextCursor: page.nextCursor, hasMore: page.hasMore };
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

port.on('message', (request: FeedRequest) => {
  if (request.kind === 'more') return sendNext(request.id);
  void (async () => {
    try {
      if (client?.baseUrl !== request.baseUrl || client.token !== request.token) {
        client = createApiClient(request.baseUrl, request.token);
      }
      unsent.set(request.id, partsOf(toFeedPage(await client.changes(request.cursor, request.limit))));
      for (let n = 0; n < AHEAD; n++) sendNext(request.id);
    } catch (error) {
      const reply: FeedReply = { id: request.id, ok: false, error: describeError(error) };
      port.postMessage(reply);
    }
  })();
});
