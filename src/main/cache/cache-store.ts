import type BetterSqlite3 from 'better-sqlite3';
import type { Change } from '../../shared/api/sync.js';
import type { Customer } from '../../shared/api/customers.js';
import type { Hold, Wallet, WalletTransaction } from '../../shared/api/wallets.js';
import type { CacheTable } from '../../shared/ipc-contract.js';
import type { Currency } from '../../shared/money.js';

export interface HistoryFilter {
  walletId: string;
  type?: WalletTransaction['type'] | undefined;
  /** Inclusive UTC dates, YYYY-MM-DD. */
  from?: string | undefined;
  to?: string | undefined;
}

const ENTITY_TABLE: Record<Change['entity'], CacheTable> = {
  customer: 'customers',
  wallet: 'wallets',
  transaction: 'transactions',
  hold: 'holds',
};

/** The local cache: applies the server's change feed and answers the renderer's reads. */
export class CacheStore {
  private readonly upsert: Record<Change['entity'], BetterSqlite3.Statement>;
  private readonly applyPageTx: (changes: Change[], cursor: number) => Set<CacheTable>;

  constructor(readonly db: BetterSqlite3.Database) {
    this.upsert = {
      customer: db.prepare(
        `insert into customers (id, name, email, external_ref, search_text, created_at, updated_at)
         values (@id, @name, @email, @externalRef, @searchText, @createdAt, @updatedAt)
         on conflict (id) do update set name = excluded.name, email = excluded.email,
           external_ref = excluded.external_ref, search_text = excluded.search_text, updated_at = excluded.updated_at`,
      ),
      wallet: db.prepare(
        `insert into wallets (id, customer_id, currency, status, balance, pending_charges, created_at, updated_at)
         values (@id, @customerId, @currency, @status, @balance, @pendingCharges, @createdAt, @updatedAt)
         on conflict (id) do update set status = excluded.status, balance = excluded.balance,
           pending_charges = excluded.pending_charges, updated_at = excluded.updated_at`,
      ),
      transaction: db.prepare(
        `insert or ignore into transactions (id, seq, wallet_id, customer_id, type, amount, balance_after, currency,
           status, description, reference, related_id, created_at)
         values (@id, @seq, @walletId, @customerId, @type, @amount, @balanceAfter, @currency,
           @status, @description, @reference, @relatedId, @createdAt)`,
      ),
      hold: db.prepare(
        `insert into holds (id, wallet_id, customer_id, amount, captured_amount, currency, status, description,
           transaction_id, created_at, updated_at)
         values (@id, @walletId, @customerId, @amount, @capturedAmount, @currency, @status, @description,
           @transactionId, @createdAt, @updatedAt)
         on conflict (id) do update set captured_amount = excluded.captured_amount, status = excluded.status,
           transaction_id = excluded.transaction_id, updated_at = excluded.updated_at`,
      ),
    };
    const setCursor = db.prepare(
      `insert into meta (key, value) values ('cursor', ?) on conflict (key) do update set value = excluded.value`,
    );
    this.applyPageTx = db.transaction((changes: Change[], cursor: number) => {
      const touched = new Set<CacheTable>();
      for (const change of changes) {
        const data = change.data as Record<string, unknown>;
        const row =
          change.entity === 'customer'
            ? { externalRef: null, ...data, searchText: searchText(data) }
            : change.entity === 'transaction'
              ? { reference: null, relatedId: null, ...data, seq: change.seq }
              : change.entity === 'hold'
                ? { transactionId: null, ...data }
                : data;
        this.upsert[change.entity].run(row);
        touched.add(ENTITY_TABLE[change.entity]);
      }
      setCursor.run(String(cursor));
      return touched;
    });
  }

  /** The feed position everything in the cache is up to date with. */
  cursor(): number {
    return Number(this.getMeta('cursor') ?? 0);
  }

  getMeta(key: string): string | null {
    const row = this.db.prepare('select value from meta where key = ?').get(key) as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.db
      .prepare(
        'insert into meta (key, value) values (?, ?) on conflict (key) do update set value = excluded.value',
      )
      .run(key, value);
  }

  /** Applies one page of the feed and its cursor atomically; returns the tables it touched. */
  applyPage(changes: Change[], cursor: number): Set<CacheTable> {
    return this.applyPageTx(changes, cursor);
  }

  /** Forgets everything (another account signed in, or a rebuild was asked for). */
  clear(): void {
    this.db.exec(
      'delete from customers; delete from wallets; delete from transactions; delete from holds; delete from meta;',
    );
  }

  wallets(customerId?: string): Array<Wallet & { customerName: string }> {
    const rows = this.db
      .prepare(
        `select w.*, coalesce(c.name, '') as customer_name from wallets w left join customers c on c.id = w.customer_id
         ${customerId ? 'where w.customer_id = ?' : ''} order by c.name, w.currency`,
      )
      .all(...(customerId ? [customerId] : [])) as WalletRow[];
    return rows.map(toWallet);
  }

  wallet(id: string): (Wallet & { customerName: string }) | null {
    const row = this.db
      .prepare(
        `select w.*, coalesce(c.name, '') as customer_name from wallets w left join customers c on c.id = w.customer_id where w.id = ?`,
      )
      .get(id) as WalletRow | undefined;
    return row ? toWallet(row) : null;
  }

  history(
    filter: HistoryFilter,
    page: { offset: number; limit: number },
  ): { items: WalletTransaction[]; total: number | null } {
    const { where, params } = historyWhere(filter);
    const items = (
      this.db
        .prepare(`select * from transactions where ${where} order by seq desc limit ? offset ?`)
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

  /** Every matching row, newest first, one at a time (for CSV export). */
  *iterateHistory(filter: HistoryFilter): Generator<WalletTransaction> {
    const { where, params } = historyWhere(filter);
    for (const row of this.db
      .prepare(`select * from transactions where ${where} order by seq desc`)
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
    const start = `${dates[0]}T00:00:00.000Z`;
    const before = this.db
      .prepare(
        'select balance_after from transactions where wallet_id = ? and created_at < ? order by created_at desc, seq desc limit 1',
      )
      .get(walletId, start) as { balance_after: number } | undefined;
    const closing = new Map(
      (
        this.db
          .prepare(
            `select substr(created_at, 1, 10) as day, balance_after from transactions
             where seq in (select max(seq) from transactions where wallet_id = ? and created_at >= ? group by substr(created_at, 1, 10))`,
          )
          .all(walletId, start) as Array<{ day: string; balance_after: number }>
      ).map((r) => [r.day, r.balance_after]),
    );
    let balance = before?.balance_after ?? 0;
    return dates.map((date) => {
      balance = closing.get(date) ?? balance;
      return { date, balance };
    });
  }

  holds(walletId: string): Hold[] {
    return (
      this.db
        .prepare('select * from holds where wallet_id = ? order by created_at desc')
        .all(walletId) as HoldRow[]
    ).map(toHold);
  }

  searchCustomers(query: string, offset: number, limit: number): { items: Customer[]; total: number } {
    const pattern = `%${query
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const where = `search_text like ? escape '\\'`;
    const items = (
      this.db
        .prepare(`select * from customers where ${where} order by name collate nocase, id limit ? offset ?`)
        .all(pattern, limit, offset) as CustomerRow[]
    ).map(toCustomer);
    const total = (
      this.db.prepare(`select count(*) as n from customers where ${where}`).get(pattern) as { n: number }
    ).n;
    return { items, total };
  }

  customer(id: string): Customer | null {
    const row = this.db.prepare('select * from customers where id = ?').get(id) as CustomerRow | undefined;
    return row ? toCustomer(row) : null;
  }
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

function searchText(data: Record<string, unknown>): string {
  return [data.name, data.email, data.externalRef ?? ''].join('\n').toLowerCase();
}

interface CustomerRow {
  id: string;
  name: string;
  email: string;
  external_ref: string | null;
  created_at: string;
  updated_at: string;
}
interface WalletRow {
  id: string;
  customer_id: string;
  customer_name: string;
  currency: string;
  status: 'active' | 'closed';
  balance: number;
  pending_charges: number;
  created_at: string;
  updated_at: string;
}
interface TransactionRow {
  id: string;
  wallet_id: string;
  customer_id: string;
  type: WalletTransaction['type'];
  amount: number;
  balance_after: number;
  currency: string;
  status: 'completed';
  description: string;
  reference: string | null;
  related_id: string | null;
  created_at: string;
}
interface HoldRow {
  id: string;
  wallet_id: string;
  customer_id: string;
  amount: number;
  captured_amount: number;
  currency: string;
  status: Hold['status'];
  description: string;
  transaction_id: string | null;
  created_at: string;
  updated_at: string;
}

const toCustomer = (r: CustomerRow): Customer => ({
  id: r.id,
  name: r.name,
  email: r.email,
  externalRef: r.external_ref,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
const toWallet = (r: WalletRow): Wallet & { customerName: string } => ({
  id: r.id,
  customerId: r.customer_id,
  customerName: r.customer_name,
  currency: r.currency as Currency,
  status: r.status,
  balance: r.balance,
  pendingCharges: r.pending_charges,
  availableBalance: r.balance - r.pending_charges,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
const toTransaction = (r: TransactionRow): WalletTransaction => ({
  id: r.id,
  walletId: r.wallet_id,
  customerId: r.customer_id,
  type: r.type,
  amount: r.amount,
  balanceAfter: r.balance_after,
  currency: r.currency as Currency,
  status: r.status,
  description: r.description,
  reference: r.reference,
  relatedId: r.related_id,
  createdAt: r.created_at,
});
const toHold = (r: HoldRow): Hold => ({
  id: r.id,
  walletId: r.wallet_id,
  customerId: r.customer_id,
  amount: r.amount,
  capturedAmount: r.captured_amount,
  currency: r.currency as Currency,
  status: r.status,
  description: r.description,
  transactionId: r.transaction_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
