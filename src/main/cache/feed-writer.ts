import type BetterSqlite3 from 'better-sqlite3';
import type { Customer } from '../../shared/api/customers.js';
import { FINAL_PAYMENT_STATUSES, type Payment, type PaymentStatus } from '../../shared/api/payments.js';
import type { EntityChange } from '../../shared/api/sync.js';
import type { Invoice } from '../../shared/api/invoices.js';
import type { Ticket } from '../../shared/api/tickets.js';
import type { CacheTable } from '../../shared/ipc-contract.js';
import type { FeedPage } from '../sync/feed-page.js';
import { searchText } from './cache-rows.js';
import { AlertCache } from './alert-cache.js';
import { LedgerRows } from './ledger-rows.js';

const ENTITY_TABLE: Record<EntityChange['entity'], CacheTable> = {
  customer: 'customers',
  wallet: 'wallets',
  transaction: 'transactions',
  hold: 'holds',
  payment: 'payments',
  // Not stored: the review list is read from the API; the change only says it moved.
  payment_review: 'payment_reviews',
  invoice: 'invoices',
  wallet_alert: 'wallet_alerts',
  wallet_alert_settings: 'wallet_alert_settings',
  wallet_auto_top_up: 'wallet_auto_top_ups',
  // The catalog is not cached (it is read from the API): announced so that the order form refreshes.
  product: 'orders',
  order: 'orders',
  subscription: 'subscriptions',
  subscription_attempt: 'subscriptions',
  notice: 'subscriptions',
  // Not stored either: the Webhooks screen reads the API; the change says an endpoint moved.
  webhook_endpoint: 'webhook_endpoints',
  // Not stored either: a payment's refunds are read from the API; the payment itself carries the totals.
  refund: 'payments',
  ticket: 'tickets',
  // Not stored either: saved methods are read from the API; a payment's change refetches them too.
  saved_method: 'payments',
};

/** A payment that reached a final status in this cache: `previous` is what the cache held before. */
export interface FinishedPayment {
  payment: Payment;
  previous: PaymentStatus | null;
}

/**
 * The cache's writes: pages of the change feed (with their cursor, atomically) and payments the API
 * answered with outside the feed. Keeps which payments reached a final status, for the notices.
 */
export class FeedWriter {
  private readonly applyPageTx: (page: FeedPage) => Set<CacheTable>;
  private readonly upsertPaymentTx: (payment: Payment) => PaymentStatus | null | 'older';
  private readonly upsertInvoiceTx: (invoice: Invoice) => void;
  private readonly upsertTicketTx: (ticket: Ticket) => void;
  /** Payments that reached a final status since the last `takeFinishedPayments()`. */
  private finished: FinishedPayment[] = [];
  /**
   * Payment statuses from before a rebuild: a payment that had already ended is not reported as
   * just finished when the rebuild brings it back (no replayed "Top-up paid").
   */
  private statusesBeforeRebuild = new Map<string, PaymentStatus>();

  /** Low-balance alerts, alert settings and auto top-up (alert-cache.ts). */
  readonly alerts: AlertCache;
  private readonly upsertCustomer: (customer: Customer) => void;

  constructor(private readonly db: BetterSqlite3.Database) {
    this.alerts = new AlertCache(db);
    // Positional parameters: binding by name costs a lookup per column per row, which shows at the
    // rate of an initial sync.
    const upsertCustomer = db.prepare(
      `insert into customers (id, name, email, external_ref, search_text, created_at, updated_at, language,
         language_set_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (id) do update set name = excluded.name, email = excluded.email,
         external_ref = excluded.external_ref, search_text = excluded.search_text, updated_at = excluded.updated_at,
         language = excluded.language, language_set_by = excluded.language_set_by`,
    );
    this.upsertCustomer = (c) =>
      upsertCustomer.run(
        c.id,
        c.name,
        c.email,
        c.externalRef,
        searchText(c),
        c.createdAt,
        c.updatedAt,
        c.language,
        c.languageSetBy,
      );
    const upsertWallet = db.prepare(
      `insert into wallets (id, customer_id, currency, status, balance, pending_charges, created_at, updated_at, on_hold)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (id) do update set status = excluded.status, balance = excluded.balance,
         pending_charges = excluded.pending_charges, updated_at = excluded.updated_at, on_hold = excluded.on_hold`,
    );
    const ledgerRows = new LedgerRows(db);
    const upsertHold = db.prepare(
      `insert into holds (id, wallet_id, customer_id, amount, captured_amount, currency, status, description,
         transaction_id, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (id) do update set captured_amount = excluded.captured_amount, status = excluded.status,
         transaction_id = excluded.transaction_id, updated_at = excluded.updated_at`,
    );
    const upsertOrder = db.prepare(
      `insert into orders (id, customer_id, status, created_at, data) values (?, ?, ?, ?, ?)
       on conflict (id) do update set status = excluded.status, data = excluded.data`,
    );
    const upsertSubscription = db.prepare(
      `insert into subscriptions (id, customer_id, status, current_period_end, created_at, data)
       values (?, ?, ?, ?, ?, ?)
       on conflict (id) do update set status = excluded.status,
         current_period_end = excluded.current_period_end, data = excluded.data`,
    );
    const insertNotice = db.prepare(
      'insert or ignore into notices (id, customer_id, created_at, data) values (?, ?, ?, ?)',
    );
    // An invoice arrives whole; an older copy never overwrites a newer one.
    const upsertInvoice = db.prepare(
      `insert into invoices (id, customer_id, number, status, currency, due_date, issued_at, created_at,
         updated_at, receipt_payment_id, data)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (id) do update set number = excluded.number, status = excluded.status,
         currency = excluded.currency, due_date = excluded.due_date, issued_at = excluded.issued_at,
         updated_at = excluded.updated_at, receipt_payment_id = excluded.receipt_payment_id, data = excluded.data
       where excluded.updated_at >= invoices.updated_at`,
    );
    this.upsertInvoiceTx = (i: Invoice) => {
      upsertInvoice.run(
        i.id,
        i.customerId,
        i.number,
        i.status,
        i.currency,
        i.dueDate,
        i.issuedAt,
        i.createdAt,
        i.updatedAt,
        i.receiptPaymentId ?? null,
        JSON.stringify(i),
      );
    };
    // A ticket arrives whole with its thread; an older copy never overwrites a newer one.
    const upsertTicket = db.prepare(
      `insert into tickets (id, customer_id, status, assignee_user_id, subject_id, updated_at, data)
       values (?, ?, ?, ?, ?, ?, ?)
       on conflict (id) do update set status = excluded.status, assignee_user_id = excluded.assignee_user_id,
         updated_at = excluded.updated_at, data = excluded.data
       where excluded.updated_at >= tickets.updated_at`,
    );
    this.upsertTicketTx = (t: Ticket) => {
      upsertTicket.run(
        t.id,
        t.customerId,
        t.status,
        t.assigneeUserId,
        t.about?.id ?? null,
        t.updatedAt,
        JSON.stringify(t),
      );
    };
    const setCursor = db.prepare(
      `insert into meta (key, value) values ('cursor', ?) on conflict (key) do update set value = excluded.value`,
    );
    const paymentState = db.prepare<[string], { status: PaymentStatus; updated_at: string }>(
      'select status, updated_at from payments where id = ?',
    );
    // A payment held for staff whose money they applied to another wallet moves there, with that
    // wallet's customer (the API's payment-reviews/apply.ts): its lists follow it.
    const upsertPayment = db.prepare(
      `insert into payments (id, wallet_id, customer_id, provider, status, currency, created_at, updated_at, data)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (id) do update set status = excluded.status, updated_at = excluded.updated_at,
         data = excluded.data, wallet_id = excluded.wallet_id, customer_id = excluded.customer_id`,
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
        p.currency,
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
            this.upsertCustomer(change.data);
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
              w.onHold ? 1 : 0,
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
          case 'wallet_alert':
          case 'wallet_alert_settings':
          case 'wallet_auto_top_up':
            this.alerts.apply(change);
            break;
          case 'order': {
            const o = change.data;
            upsertOrder.run(o.id, o.customerId, o.status, o.createdAt, JSON.stringify(o));
            break;
          }
          case 'subscription': {
            const s = change.data;
            upsertSubscription.run(
              s.id,
              s.customerId,
              s.status,
              s.currentPeriodEnd,
              s.createdAt,
              JSON.stringify(s),
            );
            break;
          }
          case 'notice': {
            const n = change.data;
            insertNotice.run(n.id, n.customerId, n.createdAt, JSON.stringify(n));
            break;
          }
          case 'product':
          case 'subscription_attempt':
          case 'webhook_endpoint':
          case 'refund':
          case 'saved_method':
            // Signals only, as above: the catalog, a subscription's attempts, the Webhooks screen, a
            // payment's refunds and the saved methods are read from the API.
            break;
          case 'invoice':
            this.upsertInvoiceTx(change.data);
            break;
          case 'ticket':
            this.upsertTicketTx(change.data);
            break;
        }
        touched.add(ENTITY_TABLE[change.entity]);
      }
      ledgerRows.insert(page.transactions);
      if (page.transactions.length > 0 || (page.ledgerRowsWritten ?? 0) > 0) touched.add('transactions');
      setCursor.run(String(page.nextCursor));
      return touched;
    });
  }

  /** Applies one page of the feed and its cursor atomically; returns the tables it touched. */
  applyPage(page: FeedPage): Set<CacheTable> {
    return this.applyPageTx(page);
  }

  /** Stores a payment the API answered with (created, cancelled); false when the cache has a newer one. */
  putPayment(payment: Payment): boolean {
    return this.db.transaction(() => this.upsertPaymentTx(payment) !== 'older')();
  }

  /** Stores an invoice the API answered with (a write's answer), unless the cache has a newer one. */
  putInvoice(invoice: Invoice): void {
    this.db.transaction(() => this.upsertInvoiceTx(invoice))();
  }

  /** Stores a ticket the API answered with (a write's answer), unless the cache has a newer one. */
  putTicket(ticket: Ticket): void {
    this.db.transaction(() => this.upsertTicketTx(ticket))();
  }

  /** Stores a customer the API answered with (a write's answer), unless the cache has a newer one. */
  putCustomer(customer: Customer): void {
    this.db.transaction(() => {
      const held = this.db.prepare('select updated_at from customers where id = ?').get(customer.id) as
        { updated_at: string } | undefined;
      if (!held || held.updated_at <= customer.updatedAt) this.upsertCustomer(customer);
    })();
  }

  /** Payments that reached paid, failed, cancelled or expired since this was last asked. */
  takeFinishedPayments(): FinishedPayment[] {
    const finished = this.finished;
    this.finished = [];
    return finished;
  }

  /** The cache was emptied for a rebuild: what it held then is history, not news, when it comes back. */
  rebuilt(statusesBefore: Map<string, PaymentStatus>): void {
    this.statusesBeforeRebuild = statusesBefore;
    this.finished = [];
  }
}
