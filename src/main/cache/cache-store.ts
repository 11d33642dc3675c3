import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { Customer } from '../../shared/api/customers.js';
import type { Payment, PaymentProviderId, PaymentStatus } from '../../shared/api/payments.js';
import type { Hold, Wallet, WalletTransaction } from '../../shared/api/wallets.js';
import type { CacheTable, OlderThan } from '../../shared/ipc-contract.js';
import { pageSteps, type FeedPage } from '../sync/feed-page.js';
import { CustomerReads } from './customer-reads.js';
import { FeedWriter, type FinishedPayment } from './feed-writer.js';
import type { AlertCache } from './alert-cache.js';
import { HistoryReads, type HistoryFilter } from './history-reads.js';
import { LEDGER_LEASE } from './ledger-rows.js';
import { PaymentReads, type PaymentFilter } from './payment-reads.js';
import { SearchIndex } from './search-index.js';
import { OrderReads } from './order-reads.js';
import { TicketReads } from './ticket-reads.js';
import type { Ticket } from '../../shared/api/tickets.js';
import { WalletReads, type WalletSearch, type WalletsAfter } from './wallet-reads.js';
import { InvoiceReads, type InvoiceFilter } from './invoice-reads.js';
import type { Invoice } from '../../shared/api/invoices.js';

export type { FinishedPayment } from './feed-writer.js';
export type { HistoryFilter } from './history-reads.js';
export type { PaymentFilter } from './payment-reads.js';

/**
 * The local cache: one SQLite database, written by the change feed (`FeedWriter`) and read per
 * screen (`CustomerReads`, `WalletReads`, `HistoryReads`, `PaymentReads`). This is their one face
 * to the rest of the desktop core, plus the cache's own bookkeeping (meta, cursor, clearing).
 */
export class CacheStore {
  private readonly writer: FeedWriter;
  private readonly customerReads: CustomerReads;
  private readonly walletReads: WalletReads;
  private readonly historyReads: HistoryReads;
  private readonly paymentReads: PaymentReads;
  /** Search over everything cached (issue 13); filled after the feed writes, see SearchIndexer. */
  readonly search: SearchIndex;
  /** Orders and subscriptions (OrderReads). */
  readonly orderReads: OrderReads;
  /** Support tickets with their threads (TicketReads). */
  readonly ticketReads: TicketReads;
  private readonly invoiceReads: InvoiceReads;

  constructor(readonly db: BetterSqlite3.Database) {
    // An initial sync writes hundreds of MB. Copying the WAL into the database every ~40 MB instead
    // of SQLite's 4 MB takes a tenth of the checkpoints, and of their fsyncs (about 1 s per million
    // rows on a plain SSD). A power cut may cost more of the newest pages (commits are not fsynced at
    // synchronous = NORMAL), but each page's cursor goes with it: they are pulled again. The core
    // has these copies made on a worker thread (wal-checkpointer.ts); this is where they run without one.
    db.pragma('wal_autocheckpoint = 10000');
    this.writer = new FeedWriter(db);
    this.customerReads = new CustomerReads(db);
    this.walletReads = new WalletReads(db);
    this.historyReads = new HistoryReads(db);
    this.paymentReads = new PaymentReads(db);
    this.search = new SearchIndex(db);
    this.orderReads = new OrderReads(db);
    this.ticketReads = new TicketReads(db);
    this.invoiceReads = new InvoiceReads(db);
  }

  // ---- writes ---------------------------------------------------------------------------------

  /** Applies one page of the feed and its cursor atomically; returns the tables it touched. */
  applyPage(page: FeedPage): Set<CacheTable> {
    return this.writer.applyPage(page);
  }

  /**
   * Applies a page in steps of at most `stepSize` changes, each committed with its cursor, handing
   * the event loop back between two (IPC, the live stream and the renderer's reads wait for one
   * step, not for a whole page). Stops early, with the cache consistent up to its cursor, when
   * `stop()` says so. Returns the tables it touched.
   */
  async applyPageInSteps(
    page: FeedPage,
    stepSize: number,
    stop: () => boolean = () => false,
  ): Promise<Set<CacheTable>> {
    const touched = new Set<CacheTable>();
    const steps = pageSteps(page, stepSize);
    for (let i = 0; i < steps.length; i++) {
      if (i > 0) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (stop()) break;
      }
      for (const table of this.applyPage(steps[i]!)) touched.add(table);
    }
    return touched;
  }

  /** Stores a payment the API answered with (created, cancelled); false when the cache has a newer one. */
  putPayment(payment: Payment): boolean {
    return this.writer.putPayment(payment);
  }

  /** Payments that reached paid, failed, cancelled or expired since this was last asked. */
  takeFinishedPayments(): FinishedPayment[] {
    return this.writer.takeFinishedPayments();
  }

  /**
   * Forgets everything the feed brought, and the cursor, so that the next pull fetches it all again
   * from position 0 (the server compacted its feed past our cursor). Which account the cache holds
   * is kept; the outbox is another database and is never touched.
   */
  rebuild(): void {
    const kept = [this.getMeta('account'), this.getMeta(LEDGER_LEASE)] as const;
    const statuses = this.db.prepare('select id, status from payments').all() as Array<{
      id: string;
      status: PaymentStatus;
    }>;
    this.db.transaction(() => {
      this.clear();
      // The account, and the lease of the worker that writes its ledger rows: the pull goes on.
      if (kept[0] !== null) this.setMeta('account', kept[0]);
      if (kept[1] !== null) this.setMeta(LEDGER_LEASE, kept[1]);
    })();
    this.writer.rebuilt(new Map(statuses.map((r) => [r.id, r.status])));
  }

  /**
   * A new lease for writing ledger rows (feed-protocol.ts LedgerTarget): whoever held the last one
   * writes none from now on. Clearing the cache ends it too.
   */
  leaseLedgerWrites(): string {
    const lease = randomUUID();
    this.setMeta(LEDGER_LEASE, lease);
    return lease;
  }

  /** Forgets everything (another account signed in, or a rebuild was asked for). */
  clear(): void {
    this.db.exec(
      'delete from customers; delete from wallets; delete from transactions; delete from holds; delete from payments; delete from invoices; delete from meta;',
    );
    // After the deletes, whose triggers marked every customer and payment dirty.
    this.search.clear();
    this.db.exec('delete from orders; delete from subscriptions; delete from notices; delete from tickets;');
    this.alerts.clear();
  }

  /** Low-balance alerts, alert settings, auto top-up and runway (alert-cache.ts). */
  get alerts(): AlertCache {
    return this.writer.alerts;
  }

  // ---- bookkeeping ------------------------------------------------------------------------------

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

  // ---- reads, per screen ----------------------------------------------------------------------

  searchCustomers(query: string, offset: number, limit: number): { items: Customer[]; total: number } {
    return this.customerReads.search(query, offset, limit);
  }

  customersWithIds(ids: readonly string[]): Customer[] {
    return this.customerReads.withIds(ids);
  }

  customer(id: string): Customer | null {
    return this.customerReads.customer(id);
  }

  walletsOfCustomers(customerIds: readonly string[]): Array<Wallet & { customerName: string }> {
    return this.walletReads.walletsOfCustomers(customerIds);
  }

  wallets(customerId?: string): Array<Wallet & { customerName: string }> {
    return this.walletReads.wallets(customerId);
  }

  walletsWithIds(ids: readonly string[]): Array<Wallet & { customerName: string }> {
    return this.walletReads.walletsWithIds(ids);
  }

  searchWallets(
    search: WalletSearch,
    after: WalletsAfter | undefined,
    limit: number,
  ): { items: Array<Wallet & { customerName: string }>; total: number } {
    return this.walletReads.search(search, after, limit);
  }

  walletCurrencies(): string[] {
    return this.walletReads.currencies();
  }

  wallet(id: string): (Wallet & { customerName: string }) | null {
    return this.walletReads.wallet(id);
  }

  holds(walletId: string): Hold[] {
    return this.walletReads.holds(walletId);
  }

  history(
    filter: HistoryFilter,
    page: { offset: number; limit: number },
  ): { items: WalletTransaction[]; total: number | null } {
    return this.historyReads.history(filter, page);
  }

  /** Every matching row, newest first, one at a time. */
  iterateHistory(filter: HistoryFilter): Generator<WalletTransaction> {
    return this.historyReads.iterateHistory(filter);
  }

  /** Every matching row, newest first, in pages of `size`, and how many there are (CSV export). */
  historyPages(
    filter: HistoryFilter,
    size: number,
  ): { total: number; pages: Generator<WalletTransaction[]> } {
    return this.historyReads.pages(filter, size);
  }

  recentActivity(limit: number): WalletTransaction[] {
    return this.historyReads.recentActivity(limit);
  }

  /** The wallet's closing balance on each of the last `days` UTC days (see `HistoryReads`). */
  balanceHistory(walletId: string, days: number, today: Date): Array<{ date: string; balance: number }> {
    return this.historyReads.balanceHistory(walletId, days, today);
  }

  payment(id: string): Payment | null {
    return this.paymentReads.payment(id);
  }

  /** Newest first. */
  payments(filter: PaymentFilter, limit: number, olderThan?: OlderThan): Payment[] {
    return this.paymentReads.payments(filter, limit, olderThan);
  }

  /**
   * The providers the cache knows of: its payments' (one customer's, when given), and those offered
   * in top-up options.
   */
  paymentProviders(customerId?: string): PaymentProviderId[] {
    return this.paymentReads.providers(customerId);
  }

  invoice(id: string): Invoice | null {
    return this.invoiceReads.invoice(id);
  }

  invoicesWithIds(ids: readonly string[]): Invoice[] {
    return this.invoiceReads.withIds(ids);
  }

  receiptOf(paymentId: string): Invoice | null {
    return this.invoiceReads.receiptOf(paymentId);
  }

  /** Newest first. */
  invoices(filter: InvoiceFilter, limit: number, olderThan?: OlderThan): Invoice[] {
    return this.invoiceReads.invoices(filter, limit, olderThan);
  }

  /** Stores an invoice the API answered with (a write's answer), unless the cache holds a newer one. */
  putTicket(ticket: Ticket): void {
    this.writer.putTicket(ticket);
  }

  putInvoice(invoice: Invoice): void {
    this.writer.putInvoice(invoice);
  }

  /** Stores a customer the API answered with (a setting saved online), unless the cache holds a newer one. */
  putCustomer(customer: Customer): void {
    this.writer.putCustomer(customer);
  }
}
