import type BetterSqlite3 from 'better-sqlite3';
import {
  withLegacyFeeTotals,
  type Payment,
  type PaymentProviderId,
  type PaymentStatus,
} from '../../shared/api/payments.js';

export interface PaymentFilter {
  walletId?: string | undefined;
  status?: PaymentStatus | undefined;
  provider?: PaymentProviderId | undefined;
}

/** The Payments screens' reads. A payment is cached whole, as the API sent it (JSON). */
export class PaymentReads {
  constructor(private readonly db: BetterSqlite3.Database) {}

  payment(id: string): Payment | null {
    const row = this.db.prepare('select data from payments where id = ?').get(id) as
      { data: string } | undefined;
    return row ? readPayment(row.data) : null;
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
    return rows.map((r) => readPayment(r.data));
  }
}

/** Cached by an older release, a payment may lack its fee totals: read in today's shape. */
/** A cached payment, as the API sent it (older releases' ones given their fee totals). */
export function readPayment(data: string): Payment {
  return withLegacyFeeTotals(JSON.parse(data) as Payment);
}
