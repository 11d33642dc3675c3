import { parentPort } from 'node:worker_threads';
import { createApiClient } from '../api/client.js';
import { toFeedPage } from './feed-page.js';
import { describeError, type FeedReply, type FeedRequest } from './feed-protocol.js';

/**
 * The feed worker: fetches pages of the change feed, parses and checks them, and hands them to the
 * main thread as FeedPages. Parsing and checking a page cost about as much as writing it to the
 * cache, so doing them here lets the two run side by side during an initial sync, and keeps the main
 * thread (IPC, the live stream) free of them. It reads the socket while the main thread writes, too.
 */
const port = parentPort!;
let client: ReturnType<typeof createApiClient> | null = null;

port.on('message', (request: FeedRequest) => {
  void (async () => {
    let reply: FeedReply;
    try {
      if (client?.baseUrl !== request.baseUrl || client.token !== request.token) {
        client = createApiClient(request.baseUrl, request.token);
      }
      const page = toFeedPage(await client.changes(request.cursor, request.limit));
      reply = { id: request.id, ok: true, page };
    } catch (error) {
      reply = { id: request.id, ok: false, error: describeError(error) };
    }
    port.postMessage(reply);
  })();
});
