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

/** Where the page before ended: its last wallet's place in the order. */
export interface WalletsAfter {
  customerName: string;
  customerId: string;
  currency: string;
}

const WALLET_WITH_CUSTOMER = `select w.*, coalesce(c.name, '') as customer_name
  from wallets w left join customers c on c.id = w.customer_id`;

/**
 * Customers, then each one's wallets. A cross join keeps that nesting: left to choose, SQLite walks
 * the wallets and sorts them all by customer name, even for a page of eight.
 */
const CUSTOMERS_THEN_WALLETS = 'customers c cross join wallets w on w.customer_id = c.id';

/** A page (`limit ?`) of wallets by customer name, then currency, that meet `where`. */
export const walletPageSql = (where: string): string =>
  `select w.*, c.name as customer_name from ${CUSTOMERS_THEN_WALLETS} ${where}
   order by c.name collate nocase, c.id, w.currency limit ?`;

/**
 * Past a wallet (`AFTER_WALLET` with its customer's name and id twice, then its currency): its
 * customer and those after it, a range SQLite seeks in customers_name, less that customer's
 * wallets up to its currency.
 */
export const AFTER_WALLET = '(c.name, c.id) >= (? collate nocase, ?) and (c.id <> ? or w.currency > ?)';

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
   * A page of wallets by customer name, then currency, past `after` (the last one the page before
   * showed), and how many match in all. A customer has one wallet per currency, so the page is
   * read in index order (customers_name, then wallets_customer_currency) from where it starts,
   * sorting nothing and stepping over nothing. Text matches the customer's name, e-mail or
   * reference, or is the wallet's currency ("vnd"); a search tests each customer from there on.
   */
  search(
    { query, currency, active }: WalletSearch,
    after: WalletsAfter | undefined,
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
    const whereOf = (all: string[]) => (all.length > 0 ? `where ${all.join(' and ')}` : '');
    const where = whereOf(clauses);
    const past = after ? [after.customerName, after.customerId, after.customerId, after.currency] : [];
    const rows = this.db
      .prepare(walletPageSql(whereOf(after ? [...clauses, AFTER_WALLET] : clauses)))
      .all(...params, ...past, limit) as WalletRow[];
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

  /** The wallets of these customers, by the customer index (the Customers list's balances). */
  walletsOfCustomers(customerIds: readonly string[]): Array<Wallet & { customerName: string }> {
    const rows = this.db
      .prepare(
        `${WALLET_WITH_CUSTOMER} where w.customer_id in (select value from json_each(?)) order by c.name, w.currency`,
      )
      .all(JSON.stringify(customerIds)) as WalletRow[];
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
