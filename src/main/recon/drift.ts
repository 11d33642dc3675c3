import type BetterSqlite3 from 'better-sqlite3';
import type { WalletTransaction } from '../../shared/api/wallets.js';

/** A cached ledger row whose balance after is not the previous row's plus its amount. */
export interface DriftRow {
  id: string;
  ordinal: number;
  amount: number;
  balanceAfter: number;
  /** What the chain says it should be: the previous row's balance after plus this row's amount. */
  expectedBalanceAfter: number;
}

/** One wallet's cached ledger against the server's balance; amounts in minor units. */
export interface WalletDrift {
  walletId: string;
  currency: string;
  serverBalance: number;
  cachedBalance: number | null;
  rowCount: number;
  sum: number;
  lastBalanceAfter: number | null;
  /** Σ rows, the last row's balance after, or the cached wallet differs from the server, or a row breaks the chain. */
  drifted: boolean;
  rows: DriftRow[];
}

interface CachedRow {
  id: string;
  ordinal: number;
  amount: number;
  balance_after: number;
}

/**
 * Compares what the cache holds of one wallet's ledger — Σ of its rows, the last row's balance
 * after, and the wallet row itself — with the balance the server states, and names the rows whose
 * chain breaks (a row whose balance after is not the previous one's plus its amount): those are the
 * rows a corruption or a lost page touched. The server is the authority (ARCHITECTURE.md): the
 * cache is what may be wrong.
 */
export function walletDrift(
  db: BetterSqlite3.Database,
  walletId: string,
  serverBalance: number,
): WalletDrift {
  const wallet = db.prepare('select currency, balance from wallets where id = ?').get(walletId) as
    { currency: string; balance: number } | undefined;
  const rows = db
    .prepare(
      'select id, ordinal, amount, balance_after from transactions where wallet_id = ? order by ordinal',
    )
    .all(walletId) as CachedRow[];
  let sum = 0;
  let previous = 0;
  const broken: DriftRow[] = [];
  for (const row of rows) {
    sum += row.amount;
    const expected = previous + row.amount;
    if (row.balance_after !== expected) {
      broken.push({
        id: row.id,
        ordinal: row.ordinal,
        amount: row.amount,
        balanceAfter: row.balance_after,
        expectedBalanceAfter: expected,
      });
    }
    previous = row.balance_after;
  }
  const last = rows.at(-1)?.balance_after ?? null;
  // The console words each difference itself (DriftSection), with the amounts in the currency.
  const drifted =
    sum !== serverBalance ||
    (last ?? 0) !== serverBalance ||
    (wallet !== undefined && wallet.balance !== serverBalance) ||
    broken.length > 0;
  return {
    walletId,
    currency: wallet?.currency ?? '',
    serverBalance,
    cachedBalance: wallet?.balance ?? null,
    rowCount: rows.length,
    sum,
    lastBalanceAfter: last,
    drifted,
    rows: broken,
  };
}

/**
 * Re-syncs one wallet's cached rows from the server's own list of them: rows the cache has are
 * rewritten as the server states them, rows the server does not have are removed, and the wallet
 * row takes the server's balance. Rows the cache lacks cannot be slotted into the feed's order from
 * here: the answer says so (`complete: false`), and the caller rebuilds the cache from the feed.
 */
export function resyncWallet(
  db: BetterSqlite3.Database,
  walletId: string,
  server: { balance: number; transactions: WalletTransaction[] },
): { rewritten: number; removed: number; complete: boolean } {
  const byId = new Map(server.transactions.map((t) => [t.id, t]));
  return db.transaction(() => {
    const cached = db.prepare('select id from transactions where wallet_id = ?').all(walletId) as Array<{
      id: string;
    }>;
    const update = db.prepare(
      `update transactions set type = ?, amount = ?, balance_after = ?, currency = ?, status = ?, description = ?,
         reference = ?, related_id = ?, created_at = ?, wording = ? where id = ?`,
    );
    const remove = db.prepare('delete from transactions where id = ?');
    let rewritten = 0;
    let removed = 0;
    for (const { id } of cached) {
      const t = byId.get(id);
      if (!t) {
        remove.run(id);
        removed++;
        continue;
      }
      const r = update.run(
        t.type,
        t.amount,
        t.balanceAfter,
        t.currency,
        t.status,
        t.description,
        t.reference,
        t.relatedId,
        t.createdAt,
        t.wording ? JSON.stringify(t.wording) : null,
        id,
      );
      rewritten += r.changes;
      byId.delete(id);
    }
    db.prepare('update wallets set balance = ? where id = ?').run(server.balance, walletId);
    return { rewritten, removed, complete: byId.size === 0 };
  })();
}
