import type BetterSqlite3 from 'better-sqlite3';
import type { Invoice, InvoiceListStatus } from '../../shared/api/invoices.js';
import type { OlderThan } from '../../shared/ipc-contract.js';
import { belowCreated, newestFirst, type ListCondition } from './keyset-pages.js';

export interface InvoiceFilter {
  customerId?: string | undefined;
  /** As the list's badges read (see invoiceListStatuses and the renderer's displayStatus). */
  status?: InvoiceListStatus | undefined;
  /** Issue (or, for a draft, creation) day, inclusive, YYYY-MM-DD. */
  from?: string | undefined;
  to?: string | undefined;
}

/** The Invoices screens' reads. An invoice is cached whole, as the API sent it (JSON). */
export class InvoiceReads {
  constructor(private readonly db: BetterSqlite3.Database) {}

  invoice(id: string): Invoice | null {
    const row = this.db.prepare('select data from invoices where id = ?').get(id) as
      { data: string } | undefined;
    return row ? (JSON.parse(row.data) as Invoice) : null;
  }

  /** The cached invoices among `ids` (the invoices a screen's records name), in one query; unknown ids left out. */
  withIds(ids: readonly string[]): Invoice[] {
    const rows = this.db
      .prepare('select data from invoices where id in (select value from json_each(?))')
      .all(JSON.stringify(ids)) as Array<{ data: string }>;
    return rows.map((row) => JSON.parse(row.data) as Invoice);
  }

  /** The receipt invoice issued for a paid top-up (one per payment, by the server's unique index). */
  receiptOf(paymentId: string): Invoice | null {
    const row = this.db
      .prepare('select data from invoices where receipt_payment_id = ? limit 1')
      .get(paymentId) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as Invoice) : null;
  }

  /** Newest first, below `olderThan` when given (see newestFirst). */
  invoices(filter: InvoiceFilter, limit: number, olderThan?: OlderThan): Invoice[] {
    const conditions: ListCondition[] = [
      ['customer_id = ?', filter.customerId],
      ...statusConditions(filter.status),
      ['substr(coalesce(issued_at, created_at), 1, 10) >= ?', filter.from],
      ['substr(coalesce(issued_at, created_at), 1, 10) <= ?', filter.to],
    ];
    return newestFirst(this.db, 'invoices', conditions, belowCreated(olderThan), limit).map(
      (data) => JSON.parse(data) as Invoice,
    );
  }
}

/**
 * What the payment an invoice still due tracks makes it read, as payingStatus (shared) says for the
 * renderer's displayStatus and search: `payment_held` (paid at its provider, held for staff),
 * `processing` (awaiting confirmation, or a saved method's off-session charge not answered yet, or
 * held for staff unanswered), or
 * null (no such payment: the stored status reads).
 */
const PAYING = `(select case
    when coalesce(json_extract(p.data, '$.heldForReview'), 0) then case
      -- A saved method's charge held unanswered (heldUnanswered): nothing is known to have arrived.
      when json_extract(p.data, '$.savedMethodId') is not null and json_type(p.data, '$.checkout') = 'null'
        then 'processing'
      else 'payment_held' end
    when p.status = 'processing' then 'processing'
    when p.status = 'new' and json_extract(p.data, '$.savedMethodId') is not null then 'processing'
  end
  from payments p where p.id = json_extract(invoices.data, '$.pendingPaymentId'))`;

function statusConditions(status: InvoiceListStatus | undefined): ListCondition[] {
  switch (status) {
    case undefined:
      return [];
    case 'open':
    case 'partially_paid':
      return [['status = ?', status], [`${PAYING} is null`]];
    case 'processing':
    case 'payment_held':
      return [[`status in ('open', 'partially_paid')`], [`${PAYING} = ?`, status]];
    default:
      return [['status = ?', status]];
  }
}
