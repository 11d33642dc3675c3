import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WalCheckpointer } from './wal-checkpointer.js';

describe('the cache’s checkpoints on a worker thread', () => {
  let dir: string;
  let file: string;
  let db: BetterSqlite3.Database;
  const log = vi.fn();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'checkpointer-'));
    file = join(dir, 'cache.sqlite');
    db = new BetterSqlite3(file);
    db.pragma('journal_mode = WAL');
    // As the cache has it (cache-store.ts): above what writeRows commits, so that commit copies nothing.
    db.pragma('wal_autocheckpoint = 10000');
    db.exec('create table rows (id integer primary key, body text not null)');
    log.mockClear();
  });
  afterEach(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** About 4 MB of rows (some 1,000 pages) in one commit. */
  const writeRows = () => {
    const insert = db.prepare('insert into rows (body) values (?)');
    db.transaction(() => {
      for (let i = 0; i < 4000; i++) insert.run('x'.repeat(1000));
    })();
  };

  it('copies the writes it is told of into the database file, off this thread', async () => {
    const checkpointer = new WalCheckpointer(file, log);
    try {
      const before = statSync(file).size;
      writeRows();
      // Committed, and still only in the WAL.
      expect(statSync(file).size).toBe(before);
      checkpointer.wrote();
      await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(4_000_000), { timeout: 10_000 });
      expect(log).not.toHaveBeenCalled();
    } finally {
      await checkpointer.close();
    }
    // The worker's connection is closed: the cache's own, the last, folds the WAL in and removes it.
    db.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('starts its worker with the first write, once, and never after it closed', async () => {
    const spawn = vi.fn(() => new Worker('setInterval(() => {}, 1000)', { eval: true }));
    const idle = new WalCheckpointer(file, log, spawn);
    await idle.close();
    idle.wrote();
    expect(spawn).not.toHaveBeenCalled();

    const checkpointer = new WalCheckpointer(file, log, spawn);
    expect(spawn).not.toHaveBeenCalled();
    checkpointer.wrote();
    checkpointer.wrote();
    expect(spawn).toHaveBeenCalledTimes(1);
    const worker = spawn.mock.results[0]!.value as Worker;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    await worker.terminate();
    await exited;
    await checkpointer.close();
  });

  it('says so when its worker cannot start, and is harmless to tell and close', async () => {
    const checkpointer = new WalCheckpointer(file, log, () => {
      throw new Error('no threads here');
    });
    checkpointer.wrote();
    expect(log).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('checkpoint worker stopped'), expect.any(Error));
    checkpointer.wrote();
    expect(log).toHaveBeenCalledTimes(1);
    await checkpointer.close();
  });

  it('says so when its worker stops', async () => {
    const checkpointer = new WalCheckpointer(file, log, () => new Worker('process.exit(3)', { eval: true }));
    checkpointer.wrote();
    await vi.waitFor(() => expect(log).toHaveBeenCalled(), { timeout: 10_000 });
    expect(String(log.mock.calls[0]![1])).toContain('exited (3)');
    checkpointer.wrote();
    await checkpointer.close();
  });
});
