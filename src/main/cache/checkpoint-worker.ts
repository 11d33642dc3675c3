import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import type { CheckpointRequest } from './checkpoint-protocol.js';

/**
 * The cache's checkpoints, on a thread of their own (see wal-checkpointer.ts): told that the main
 * thread committed writes, it copies the WAL into the database file. PASSIVE never waits for a lock,
 * and no writer waits for it.
 */
const port = parentPort!;
const { file } = workerData as { file: string };
const db = new BetterSqlite3(file);
let scheduled = false;

port.on('message', (request: CheckpointRequest) => {
  if (request === 'close') {
    db.close();
    port.close();
    return;
  }
  if (scheduled) return;
  scheduled = true;
  // After the messages already here: writes told of while a checkpoint ran share the next one.
  setImmediate(() => {
    scheduled = false;
    if (db.open) db.pragma('wal_checkpoint(PASSIVE)');
  });
});
