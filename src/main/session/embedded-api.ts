import type { Worker } from 'node:worker_threads';
import type { EmbeddedApi } from '../../server/embedded.js';
import { spawnModuleWorker } from '../workers/module-worker.js';
import type { EmbeddedReply } from './embedded-protocol.js';

export type { EmbeddedApi };

/**
 * The billing API inside the app, for first run with no hosted API (see server/embedded.ts): SQLite
 * in the data folder, listening on 127.0.0.1 only, seeded once with a demo reseller.
 *
 * It runs on a worker thread (embedded-worker.ts): loading the whole server (Fastify, Kysely, the
 * gateways, PDF and e-mail) takes seconds, and its answers to the console's own sync and replay
 * cost CPU too; on the core's thread both held up serving the first screen, IPC and cache writes.
 * A console signed in to a hosted API never starts it.
 */
export async function startEmbeddedApi(dataDir: string): Promise<EmbeddedApi> {
  const worker = spawnModuleWorker(import.meta.url, 'embedded-worker', { dataDir });
  const started = await reply(worker, 'started');
  let closing: Promise<void> | null = null;
  return {
    url: started.url,
    credentials: started.credentials,
    close() {
      closing ??= (async () => {
        const closed = reply(worker, 'closed');
        worker.postMessage('close');
        try {
          await closed;
        } finally {
          await worker.terminate();
        }
      })();
      return closing;
    },
  };
}

/** The worker's next reply of `kind`; its failure, or its end before replying, is an error. */
function reply<K extends EmbeddedReply['kind']>(
  worker: Worker,
  kind: K,
): Promise<Extract<EmbeddedReply, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const done = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (message: EmbeddedReply) => {
      if (message.kind !== kind && message.kind !== 'failed') return;
      done();
      if (message.kind === 'failed') reject(new Error(`the demo API failed: ${message.message}`));
      else resolve(message as Extract<EmbeddedReply, { kind: K }>);
    };
    const onError = (error: Error) => {
      done();
      reject(new Error(`the demo API stopped: ${error.message}`, { cause: error }));
    };
    const onExit = (code: number) => {
      done();
      reject(new Error(`the demo API's thread ended (${code}) before it answered`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}
