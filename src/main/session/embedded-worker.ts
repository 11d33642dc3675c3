import { parentPort, workerData } from 'node:worker_threads';
import { startEmbeddedApi } from '../../server/embedded.js';
import type { EmbeddedReply } from './embedded-protocol.js';

/**
 * The embedded demo API on a thread of its own: loading it (the whole server) and answering its
 * requests no longer hold the core's thread, which serves the console and writes the cache.
 */
const port = parentPort!;
const { dataDir } = workerData as { dataDir: string };

void (async () => {
  try {
    const api = await startEmbeddedApi({ dataDir });
    port.once('message', () => {
      void api.close().then(
        () => port.postMessage({ kind: 'closed' } satisfies EmbeddedReply),
        (error: unknown) =>
          port.postMessage({ kind: 'failed', message: describe(error) } satisfies EmbeddedReply),
      );
    });
    port.postMessage({ kind: 'started', url: api.url, credentials: api.credentials } satisfies EmbeddedReply);
  } catch (error) {
    port.postMessage({ kind: 'failed', message: describe(error) } satisfies EmbeddedReply);
  }
})();

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
