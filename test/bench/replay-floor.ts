/**
 * What the replay's own writes cost the database, for the replay bench's report: every row the drain
 * wrote (ledger rows, change-feed rows, audit records, stored answers under their keys, webhook
 * events) read back and inserted again, as copies under fresh keys, in one transaction on the same
 * database — no HTTP, no JSON, no checks. The anchor inserts the ledger rows alone; this says how
 * much of the gap is rows the replay must write (each under the same indexes as the real ones).
 */
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';

/** The tables a replayed credit writes, and how a copy gets keys of its own. */
const TABLES: Array<{ table: string; copy(row: Record<string, unknown>, n: number): void }> = [
  {
    table: 'ledger_entries',
    copy: (row) => {
      row.id = `floor_${String(row.id)}`;
      // (wallet_id, wallet_version) is unique: copies go far above any version the bench reaches.
      row.wallet_version = Number(row.wallet_version) + 1_000_000_000;
    },
  },
  {
    table: 'changes',
    copy: (row, n) => {
      delete row.id;
      // seq is unique: below zero, where no reader looks and the sequencer never numbers.
      row.seq = -1 - n;
    },
  },
  { table: 'audit_records', copy: (row) => void (row.id = `floor_${String(row.id)}`) },
  { table: 'idempotency_keys', copy: (row) => void (row.key = `floor_${String(row.key)}`) },
  // A credit's wallet.topped_up (SQLite always records it; PostgreSQL only for a listener).
  { table: 'webhook_events', copy: (row) => void (row.id = `floor_${String(row.id)}`) },
];

export interface Floor {
  rows: Record<string, number>;
  seconds: number;
}

/** Rows written at or after `since` (the drain's start), inserted again in one transaction. */
export async function floorSeconds(
  db: { dialect: 'sqlite' | 'postgres'; file?: string | undefined; url: string; schema?: string | undefined },
  since: string,
): Promise<Floor> {
  return db.dialect === 'sqlite' ? sqliteFloor(db.file!, since) : postgresFloor(db.url, db.schema!, since);
}

function copies(rowsByTable: Array<Record<string, unknown>[]>) {
  let n = 0;
  return TABLES.map(({ table, copy }, t) => {
    const rows = rowsByTable[t]!;
    for (const row of rows) copy(row, n++);
    return { table, rows };
  });
}

function sqliteFloor(file: string, since: string): Floor {
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  try {
    const tables = copies(
      TABLES.map(
        ({ table }) =>
          sqlite.prepare(`select * from ${table} where created_at >= ?`).all(since) as Record<
            string,
            unknown
          >[],
      ),
    );
    // A table the drain wrote nothing to (audit_records, since a movement's row is its record) is left out.
    const statements = tables
      .filter(({ rows }) => rows.length > 0)
      .map(({ table, rows }) => {
        const columns = Object.keys(rows[0] ?? {});
        const insert = sqlite.prepare(
          `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
        );
        return { columns, insert, rows };
      });
    const started = performance.now();
    sqlite.transaction(() => {
      for (const { columns, insert, rows } of statements)
        for (const row of rows) insert.run(columns.map((c) => row[c]));
    })();
    return {
      rows: Object.fromEntries(tables.map(({ table, rows }) => [table, rows.length])),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    sqlite.close();
  }
}

async function postgresFloor(url: string, schema: string, since: string): Promise<Floor> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    // One query at a time: a pg Client does not run them side by side (pg 9 will refuse to queue them).
    const read: Record<string, unknown>[][] = [];
    for (const { table } of TABLES)
      read.push((await client.query(`select * from ${table} where created_at >= $1`, [since])).rows);
    const tables = copies(read);
    const started = performance.now();
    await client.query('begin');
    for (const { table, rows } of tables) {
      if (rows.length === 0) continue;
      const columns = Object.keys(rows[0]!);
      // As many rows a statement as PostgreSQL's 65,535 parameters allow.
      const perStatement = Math.max(1, Math.floor(65_535 / Math.max(1, columns.length)));
      for (let first = 0; first < rows.length; first += perStatement) {
        const values: unknown[] = [];
        const tuples = rows.slice(first, first + perStatement).map((row) => {
          const base = values.length;
          values.push(...columns.map((c) => row[c]));
          return `(${columns.map((_, i) => `$${base + i + 1}`).join(', ')})`;
        });
        await client.query(
          `insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}`,
          values,
        );
      }
    }
    await client.query('commit');
    return {
      rows: Object.fromEntries(tables.map(({ table, rows }) => [table, rows.length])),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await client.end();
  }
}
