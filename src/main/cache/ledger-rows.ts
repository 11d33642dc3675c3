import BetterSqlite3 from 'better-sqlite3';
import type { TransactionTuple } from '../sync/feed-page.js';

/** The meta key of the lease under which the feed worker writes ledger rows (feed-protocol.ts). */
export const LEDGER_LEASE = 'ledger_lease';

/**
 * Writes the feed's ledger rows into the cache, numbering each within its wallet (ordinal) and within
 * its wallet and type (type_ordinal) as it goes. The caller holds the transaction. Used by the feed
 * writer on the main thread and by the feed worker, which writes an initial sync's ledger rows itself
 * (feed-worker.ts): only one of them writes ledger rows at a time, so the numbering never races.
 */
export class LedgerRows {
  private readonly insertRow: BetterSqlite3.Statement;
  private readonly lastOrdinal: BetterSqlite3.Statement<[string], number | null>;
  private readonly lastTypeOrdinal: BetterSqlite3.Statement<[string, string], number | null>;

  constructor(db: BetterSqlite3.Database) {
    // A ledger row never changes once written: one sent again is ignored (and takes no ordinal).
    this.insertRow = db.prepare(
      `insert or ignore into transactions (seq, id, wallet_id, ordinal, customer_id, type, amount, balance_after,
         currency, status, description, reference, related_id, test, created_at, wording, type_ordinal)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.lastOrdinal = db.prepare<[string], number | null>(
      'select max(ordinal) from transactions where wallet_id = ?',
    );
    this.lastOrdinal.pluck();
    this.lastTypeOrdinal = db.prepare<[string, string], number | null>(
      'select max(type_ordinal) from transactions where wallet_id = ? and type = ?',
    );
    this.lastTypeOrdinal.pluck();
  }

  /** Inserts the rows, in feed order; returns how many were not in the cache yet. */
  insert(rows: readonly TransactionTuple[]): number {
    // Each wallet's newest ordinal, and each wallet and type's: read once per call, then counted on.
    const ordinals = new Map<string, number>();
    const typeOrdinals = new Map<string, number>();
    let inserted = 0;
    for (const t of rows) {
      const [seq, id, walletId, customerId, ...rest] = t;
      const type = rest[0];
      const typeKey = `${walletId}\u0000${type}`;
      const ordinal = (ordinals.get(walletId) ?? this.lastOrdinal.get(walletId) ?? 0) + 1;
      const typeOrdinal = (typeOrdinals.get(typeKey) ?? this.lastTypeOrdinal.get(walletId, type) ?? 0) + 1;
      const { changes } = this.insertRow.run(seq, id, walletId, ordinal, customerId, ...rest, typeOrdinal);
      if (changes > 0) {
        ordinals.set(walletId, ordinal);
        typeOrdinals.set(typeKey, typeOrdinal);
        inserted++;
      }
    }
    return inserted;
  }
}

/** A connection of its own to the cache that writes ledger rows under a lease (the feed worker's). */
export interface LedgerWriter {
  file: string;
  /** Writes the rows in one transaction if `lease` is still the cache's; false (nothing written) if not. */
  write(lease: string, rows: readonly TransactionTuple[]): boolean;
  close(): void;
}

export function openLedgerWriter(file: string): LedgerWriter {
  const db = new BetterSqlite3(file);
  // As the core's own connection (open-database.ts). Either waits for the other's writes.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const ledgerRows = new LedgerRows(db);
  const currentLease = db.prepare<[string], string | undefined>('select value from meta where key = ?');
  currentLease.pluck();
  const write = db.transaction((lease: string, rows: readonly TransactionTuple[]) => {
    if (currentLease.get(LEDGER_LEASE) !== lease) return false;
    ledgerRows.insert(rows);
    return true;
  });
  return {
    file,
    // Takes the write lock before reading the lease: no one can end it between the check and the rows.
    write: (lease, rows) => write.immediate(lease, rows),
    close: () => db.close(),
  };
}
