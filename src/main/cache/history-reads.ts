import type BetterSqlite3 from 'better-sqlite3';
import type { WalletTransaction } from '../../shared/api/wallets.js';
import { toTransaction, type TransactionRow } from './cache-rows.js';

export interface HistoryFilter {
  walletId: string;
  type?: WalletTransaction['type'] | undefined;
  /** Inclusive UTC dates, YYYY-MM-DD. */
  from?: string | undefined;
  to?: string | undefined;
}

/** The ledger screens' reads: a wallet's history (pages, export, daily balance) and recent activity. */
export class HistoryReads {
  private readonly lastOrdinal: BetterSqlite3.Statement<[string], number | null>;
  private readonly historyFrom: BetterSqlite3.Statement<[string, number, number], TransactionRow>;
  private readonly historyBetween: BetterSqlite3.Statement<[string, number, number, number], TransactionRow>;
  private readonly createdAt: BetterSqlite3.Statement<[string, number], string>;

  constructor(private readonly db: BetterSqlite3.Database) {
    this.lastOrdinal = db.prepare<[string], number | null>(
      'select max(ordinal) from transactions where wallet_id = ?',
    );
    this.lastOrdinal.pluck();
    this.historyFrom = db.prepare<[string, number, number], TransactionRow>(
      'select * from transactions where wallet_id = ? and ordinal <= ? order by ordinal desc limit ?',
    );
    this.historyBetween = db.prepare<[string, number, number, number], TransactionRow>(
      `select * from transactions where wallet_id = ? and ordinal >= ? and ordinal <= ?
       order by ordinal desc limit ?`,
    );
    this.createdAt = db.prepare<[string, number], string>(
      'select created_at from transactions where wallet_id = ? and ordinal = ?',
    );
    this.createdAt.pluck();
  }

  history(
    filter: HistoryFilter,
    page: { offset: number; limit: number },
  ): { items: WalletTransaction[]; total: number | null } {
    if (!filter.type && !filter.from && !filter.to) return this.walletHistory(filter.walletId, page);
    const range = this.ordinalRange(filter);
    if (!filter.type) {
      // Dates only: the range of ordinals is the answer, a page one index seek and the total a subtraction.
      const top = range.hi - page.offset;
      const items = top < range.lo ? [] : this.historyBetween.all(filter.walletId, range.lo, top, page.limit);
      const total = Math.max(0, range.hi - range.lo + 1);
      return { items: items.map(toTransaction), total: page.offset === 0 ? total : null };
    }
    const { where, params } = historyWhere(filter);
    const items = (
      this.db
        .prepare(`select * from transactions where ${where} order by ordinal desc limit ? offset ?`)
        .all(...params, page.limit, page.offset) as TransactionRow[]
    ).map(toTransaction);
    const total =
      page.offset === 0
        ? (
            this.db.prepare(`select count(*) as n from transactions where ${where}`).get(...params) as {
              n: number;
            }
          ).n
        : null;
    return { items, total };
  }

  /**
   * The ordinals a date filter covers. A wallet's rows are numbered in feed order, which is the
   * order they were created in (balanceHistory relies on the same), so each end of the range is a
   * binary search of a few dozen index seeks instead of a scan of every row in it.
   */
  private ordinalRange(filter: HistoryFilter): { lo: number; hi: number } {
    const count = this.lastOrdinal.get(filter.walletId) ?? 0;
    const { start, end } = dayBounds(filter);
    return {
      lo: start === undefined ? 1 : this.lastBefore(filter.walletId, start, count) + 1,
      hi: end === undefined ? count : this.lastBefore(filter.walletId, end, count),
    };
  }

  /** The wallet's last ordinal created before `end` (0 if none), by binary search over its ordinals. */
  private lastBefore(walletId: string, end: string, count: number): number {
    let low = 0;
    let high = count;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if ((this.createdAt.get(walletId, mid) ?? '') < end) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /**
   * A wallet's whole history, newest first, as fast at any depth as on its first page. Its rows are
   * numbered 1…n in feed order (ordinal), so the row `offset` places from the newest is ordinal
   * n − offset: a page is one index seek rather than stepping over `offset` rows (tens of ms deep in
   * a 500,000-row wallet), and the total is max(ordinal) rather than a count(*) of every row.
   */
  private walletHistory(
    walletId: string,
    page: { offset: number; limit: number },
  ): { items: WalletTransaction[]; total: number | null } {
    const total = this.lastOrdinal.get(walletId) ?? 0;
    const items = this.historyFrom.all(walletId, total - page.offset, page.limit).map(toTransaction);
    return { items, total: page.offset === 0 ? total : null };
  }

  /** Every matching row, newest first, one at a time (for CSV export). */
  *iterateHistory(filter: HistoryFilter): Generator<WalletTransaction> {
    const { where, params } = historyWhere(filter);
    for (const row of this.db
      .prepare(`select * from transactions where ${where} order by ordinal desc`)
      .iterate(...params)) {
      yield toTransaction(row as TransactionRow);
    }
  }

  recentActivity(limit: number): WalletTransaction[] {
    return (
      this.db.prepare('select * from transactions order by seq desc limit ?').all(limit) as TransactionRow[]
    ).map(toTransaction);
  }

  /**
   * The wallet's closing balance on each of the last `days` UTC days, read from the server-confirmed
   * `balanceAfter` of the day's last row (never recomputed here), carried forward over quiet days.
   */
  balanceHistory(walletId: string, days: number, today: Date): Array<{ date: string; balance: number }> {
    const dates: string[] = [];
    for (let i = days - 1; i >= 0; i--)
      dates.push(new Date(today.getTime() - i * 86_400_000).toISOString().slice(0, 10));
    const count = this.lastOrdinal.get(walletId) ?? 0;
    const at = this.db.prepare(
      'select created_at, balance_after from transactions where wallet_id = ? and ordinal = ?',
    );
    const row = (ordinal: number) =>
      at.get(walletId, ordinal) as { created_at: string; balance_after: number };
    /** The last row created before `end`, found by binary search over the wallet's ordinals (rows are in time order). */
    const lastBefore = (end: string): number => {
      let low = 0;
      let high = count;
      while (low < high) {
        const mid = Math.ceil((low + high) / 2);
        if (row(mid).created_at < end) low = mid;
        else high = mid - 1;
      }
      return low;
    };
    // A few dozen index seeks, whatever the wallet's size: the chart never scans a million rows.
    return dates.map((date) => {
      const end = new Date(Date.parse(`${date}T00:00:00.000Z`) + 86_400_000).toISOString();
      const ordinal = lastBefore(end);
      return { date, balance: ordinal > 0 ? row(ordinal).balance_after : 0 };
    });
  }
}

/** A filter's dates as the instants they begin and end (the `to` day included). */
function dayBounds(filter: HistoryFilter): { start?: string; end?: string } {
  return {
    ...(filter.from ? { start: `${filter.from}T00:00:00.000Z` } : {}),
    ...(filter.to
      ? { end: new Date(Date.parse(`${filter.to}T00:00:00.000Z`) + 86_400_000).toISOString() }
      : {}),
  };
}

function historyWhere(filter: HistoryFilter): { where: string; params: unknown[] } {
  const clauses = ['wallet_id = ?'];
  const params: unknown[] = [filter.walletId];
  if (filter.type) {
    clauses.push('type = ?');
    params.push(filter.type);
  }
  if (filter.from) {
    clauses.push('created_at >= ?');
    params.push(`${filter.from}T00:00:00.000Z`);
  }
  if (filter.to) {
    clauses.push('created_at < ?');
    params.push(new Date(Date.parse(`${filter.to}T00:00:00.000Z`) + 86_400_000).toISOString());
  }
  return { where: clauses.join(' and '), params };
}
