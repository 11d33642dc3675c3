import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { FutureDatabaseError, migrate, type CacheMigration } from './migrate.js';

export interface OpenedDatabase {
  db: BetterSqlite3.Database;
  /** Set when the file could not be used and was moved aside: where it went, and why. */
  setAside: { path: string; reason: 'corrupt' | 'future' } | null;
}

/**
 * Opens (creating if needed) a local SQLite file in WAL mode and migrates it. A file that is not a
 * database, is corrupt, or — for a `rebuildable` one — was written by a newer release is moved
 * aside (kept, never deleted) and a fresh one is created. A non-rebuildable database from the
 * future is refused: this release cannot know what it holds.
 */
export function openLocalDatabase(
  path: string,
  migrations: readonly CacheMigration[],
  options: { rebuildable: boolean },
): OpenedDatabase {
  mkdirSync(dirname(path), { recursive: true });
  try {
    return { db: openAndMigrate(path, migrations, options.rebuildable), setAside: null };
  } catch (error) {
    const reason = error instanceof FutureDatabaseError ? 'future' : isCorruption(error) ? 'corrupt' : null;
    if (!reason || (reason === 'future' && !options.rebuildable)) throw error;
    const aside = `${path}.${reason}-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
    }
    return { db: openAndMigrate(path, migrations, options.rebuildable), setAside: { path: aside, reason } };
  }
}

function openAndMigrate(
  path: string,
  migrations: readonly CacheMigration[],
  rebuildable: boolean,
): BetterSqlite3.Database {
  const db = new BetterSqlite3(path);
  try {
    db.pragma('journal_mode = WAL');
    // What cannot be rebuilt (the outbox) is on disk before the user hears "queued", even across a
    // power cut; the cache can be fetched again, so it skips the fsync per commit.
    db.pragma(`synchronous = ${rebuildable ? 'NORMAL' : 'FULL'}`);
    db.pragma('foreign_keys = ON');
    const check = db.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok')
      throw Object.assign(new Error(`integrity check failed: ${String(check)}`), { code: 'SQLITE_CORRUPT' });
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT';
}
