/**
 * The yardstick for the HTTP debits: the least a durable debit can cost on the same database — one
 * conditional UPDATE that refuses an overdraft plus the ledger row, committed on its own, with no
 * HTTP, no framework, no idempotency record and no change feed.
 */
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { newId } from '../../src/shared/ids.js';

const DESCRIPTION = 'Bench anchor debit';

export interface Anchor {
  /** Debits committed so far: ledger rows the database must hold at the end. */
  readonly committed: number;
  /** Debits the condition refused (there should be none: the wallets hold plenty). */
  readonly refused: number;
  close(): Promise<void>;
}

interface WalletAfter {
  reseller_id: string;
  customer_id: string;
  currency: string;
  balance: number;
  version: number;
}

/**
 * better-sqlite3 with the server's durability (WAL, synchronous=FULL): prepared statements, each
 * debit in its own transaction, one after another — SQLite has a single writer anyway.
 */
export class SqliteAnchor implements Anchor {
  committed = 0;
  refused = 0;
  private readonly db: SqliteDatabase.Database;
  private readonly transaction: (walletId: string, amount: number) => boolean;

  constructor(file: string) {
    const db = new SqliteDatabase(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const move = db.prepare<[number, string, string, number], WalletAfter>(
      `UPDATE wallets SET balance = balance - ?, version = version + 1, updated_at = ?
       WHERE id = ? AND status = 'active' AND balance - pending_charges >= ?
       RETURNING reseller_id, customer_id, currency, balance, version`,
    );
    const insert = db.prepare(
      `INSERT INTO ledger_entries (id, reseller_id, customer_id, wallet_id, wallet_version, type, amount,
         balance_after, currency, status, description, reference, related_id, created_at)
       VALUES (?, ?, ?, ?, ?, 'payment', ?, ?, ?, 'completed', ?, NULL, NULL, ?)`,
    );
    this.db = db;
    this.transaction = db.transaction((walletId: string, amount: number): boolean => {
      const now = new Date().toISOString();
      const w = move.get(amount, now, walletId, amount);
      if (!w) return false;
      const { reseller_id, customer_id, version, balance, currency } = w;
      insert.run(
        newId('transaction'),
        reseller_id,
        customer_id,
        walletId,
        version,
        -amount,
        balance,
        currency,
        DESCRIPTION,
        now,
      );
      return true;
    });
  }

  debit(walletId: string): boolean {
    const ok = this.transaction(walletId, 1);
    if (ok) this.committed++;
    else this.refused++;
    return ok;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/**
 * One statement per debit (the UPDATE feeds the INSERT), in autocommit, prepared once per connection,
 * over a pg Pool with as many connections as the HTTP load has requests in flight.
 */
export class PostgresAnchor implements Anchor {
  committed = 0;
  refused = 0;
  private readonly pool: pg.Pool;

  constructor(url: string, schema: string, connections: number) {
    this.pool = new pg.Pool({ connectionString: url, max: connections, options: `-c search_path=${schema}` });
  }

  async debit(walletId: string): Promise<boolean> {
    const result = await this.pool.query({
      name: 'bench_anchor_debit',
      text: `WITH w AS (
          UPDATE wallets SET balance = balance - $1, version = version + 1, updated_at = $2
          WHERE id = $3 AND status = 'active' AND balance - pending_charges >= $1
          RETURNING id, reseller_id, customer_id, currency, balance, version)
        INSERT INTO ledger_entries (id, reseller_id, customer_id, wallet_id, wallet_version, type, amount,
          balance_after, currency, status, description, reference, related_id, created_at)
        SELECT $4, reseller_id, customer_id, id, version, 'payment', -$1::bigint, balance, currency,
          'completed', $5, NULL, NULL, $2
        FROM w`,
      values: [1, new Date().toISOString(), walletId, newId('transaction'), DESCRIPTION],
    });
    const ok = result.rowCount === 1;
    if (ok) this.committed++;
    else this.refused++;
    return ok;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/**
 * The anchor for the hot-wallet row: what a debit costs written the classic way, one
 * transaction per debit that reads the wallet `SELECT … FOR UPDATE`, decides in the application,
 * then UPDATEs it and INSERTs the ledger row (BEGIN, SELECT, UPDATE, INSERT, COMMIT: five round trips
 * with the row lock held across four of them). Batching a hot wallet's debits is measured against it.
 */
export class PostgresForUpdateAnchor implements Anchor {
  committed = 0;
  refused = 0;
  private readonly pool: pg.Pool;

  constructor(url: string, schema: string, connections: number) {
    this.pool = new pg.Pool({ connectionString: url, max: connections, options: `-c search_path=${schema}` });
  }

  async debit(walletId: string): Promise<boolean> {
    const amount = 1;
    const client = await this.pool.connect();
    let ok: boolean;
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<WalletAfter & { pending_charges: number; status: string }>({
        name: 'bench_for_update_read',
        text: `SELECT reseller_id, customer_id, currency, balance, version,
                 pending_charges, status FROM wallets WHERE id = $1 FOR UPDATE`,
        values: [walletId],
      });
      const w = rows[0];
      ok = !!w && w.status === 'active' && Number(w.balance) - Number(w.pending_charges) >= amount;
      if (w && ok) {
        const now = new Date().toISOString();
        const balance = Number(w.balance) - amount;
        const version = Number(w.version) + 1;
        await client.query({
          name: 'bench_for_update_move',
          text: 'UPDATE wallets SET balance = $1, version = $2, updated_at = $3 WHERE id = $4',
          values: [balance, version, now, walletId],
        });
        await client.query({
          name: 'bench_for_update_entry',
          text: `INSERT INTO ledger_entries (id, reseller_id, customer_id, wallet_id, wallet_version, type,
                   amount, balance_after, currency, status, description, reference, related_id, created_at)
                 VALUES ($1, $2, $3, $4, $5, 'payment', $6, $7, $8, 'completed', $9, NULL, NULL, $10)`,
          values: [
            newId('transaction'),
            w.reseller_id,
            w.customer_id,
            walletId,
            version,
            -amount,
            balance,
            w.currency,
            DESCRIPTION,
            now,
          ],
        });
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
    if (ok) this.committed++;
    else this.refused++;
    return ok;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
