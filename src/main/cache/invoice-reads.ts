import type BetterSqlite3 from 'better-sqlite3';
import type { Invoice, InvoiceStatus } from '../../shared/api/invoices.js';

export interface InvoiceFilter {
  customerId?: string | undefined;
  status?: InvoiceStatus | undefined;
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

  /** The receipt invoice issued for a paid top-up (one per payment, by the server's unique index). */
  receiptOf(paymentId: string): Invoice | null {
    const row = this.db
      .prepare("select data from invoices where json_extract(data, '$.receiptPaymentId') = ? limit 1")
      .get(paymentId) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as Invoice) : null;
  }

  /** Newest first. */
  invoices(filter: InvoiceFilter, limit: number): Invoice[] {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (filter.customerId !== undefined) {
      clauses.push('customer_id = ?');
      params.push(filter.customerId);
    }
    if (filter.status !== undefined) {
      clauses.push('status = ?');
      params.push(filter.status);
    }
    if (filter.from !== undefined) {
      clauses.push('substr(coalesce(issued_at, created_at), 1, 10) >= ?');
      params.push(filter.from);
    }
    if (filter.to !== undefined) {
      clauses.push('substr(coalesce(issued_at, created_at), 1, 10) <= ?');
      params.push(filter.to);
    }
    const where = clauses.length > 0 ? `where ${clauses.join(' and ')}` : '';
    const rows = this.db
      .prepare(`select data from invoices ${where} order by created_at desc, id desc limit ?`)
      .all(...params, limit) as Array<{ data: string }>;
    return rows.map((r) => JSON.parse(r.data) as Invoice);
  }
}
