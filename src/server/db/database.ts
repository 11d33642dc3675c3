import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';
export type Trx = Transaction<Database>;

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /**
   * Runs `fn` in a write transaction and resolves after it committed. A throw rolls back what `fn`
   * wrote, and only that. On SQLite, writes that arrive together share one transaction, each in its
   * own savepoint (group commit): one fsync for many debits, with synchronous=FULL kept for money.
   */
  write<T>(fn: (trx: Trx) => Promise<T>): Promise<T>;
  /** Emits 'committed' after every write transaction commits. */
  readonly events: EventEmitter<{ committed: [] }>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** PostgreSQL only: the schema every connection uses (tests give each run its own). */
  schema?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
}

/**
 * `sqlite:PATH`, `sqlite::memory:`, a bare path, or `postgres://…` / `postgresql://…`.
 */
export function openStore(url: string, options: StoreOptions = {}): Store {
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options);
  const path = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url;
  return openSqlite(path);
}

const INT8_OID = 20;

/** int8 arrives as a string; every amount is bounded far below 2^53 (see MAX_BALANCE), so it is exact. */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 beyond the safe integer range: ${text}`);
  return value;
}

function openPostgres(url: string, options: StoreOptions): Store {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 20,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const events = new EventEmitter<{ committed: [] }>();
  return {
    db,
    dialect: 'postgres',
    events,
    async write(fn) {
      const result = await db.transaction().execute(fn);
      events.emit('committed');
      return result;
    },
    close: () => db.destroy(),
  };
}

interface Job {
  fn: (trx: Trx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

function openSqlite(path: string): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma('journal_mode = WAL');
  // Money: a commit is on disk before anyone is told it happened.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const events = new EventEmitter<{ committed: [] }>();

  let queue: Job[] = [];
  let flushing = false;

  async function flush(): Promise<void> {
    flushing = true;
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
      try {
        const trx = await db.startTransaction().execute();
        try {
          for (const job of batch) {
            const sp = await trx.savepoint('job').execute();
            try {
              outcomes.push({ ok: true, value: await job.fn(sp) });
              await sp.releaseSavepoint('job').execute();
            } catch (error) {
              await sp.rollbackToSavepoint('job').execute();
              await sp.releaseSavepoint('job').execute();
              outcomes.push({ ok: false, error });
            }
          }
          await trx.commit().execute();
        } catch (error) {
          await trx
            .rollback()
            .execute()
            .catch(() => undefined);
          throw error;
        }
      } catch (error) {
        for (const job of batch) job.reject(error);
        continue;
      }
      events.emit('committed');
      batch.forEach((job, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) job.resolve(outcome.value);
        else job.reject(outcome.error);
      });
    }
    flushing = false;
  }

  return {
    db,
    dialect: 'sqlite',
    events,
    write<T>(fn: (trx: Trx) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
        // Let every request that is already parsed join this commit.
        if (!flushing) {
          flushing = true;
          setImmediate(() => void flush());
        }
      });
    },
    close: () => db.destroy(),
  };
}
