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

/**
 * How one filter's rows are numbered: 1…last, dense, oldest first, in feed order (`ordinal` within
 * the wallet, `type_ordinal` within the wallet and type), so the row `offset` places from the newest
 * is key last − offset and a page is one index seek at any depth.
 */
interface NumberedRows {
  last(): number;
  createdAt(key: number): string | undefined;
  /** Rows keyed lo…hi, newest first, at most `limit`. */
  between(lo: number, hi: number, limit: number): TransactionRow[];
}

/** The ledger screens' reads: a wallet's history (pages, export, daily balance) and recent activity. */
export class HistoryReads {
  private readonly lastOrdinal: BetterSqlite3.Statement<[string], number | null>;
  private readonly historyBetween: BetterSqlite3.Statement<[string, number, number, number], TransactionRow>;
  private readonly createdAt: BetterSqlite3.Statement<[string, number], string>;
  private readonly lastTypeOrdinal: BetterSqlite3.Statement<[string, string], number | null>;
  private readonly typeBetween: BetterSqlite3.Statement<
    [string, string, number, number, number],
    TransactionRow
  >;
  private readonly typeCreatedAt: BetterSqlite3.Statement<[string, string, number], string>;
  private readonly typeSpent: BetterSqlite3.Statement<[string, string, number, number], number | null>;

  constructor(private readonly db: BetterSqlite3.Database) {
    this.lastOrdinal = db.prepare<[string], number | null>(
      'select max(ordinal) from transactions where wallet_id = ?',
    );
    this.lastOrdinal.pluck();
    this.historyBetween = db.prepare<[string, number, number, number], TransactionRow>(
      `select * from transactions where wallet_id = ? and ordinal >= ? and ordinal <= ?
       order by ordinal desc limit ?`,
    );
    this.createdAt = db.prepare<[string, number], string>(
      'select created_at from transactions where wallet_id = ? and ordinal = ?',
    );
    this.createdAt.pluck();
    this.lastTypeOrdinal = db.prepare<[string, string], number | null>(
      'select max(type_ordinal) from transactions where wallet_id = ? and type = ?',
    );
    this.lastTypeOrdinal.pluck();
    this.typeBetween = db.prepare<[string, string, number, number, number], TransactionRow>(
      `select * from transactions where wallet_id = ? and type = ? and type_ordinal >= ? and type_ordinal <= ?
       order by type_ordinal desc limit ?`,
    );
    this.typeCreatedAt = db.prepare<[string, string, number], string>(
      'select created_at from transactions where wallet_id = ? and type = ? and type_ordinal = ?',
    );
    this.typeCreatedAt.pluck();
    this.typeSpent = db.prepare<[string, string, number, number], number | null>(
      'select sum(-amount) from transactions where wallet_id = ? and type = ? and type_ordinal between ? and ?',
    );
    this.typeSpent.pluck();
  }

  /**
   * A page of a wallet's history under any filter (type, dates, both, neither), as fast at any depth
   * as on its first page: the filter is a range of keys (see NumberedRows), the page one index seek
   * inside it and the total a subtraction — no OFFSET stepping, no count(*).
   */
  history(
    filter: HistoryFilter,
    page: { offset: number; limit: number },
  ): { items: WalletTransaction[]; total: number | null } {
    const rows = this.numbered(filter);
    const range = this.keyRange(rows, filter);
    const top = range.hi - page.offset;
    const items = top < range.lo ? [] : rows.between(range.lo, top, page.limit);
    const total = Math.max(0, range.hi - range.lo + 1);
    return { items: items.map(toTransaction), total: page.offset === 0 ? total : null };
  }

  /**
   * Every matching row, newest first, in pages of `size` (for CSV export). The range is fixed when
   * this is called: rows the sync writes meanwhile are newer and not in it, so a long export between
   * other work reads each row once. `total` is known before the first page (for progress).
   */
  pages(filter: HistoryFilter, size: number): { total: number; pages: Generator<WalletTransaction[]> } {
    const rows = this.numbered(filter);
    const { lo, hi } = this.keyRange(rows, filter);
    function* pages(): Generator<WalletTransaction[]> {
      for (let top = hi; top >= lo; top -= size) yield rows.between(lo, top, size).map(toTransaction);
    }
    return { total: Math.max(0, hi - lo + 1), pages: pages() };
  }

  /** Every matching row, newest first, one at a time. */
  *iterateHistory(filter: HistoryFilter): Generator<WalletTransaction> {
    for (const page of this.pages(filter, 1000).pages) yield* page;
  }

  private numbered(filter: HistoryFilter): NumberedRows {
    const { walletId, type } = filter;
    if (type === undefined) {
      return {
        last: () => this.lastOrdinal.get(walletId) ?? 0,
        createdAt: (key) => this.createdAt.get(walletId, key),
        between: (lo, hi, limit) => this.historyBetween.all(walletId, lo, hi, limit),
      };
    }
    return {
      last: () => this.lastTypeOrdinal.get(walletId, type) ?? 0,
      createdAt: (key) => this.typeCreatedAt.get(walletId, type, key),
      between: (lo, hi, limit) => this.typeBetween.all(walletId, type, lo, hi, limit),
    };
  }

  /**
   * The keys a filter's dates cover. Rows are numbered in feed order, which is the order they were
   * created in (balanceHistory relies on the same), so each end of the range is a binary search of a
   * few dozen index seeks instead of a scan of every row in it.
   */
  private keyRange(rows: NumberedRows, filter: HistoryFilter): { lo: number; hi: number } {
    const count = rows.last();
    const { start, end } = dayBounds(filter);
    return {
      lo: start === undefined ? 1 : lastBefore(rows, start, count) + 1,
      hi: end === undefined ? count : lastBefore(rows, end, count),
    };
  }

  /**
   * Σ −amount of the wallet's rows of `type` created after `after` and up to `upTo` (the runway's
   * spending of the last 30 days): the window is a range of keys (two searches, as for a date
   * filter), summed from the index, so only the window's rows are read however long the history.
   */
  spentBetween(walletId: string, type: WalletTransaction['type'], after: string, upTo: string): number {
    const rows = this.numbered({ walletId, type });
    const count = rows.last();
    // Times are whole milliseconds: "at or before t" is "before t + 1 ms".
    const lo = lastBefore(rows, nextMillisecond(after), count) + 1;
    const hi = lastBefore(rows, nextMillisecond(upTo), count);
    return hi < lo ? 0 : (this.typeSpent.get(walletId, type, lo, hi) ?? 0);
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
    const rows = this.numbered({ walletId });
    const count = rows.last();
    const balanceAfter = this.db
      .prepare<[string, number], number>(
        'select balance_after from transactions where wallet_id = ? and ordinal = ?',
      )
      .pluck();
    // A few dozen index seeks, whatever the wallet's size: the chart never scans a million rows.
    return dates.map((date) => {
      const end = new Date(Date.parse(`${date}T00:00:00.000Z`) + 86_400_000).toISOString();
      const ordinal = lastBefore(rows, end, count);
      return { date, balance: ordinal > 0 ? balanceAfter.get(walletId, ordinal)! : 0 };
    });
  }
}

const nextMillisecond = (iso: string) => new Date(Date.parse(iso) + 1).toISOString();

/** A filter's dates as the instants they begin and end (the `to` day included). */
function dayBounds(filter: HistoryFilter): { start?: string; end?: string } {
  return {
    ...(filter.from ? { start: `${filter.from}T00:00:00.000Z` } : {}),
    ...(filter.to
      ? { end: new Date(Date.parse(`${filter.to}T00:00:00.000Z`) + 86_400_000).toISOString() }
      : {}),
  };
}

/**
 * The last key (0 if none) of a row created before `end`, over keys 1…count in time order. Each probe
 * is an index seek: every other one guesses where `end` falls from the times of the keys that bound
 * the search (ledger rows come at a fairly even pace, so a million rows take about a dozen probes
 * rather than twenty); the others halve the range, so an uneven ledger costs at most twice the
 * bisection's probes.
 */
function lastBefore(rows: NumberedRows, end: string, count: number): number {
  const target = Date.parse(end);
  // Keys ≤ low are before `end` (0: none known); keys ≥ above are not (count + 1: none known).
  let low = 0;
  let above = count + 1;
  let lowTime = Number.NaN;
  let aboveTime = Number.NaN;
  for (let probe = 0; above - low > 1; probe++) {
    let key = Math.floor((low + above) / 2);
    if (probe % 2 === 0 && aboveTime > lowTime) {
      const guess = low + Math.round(((target - lowTime) / (aboveTime - lowTime)) * (above - low));
      key = Math.min(above - 1, Math.max(low + 1, guess));
    }
    const createdAt = rows.createdAt(key) ?? '';
    if (createdAt < end) {
      low = key;
      lowTime = Date.parse(createdAt);
    } else {
      above = key;
      aboveTime = Date.parse(createdAt);
    }
  }
  return low;
}
