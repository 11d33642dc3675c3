import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type PostgresCursor,
  type PostgresPool,
  type PostgresPoolClient,
  type Driver,
  type PostgresQueryResult,
  type SqliteDatabase as KyselySqlite,
  type Compilable,
  type Insertable,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';
/**
 * A write transaction. It names its dialect so that a writer can put two writes in one statement
 * where PostgreSQL allows it (a data-modifying WITH), saving a network round trip; SQLite runs in
 * process and has no round trips to save.
 */
export type Trx = Transaction<Database> & {
  readonly dialect: DialectName;
  /**
   * SQLite only: inserts `rows` (all with the same columns) one prepared statement per row on the
   * transaction's handle. A batch's thousand rows cost Kysely more to build and compile as one
   * multi-row INSERT than SQLite took to store them; SQLite runs in process, so one statement per
   * row costs no round trips.
   */
  insertRows?<T extends keyof Database & string>(
    table: T,
    rows: ReadonlyArray<Insertable<Database[T]>>,
  ): void;
  /**
   * SQLite group commit only: gives change-feed rows about to be inserted their feed positions now,
   * in order, instead of leaving them to the sequencer's UPDATE before COMMIT. One writer holds the
   * file from BEGIN IMMEDIATE to COMMIT, so the order of inserts is the order of commits; numbering
   * each row again once inserted cost an UPDATE through four of its indexes.
   */
  numberChanges?(rows: Array<Insertable<Database['changes']>>): void;
  /** SQLite group commit only: the rows numberChanges numbered in this group that are still in it. */
  numberedChanges?(): readonly NumberedChange[];
};

/** A change-feed row with its feed position: what the sequencer announces. */
export interface NumberedChange {
  reseller_id: string;
  customer_id: string | null;
  seq: number;
}

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
  /**
   * SQLite only: `step` runs inside every group commit, after its writes and just before COMMIT (in
   * a savepoint of its own: if it fails, the writes still commit without it). The change sequencer
   * numbers a group's change rows this way, in the commit that wrote them, rather than in a
   * transaction of its own after each one: that second commit cost as much as the group's. Returns
   * a function that removes the step.
   */
  addCommitStep?<T>(step: CommitStep<T>): () => void;
  /** PostgreSQL: the connection pool's state now (metrics); SQLite has no pool. */
  poolStats?(): PoolStats;
  close(): Promise<void>;
}

export interface CommitStep<T> {
  inTransaction(trx: Trx): Promise<T>;
  /** After COMMIT, with what `inTransaction` returned. */
  afterCommit(result: T): void;
}

export interface PoolStats {
  /** Connections open, idle or lent out. */
  total: number;
  idle: number;
  /** Queries waiting for a connection: above zero for long, the pool is too small. */
  waiting: number;
}

export interface StoreOptions {
  /** PostgreSQL only: the schema every connection uses (tests give each run its own). */
  schema?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
  /**
   * SQLite only: open an in-memory database holding a copy of this serialized database instead of
   * the file (tests copy one migrated database rather than migrating each of theirs).
   */
  sqliteImage?: Buffer;
}

/**
 * `sqlite:PATH`, `sqlite::memory:`, a bare path, or `postgres://…` / `postgresql://…`.
 */
export function openStore(url: string, options: StoreOptions = {}): Store {
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options);
  const path = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url;
  return openSqlite(options.sqliteImage ?? path);
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
  // An idle connection the server closed (a restart, a failover) errors here; the pool has already
  // dropped it and the next query opens a new one. Unheard, the error would end the process.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparing(pool) }) });
  const events = new EventEmitter<{ committed: [] }>();
  return {
    db,
    dialect: 'postgres',
    events,
    async write(fn) {
      const result = await db
        .transaction()
        .execute((trx) => fn(Object.assign(trx, { dialect: 'postgres' as const })));
      events.emit('committed');
      return result;
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => db.destroy(),
  };
}

/**
 * Distinct statements kept prepared (per SQLite connection, per PostgreSQL connection). The app has a
 * few dozen; the bound only keeps an unforeseen stream of distinct texts from growing without end.
 */
const PREPARED_STATEMENTS = 200;
/**
 * Statements with more parameters are multi-row writes (batch/apply-movements.ts) whose text changes
 * with their row count: named, each variant would take one of the names the hot statements need.
 */
const MAX_PREPARED_PARAMETERS = 64;

/**
 * Sends Kysely's statements as named prepared statements, so that each connection parses and plans a
 * statement once rather than on every debit. Not for a statement that selects or returns `*`:
 * PostgreSQL refuses to change a prepared statement's result type, so a migration adding a column (run
 * by a newer process next to this one) would break it. Statements without parameters (begin, commit)
 * stay on the simple protocol, which is cheaper for them.
 */
function preparing(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < PREPARED_STATEMENTS && !text.includes('*')) {
      name = `k${names.size + 1}`;
      names.set(text, name);
    }
    return name;
  };
  // Kysely keeps its own state per client object: hand it the same wrapper every time.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        // A connection lost while checked out (between a transaction's statements) errors here;
        // its next query fails and the pool drops it when released. Unheard, it would end the process.
        client.on('error', () => undefined);
        wrapper = naming(client, nameOf);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}

function naming(client: pg.PoolClient, nameOf: (text: string) => string | undefined): PostgresPoolClient {
  function query<R>(text: string, values: readonly unknown[]): Promise<PostgresQueryResult<R>>;
  function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  function query(
    text: string | PostgresCursor<unknown>,
    values: readonly unknown[] = [],
  ): Promise<PostgresQueryResult<unknown>> | PostgresCursor<unknown> {
    // Kysely passes a cursor only when configured with one, which this store is not.
    if (typeof text !== 'string') throw new Error('cursors are not configured');
    const name = values.length > 0 && values.length <= MAX_PREPARED_PARAMETERS ? nameOf(text) : undefined;
    const rowMode = text.startsWith(ROWS_MARKER) ? { rowMode: 'array' } : {};
    return client.query({ ...(name ? { name } : {}), ...rowMode, text, values: [...values] }) as Promise<
      PostgresQueryResult<unknown>
    >;
  }
  return { query, release: () => client.release() };
}

/** Marks a statement whose rows come back as arrays (selectRows). */
const ROWS_MARKER = '/* rows */ ';

/**
 * Runs a select and returns its rows as arrays of values in the select's column order, not as
 * objects. Building an object with named keys per row cost the change feed more than SQLite took
 * to read its rows (600,000 rows: 2.5 s as objects, 1.65 s as arrays, on better-sqlite3). Through
 * Kysely's own connection, so a read still waits for a transaction holding it, as every read does.
 */
export async function selectRows(db: Kysely<Database>, query: Compilable): Promise<unknown[][]> {
  const { sql, parameters } = query.compile();
  const result = await db.executeQuery<unknown[]>(CompiledQuery.raw(ROWS_MARKER + sql, [...parameters]));
  return result.rows;
}

/** Kysely prepares every query anew; better-sqlite3 statements can be reused, so keep them. */
function cachingStatements(sqlite: SqliteDatabase.Database): KyselySqlite {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text) {
      let statement = statements.get(text);
      if (statement) {
        // Most recently used last, so that the bound evicts the least recently used.
        statements.delete(text);
      } else {
        statement = sqlite.prepare(text);
        // A statement of its own (the text differs by the marker), so Kysely's others keep objects.
        if (text.startsWith(ROWS_MARKER)) statement.raw(true);
        if (statements.size >= PREPARED_STATEMENTS) statements.delete(statements.keys().next().value!);
      }
      statements.set(text, statement);
      return statement;
    },
  };
}

interface Job {
  fn: (trx: Trx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * SQLite transactions (the group commit's) begin IMMEDIATE: the write lock is taken at BEGIN, waiting
 * up to the busy timeout, not at the first write. A deferred one that had read first could not
 * become a writer once another process on the file had committed (SQLITE_BUSY_SNAPSHOT) or was
 * waiting to (SQLITE_BUSY at once: SQLite's deadlock guard); with two processes on one file that
 * failed whole groups of debits (bank test, 800 transfers: 21 answers of 500).
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

/**
 * The feed positions one SQLite group commit hands out (Trx.numberChanges): from the newest
 * committed position on, read at the first row (the write lock is held, so no other process moves
 * it meanwhile). A job rolled back to its savepoint takes its rows' positions back with it.
 */
class GroupFeedPositions {
  private next = 0;
  private readonly rows: NumberedChange[] = [];

  constructor(private readonly newest: () => number) {}

  readonly number = (rows: Array<Insertable<Database['changes']>>): void => {
    if (this.next === 0) this.next = this.newest() + 1;
    for (const row of rows) {
      row.seq = this.next++;
      this.rows.push({ reseller_id: row.reseller_id, customer_id: row.customer_id ?? null, seq: row.seq });
    }
  };

  readonly numbered = (): readonly NumberedChange[] => this.rows;

  mark(): { next: number; rows: number } {
    return { next: this.next, rows: this.rows.length };
  }

  rewind(mark: { next: number; rows: number }): void {
    this.next = mark.next;
    this.rows.length = mark.rows;
  }
}

function openSqlite(path: string | Buffer): Store {
  if (typeof path === 'string' && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma('journal_mode = WAL');
  // Money: a commit is on disk before anyone is told it happened.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: cachingStatements(sqlite) }),
  });
  const events = new EventEmitter<{ committed: [] }>();

  let queue: Job[] = [];
  let flushing = false;
  const commitSteps = new Set<CommitStep<unknown>>();
  const inserts = new Map<string, SqliteDatabase.Statement>();
  function insertRows(table: string, rows: ReadonlyArray<Record<string, unknown>>): void {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]!);
    const text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`;
    let insert = inserts.get(text);
    if (!insert) {
      insert = sqlite.prepare(text);
      inserts.set(text, insert);
    }
    for (const row of rows) insert.run(columns.map((c) => row[c]));
  }
  // Each write of a group commit in a savepoint of its own: one that fails leaves the others.
  let newestSeq: SqliteDatabase.Statement<[], number> | null = null;
  const newestFeedPosition = () => {
    newestSeq ??= sqlite.prepare<[], number>('select coalesce(max(seq), 0) from changes').pluck();
    return newestSeq.get()!;
  };
  const savepoint = sqlite.prepare('savepoint job');
  const release = sqlite.prepare('release savepoint job');
  const rollbackToSavepoint = sqlite.prepare('rollback to savepoint job');

  async function flush(): Promise<void> {
    flushing = true;
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
      const stepped: Array<{ step: CommitStep<unknown>; result: unknown }> = [];
      try {
        const trx = await db.startTransaction().execute();
        const feed = new GroupFeedPositions(newestFeedPosition);
        const inTrx = Object.assign(trx, {
          dialect: 'sqlite' as const,
          insertRows,
          numberChanges: feed.number,
          numberedChanges: feed.numbered,
        });
        try {
          for (const next of batch) {
            // On the handle itself: the transaction holds the one connection, and these statements
            // (two per debit) cost less than a query through Kysely, which showed per request.
            savepoint.run();
            const mark = feed.mark();
            try {
              outcomes.push({ ok: true, value: await next.fn(inTrx) });
              release.run();
            } catch (error) {
              rollbackToSavepoint.run();
              release.run();
              feed.rewind(mark);
              outcomes.push({ ok: false, error });
            }
          }
          for (const step of commitSteps) {
            savepoint.run();
            const mark = feed.mark();
            try {
              stepped.push({ step, result: await step.inTransaction(inTrx) });
              release.run();
            } catch {
              rollbackToSavepoint.run();
              release.run();
              feed.rewind(mark);
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
      for (const { step, result } of stepped) step.afterCommit(result);
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
    addCommitStep<T>(step: CommitStep<T>) {
      const added = step as CommitStep<unknown>;
      commitSteps.add(added);
      return () => void commitSteps.delete(added);
    },
    close: () => db.destroy(),
  };
}
