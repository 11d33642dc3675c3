import type BetterSqlite3 from 'better-sqlite3';
import type { Hold, Wallet } from '../../shared/api/wallets.js';
import { toHold, toWallet, type HoldRow, type WalletRow } from './cache-rows.js';
import { containing } from './customer-reads.js';

/** What narrows a wallet search: text in the customer's name, e-mail or reference, or a currency. */
export interface WalletSearch {
  query: string;
  /** Only wallets in this currency. */
  currency?: string | undefined;
  /** Only active wallets (money can be applied to them). */
  active?: boolean | undefined;
}

const WALLET_WITH_CUSTOMER = `select w.*, coalesce(c.name, '') as customer_name
  from wallets w left join customers c on c.id = w.customer_id`;

/**
 * Customers, then each one's wallets. A cross join keeps that nesting: left to choose, SQLite walks
 * the wallets and sorts them all by customer name, even for a page of eight.
 */
const CUSTOMERS_THEN_WALLETS = 'customers c cross join wallets w on w.customer_id = c.id';

/** A page (`limit ? offset ?`) of wallets by customer name, then currency, that meet `where`. */
export const walletPageSql = (where: string): string =>
  `select w.*, c.name as customer_name from ${CUSTOMERS_THEN_WALLETS} ${where}
   order by c.name collate nocase, c.id, w.currency limit ? offset ?`;

/** The wallet screens' reads: wallets with their customer's name, and a wallet's holds. */
export class WalletReads {
  constructor(private readonly db: BetterSqlite3.Database) {}

  wallets(customerId?: string): Array<Wallet & { customerName: string }> {
    const rows = this.db
      .prepare(
        `${WALLET_WITH_CUSTOMER} ${customerId ? 'where w.customer_id = ?' : ''} order by c.name, w.currency`,
      )
      .all(...(customerId ? [customerId] : [])) as WalletRow[];
    return rows.map(toWallet);
  }

  /**
   * A page of wallets by customer name, then currency, and how many match. A customer has one
   * wallet per currency, so with nothing to match the page is read in index order (customers_name,
   * then wallets_customer_currency) and steps over the rows before it without sorting anything.
   * Text matches the customer's name, e-mail or reference, or is the wallet's currency ("vnd").
   */
  search(
    { query, currency, active }: WalletSearch,
    offset: number,
    limit: number,
  ): { items: Array<Wallet & { customerName: string }>; total: number } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    const text = query.trim().toLowerCase();
    if (text !== '') {
      clauses.push(`(c.search_text like ? escape '\\' or w.currency = ?)`);
      params.push(containing(text), text.toUpperCase());
    }
    if (currency !== undefined) {
      clauses.push('w.currency = ?');
      params.push(currency);
    }
    if (active) clauses.push(`w.status = 'active'`);
    const where = clauses.length > 0 ? `where ${clauses.join(' and ')}` : '';
    const rows = this.db.prepare(walletPageSql(where)).all(...params, limit, offset) as WalletRow[];
    // Every cached wallet's customer is cached (the feed creates a customer before its wallets), so
    // with no condition the count is the table's, read from its smallest index.
    const total = this.db
      .prepare(
        where === ''
          ? 'select count(*) from wallets'
          : `select count(*) from ${CUSTOMERS_THEN_WALLETS} ${where}`,
      )
      .pluck()
      .get(...params) as number;
    return { items: rows.map(toWallet), total };
  }

  /** These wallets (those cached), for screens that name the wallets of the records they show. */
  walletsWithIds(ids: readonly string[]): Array<Wallet & { customerName: string }> {
    const rows = this.db
      .prepare(
        `${WALLET_WITH_CUSTOMER} where w.id in (select value from json_each(?)) order by c.name, w.currency`,
      )
      .all(JSON.stringify(ids)) as WalletRow[];
    return rows.map(toWallet);
  }

  /** The currencies the cached wallets are in, each once. */
  currencies(): string[] {
    return this.db
      .prepare('select distinct currency from wallets order by currency')
      .pluck()
      .all() as string[];
  }

  wallet(id: string): (Wallet & { customerName: string }) | null {
    const row = this.db.prepare(`${WALLET_WITH_CUSTOMER} where w.id = ?`).get(id) as WalletRow | undefined;
    return row ? toWallet(row) : null;
  }

  holds(walletId: string): Hold[] {
    return (
      this.db
        .prepare('select * from holds where wallet_id = ? order by created_at desc')
        .all(walletId) as HoldRow[]
    ).map(toHold);
  }
}
