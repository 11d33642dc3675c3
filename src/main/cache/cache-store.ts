import type BetterSqlite3 from 'better-sqlite3';
import type { Customer } from '../../shared/api/customers.js';
import {
  FINAL_PAYMENT_STATUSES,
  withLegacyFeeTotals,
  type Payment,
  type PaymentProviderId,
  type PaymentStatus,
} from '../../shared/api/payments.js';
import type { EntityChange } from '../../shared/api/sync.js';
import type { FeedPage } from '../sync/feed-page.js';
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

const ENTITY_TABLE: Record<EntityChange['entity'], CacheTable> = {
  customer: 'customers',
  wallet: 'wallets',
  transaction: 'transactions',
  hold: 'holds',
  payment: 'payments',
  // Not stored: the review list is read from the API; the change only says it moved.
  payment_review: 'payment_reviews',
};

export interface PaymentFilter {
  walletId?: string | undefined;
  status?: PaymentStatus | undefined;
  provider?: PaymentProviderId | undefined;
}

/** A payment that reached a final status in this cache: `previous` is what the cache held before. */
export interface FinishedPayment {
  payment: Payment;
  previous: PaymentStatus | null;
}

/** The local cache: applies the server's change feed and answers the renderer's reads. */
export class CacheStore {
  private readonly applyPageTx: (page: FeedPage) => Set<CacheTable>;
  private readonly lastOrdinal: BetterSqlite3.Statement<[string], number | null>;
  private readonly historyFrom: BetterSqlite3.Statement<[string, number, number], TransactionRow>;
  private readonly upsertPaymentTx: (payment: Payment) => PaymentStatus | null | 'older';
  /** Payments that reached a final status since the last `takeFinishedPayments()`. */
  private finished: FinishedPayment[] = [];
  /**
   * Payment statuses from before a rebuild: a payment that had already ended is not reported as
   * just finished when the rebuild brings it back (no replayed "Top-up paid").
   */
  private statusesBeforeRebuild = new Map<string, PaymentStatus>();

  constructor(readonly db: BetterSqlite3.Database) {
    // An initial sync writes hundreds of MB. Copying the WAL into the database every ~40 MB instead
    // of SQLite's 4 MB takes a tenth of the checkpoints, and of their fsyncs on this thread (about
    // 1 s per million rows on a plain SSD). A power cut may cost more of the newest pages (commits
    // are not fsynced at synchronous = NORMAL), but each page's cursor goes with it: they are pulled again.
    db.pragma('wal_autocheckpoint = 10000');
    // Positional parameters: binding by name costs a lookup per column per row, which shows at the
    // rate of an initial sync.
    const upsertCustomer = db.prepare(
      `insert into customers (id, name, email, external_ref, search_text, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?)
       on conflict (id) do update set name = excluded.name, email = excluded.email,
         external_ref = excluded.external_ref, search_text = excluded.search_text, updated_at = excluded.updated_at`,
    );
    const upsertWallet = db.prepare(
      `insert into wallets (id, customer_id, currency, status, balance, pending_charges, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (id) do update set status = excluded.status, balance = excluded.balance,
         pending_charges = excluded.pending_charges, updated_at = excluded.updated_at`,
    );
    // A transaction never changes once written: one sent again is ignored (and takes no ordinal).
    const insertTransaction = db.prepare(
      `insert or ignore into transactions (seq, id, wallet_id, ordinal, customer_id, type, amount, balance_after,
         currency, status, description, reference, related_id, test, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const upsertHold = db.prepare(
      `insert into holds (id, wallet_id, customer_id, amount, captured_amount, currency, status, description,
         transaction_id, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (id) do update set captured_amount = excluded.captured_amount, status = excluded.status,
         transaction_id = excluded.transaction_id, updated_at = excluded.updated_at`,
    );
    const setCursor = db.prepare(
      `insert into meta (key, value) values ('cursor', ?) on conflict (key) do update set value = excluded.value`,
    );
    this.lastOrdinal = db.prepare<[string], number | null>(
      'select max(ordinal) from transactions where wallet_id = ?',
    );
    this.lastOrdinal.pluck();
    this.historyFrom = db.prepare<[string, number, number], TransactionRow>(
      'select * from transactions where wallet_id = ? and ordinal <= ? order by ordinal desc limit ?',
    );
    const paymentState = db.prepare<[string], { status: PaymentStatus; updated_at: string }>(
      'select status, updated_at from payments where id = ?',
    );
    const upsertPayment = db.prepare(
      `insert into payments (id, wallet_id, customer_id, provider, status, created_at, updated_at, data)
       values (?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (id) do update set status = excluded.status, updated_at = excluded.updated_at,
         data = excluded.data`,
    );
    // A payment also arrives outside the feed (the answer to creating or cancelling it): an older
    // copy (the feed catching up) never overwrites a newer one.
    this.upsertPaymentTx = (p: Payment) => {
      const before = paymentState.get(p.id);
      if (before && before.updated_at > p.updatedAt) return 'older';
      upsertPayment.run(
        p.id,
        p.walletId,
        p.customerId,
        p.provider,
        p.status,
        p.createdAt,
        p.updatedAt,
        JSON.stringify(p),
      );
      const previous = before?.status ?? this.statusesBeforeRebuild.get(p.id) ?? null;
      const final = (s: PaymentStatus | null) => s !== null && FINAL_PAYMENT_STATUSES.includes(s);
      if (final(p.status) && !final(previous)) this.finished.push({ payment: p, previous });
      return previous;
    };
    this.applyPageTx = db.transaction((page: FeedPage) => {
      const touched = new Set<CacheTable>();
      for (const change of page.entities) {
        switch (change.entity) {
          case 'customer': {
            const c = change.data;
            upsertCustomer.run(c.id, c.name, c.email, c.externalRef, searchText(c), c.createdAt, c.updatedAt);
            break;
          }
          case 'wallet': {
            const w = change.data;
            upsertWallet.run(
              w.id,
              w.customerId,
              w.currency,
              w.status,
              w.balance,
              w.pendingCharges,
              w.createdAt,
              w.updatedAt,
            );
            break;
          }
          case 'transaction':
            // Never here: a page carries its ledger rows apart, as tuples (below).
            break;
          case 'hold': {
            const h = change.data;
            upsertHold.run(
              h.id,
              h.walletId,
              h.customerId,
              h.amount,
              h.capturedAmount,
              h.currency,
              h.status,
              h.description,
              h.transactionId,
              h.createdAt,
              h.updatedAt,
            );
            break;
          }
          case 'payment':
            this.upsertPaymentTx(change.data);
            break;
          case 'payment_review':
            // A signal only: reported as touched (below), so the review list asks the API again.
            break;
        }
        touched.add(ENTITY_TABLE[change.entity]);
      }
      // Each wallet's newest ordinal: read once per page, then counted on.
      const ordinals = new Map<string, number>();
      for (const t of page.transactions) {
        const [seq, id, walletId, customerId, ...rest] = t;
        const ordinal = (ordinals.get(walletId) ?? this.lastOrdinal.get(walletId) ?? 0) + 1;
        const { changes: inserted } = insertTransaction.run(seq, id, walletId, ordinal, customerId, ...rest);
        if (inserted > 0) ordinals.set(walletId, ordinal);
      }
      if (page.transactions.length > 0) touched.add('transactions');
      setCursor.run(String(page.nextCursor));
      return touched;
    });
  }

  /** Stores a payment the API answered with (created, cancelled); false when the cache has a newer one. */
  putPayment(payment: Payment): boolean {
    return this.db.transaction(() => this.upsertPaymentTx(payment) !== 'older')();
  }

  /** Payments that reached paid, failed, cancelled or expired since this was last asked. */
  takeFinishedPayments(): FinishedPayment[] {
    const finished = this.finished;
    this.finished = [];
    return finished;
  }

  payment(id: string): Payment | null {
    const row = this.db.prepare('select data from payments where id = ?').get(id) as
      { data: string } | undefined;
    return row ? withLegacyFeeTotals(JSON.parse(row.data) as Payment) : null;
  }

  /** Newest first. */
  payments(filter: PaymentFilter, limit: number): Payment[] {
    const clauses: string[] = [];
    const params: unknown[] = [];
    for (const [column, value] of [
      ['wallet_id', filter.walletId],
      ['status', filter.status],
      ['provider', filter.provider],
    ] as const) {
      if (value === undefined) continue;
      clauses.push(`${column} = ?`);
      params.push(value);
    }
    const where = clauses.length > 0 ? `where ${clauses.join(' and ')}` : '';
    const rows = this.db
      .prepare(`select data from payments ${where} order by created_at desc, id desc limit ?`)
      .all(...params, limit) as Array<{ data: string }>;
    // Cached by an older release, a payment may lack its fee totals: read in today's shape.
    return rows.map((r) => withLegacyFeeTotals(JSON.parse(r.data) as Payment));
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
  applyPage(page: FeedPage): Set<CacheTable> {
    return this.applyPageTx(page);
  }

  /**
   * Forgets everything the feed brought, and the cursor, so that the next pull fetches it all again
   * from position 0 (the server compacted its feed past our cursor). Which account the cache holds
   * is kept; the outbox is another database and is never touched.
   */
  rebuild(): void {
    const statuses = this.db.prepare('select id, status from payments').all() as Array<{
      id: string;
      status: PaymentStatus;
    }>;
    const account = this.getMeta('account');
    this.db.transaction(() => {
      this.clear();
      if (account !== null) this.setMeta('account', account);
    })();
    this.statusesBeforeRebuild = new Map(statuses.map((r) => [r.id, r.status]));
    this.finished = [];
  }

  /** Forgets everything (another account signed in, or a rebuild was asked for). */
  clear(): void {
    this.db.exec(
      'delete from customers; delete from wallets; delete from transactions; delete from holds; delete from payments; delete from meta;',
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
    if (!filter.type && !filter.from && !filter.to) return this.walletHistory(filter.walletId, page);
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
    const count =
      (
        this.db.prepare('select max(ordinal) as n from transactions where wallet_id = ?').get(walletId) as {
          n: number | null;
        }
      ).n ?? 0;
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

function searchText(c: Customer): string {
  return [c.name, c.email, c.externalRef ?? ''].join('\n').toLowerCase();
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
  test: number;
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
  test: r.test === 1,
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
