import type BetterSqlite3 from 'better-sqlite3';
import type { Notice, Order, OrderStatus, Subscription } from '../../shared/api/orders.js';
import type { OlderThan } from '../../shared/ipc-contract.js';
import { belowCreated, newestFirst, type ListCondition } from './newest-first.js';

/** The Orders and Subscriptions screens' reads: each record cached whole, as the API sent it. */
export class OrderReads {
  constructor(private readonly db: BetterSqlite3.Database) {}

  /** Newest first, below `olderThan` when given (see newestFirst). */
  orders(
    filter: { customerId?: string | undefined; status?: OrderStatus | undefined },
    limit = 500,
    olderThan?: OlderThan,
  ): Order[] {
    const conditions: ListCondition[] = [
      ['customer_id = ?', filter.customerId],
      ['status = ?', filter.status],
    ];
    return newestFirst(this.db, 'orders', conditions, belowCreated(olderThan), limit).map(
      (data) => JSON.parse(data) as Order,
    );
  }

  /** What customers were told (a renewal the wallet cannot cover), newest first. */
  notices(filter: { customerId?: string | undefined }, limit = 20): Notice[] {
    const rows = (
      filter.customerId === undefined
        ? this.db.prepare('select data from notices order by created_at desc, id desc limit ?').all(limit)
        : this.db
            .prepare(
              'select data from notices where customer_id = ? order by created_at desc, id desc limit ?',
            )
            .all(filter.customerId, limit)
    ) as Array<{ data: string }>;
    return rows.map((r) => JSON.parse(r.data) as Notice);
  }

  /** Soonest renewal first; `renewingBefore`: live ones whose period ends before then. */
  subscriptions(
    filter: { customerId?: string | undefined; renewingBefore?: string | undefined },
    limit = 500,
  ): Subscription[] {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (filter.customerId !== undefined) {
      clauses.push('customer_id = ?');
      params.push(filter.customerId);
    }
    if (filter.renewingBefore !== undefined) {
      clauses.push(`status in ('active', 'past_due') and current_period_end < ?`);
      params.push(new Date(filter.renewingBefore).toISOString());
    }
    const where = clauses.length > 0 ? `where ${clauses.join(' and ')}` : '';
    const rows = this.db
      .prepare(`select data from subscriptions ${where} order by current_period_end, id limit ?`)
      .all(...params, limit) as Array<{ data: string }>;
    return rows.map((r) => JSON.parse(r.data) as Subscription);
  }
}
