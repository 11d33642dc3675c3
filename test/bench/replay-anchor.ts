/**
 * The yardstick for offline replay: the same ledger rows (one credit per queued write) inserted in
 * one transaction on the same database — no HTTP, no idempotency record, no change feed, no balance.
 * The rows go to a wallet of their own (the ledger is append-only: they stay), numbered far above
 * any version the bench reaches.
 */
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { newId } from '../../src/shared/ids.js';

const COLUMNS = `id, reseller_id, customer_id, wallet_id, wallet_version, type, amount, balance_after, currency,
  status, description, reference, related_id, created_at`;

interface Owner {
  reseller_id: string;
  customer_id: string;
}

/** Seconds to insert `rows` credits of wallet `walletId` in one transaction (from version `from`). */
export async function anchorSeconds(
  db: { dialect: 'sqlite' | 'postgres'; file?: string; url: string; schema?: string },
  walletId: string,
  rows: number,
  from: number,
): Promise<number> {
  const now = new Date().toISOString();
  const row = (owner: Owner, n: number) => [
    newId('transaction'),
    owner.reseller_id,
    owner.customer_id,
    walletId,
    from + n,
    'credit',
    n,
    n,
    'USD',
    'completed',
    `Bench anchor #${n}`,
    null,
    null,
    now,
  ];
  if (db.dialect === 'sqlite') {
    const sqlite = new SqliteDatabase(db.file!);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    try {
      const owner = sqlite
        .prepare('select reseller_id, customer_id from wallets where id = ?')
        .get(walletId) as Owner;
      const insert = sqlite.prepare(
        `insert into ledger_entries (${COLUMNS}) values (${Array(14).fill('?').join(', ')})`,
      );
      const started = performance.now();
      sqlite.transaction(() => {
        for (let n = 1; n <= rows; n++) insert.run(row(owner, n));
      })();
      return (performance.now() - started) / 1000;
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: db.url, options: `-c search_path=${db.schema}` });
  await client.connect();
  try {
    const owner = (
      await client.query<Owner>('select reseller_id, customer_id from wallets where id = $1', [walletId])
    ).rows[0]!;
    const started = performance.now();
    await client.query('begin');
    // 1,000 rows a statement: 14,000 parameters, well under PostgreSQL's 65,535.
    for (let first = 1; first <= rows; first += 1000) {
      const values: unknown[] = [];
      const tuples: string[] = [];
      for (let n = first; n < Math.min(first + 1000, rows + 1); n++) {
        const base = values.length;
        tuples.push(`(${Array.from({ length: 14 }, (_, i) => `$${base + i + 1}`).join(', ')})`);
        values.push(...row(owner, n));
      }
      await client.query(`insert into ledger_entries (${COLUMNS}) values ${tuples.join(', ')}`, values);
    }
    await client.query('commit');
    return (performance.now() - started) / 1000;
  } finally {
    await client.end();
  }
}
