import type BetterSqlite3 from 'better-sqlite3';
import type { Notice, Order, OrderStatus, Subscription } from '../../shared/api/orders.js';
import type { LaterThan, OlderThan, OrderView, RenewalView } from '../../shared/ipc-contract.js';
import { toTransaction, type TransactionRow } from './cache-rows.js';
import { belowCreated, newestFirst, soonestRenewalFirst, type ListCondition } from './keyset-pages.js';

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

  /** One order with what it started and wrote, each read by its primary or unique key. */
  order(id: string): OrderView | null {
    const data = (
      this.db.prepare('select data from orders where id = ?').get(id) as { data: string } | undefined
    )?.data;
    if (data === undefined) return null;
    const order = JSON.parse(data) as Order;
    const subscription = order.subscriptionId
      ? (
          this.db.prepare('select data from subscriptions where id = ?').get(order.subscriptionId) as
            { data: string } | undefined
        )?.data
      : undefined;
    const payment = this.db
      .prepare('select * from transactions where id = ?')
      .get(order.paymentTransactionId) as TransactionRow | undefined;
    // Every refund of the order's payment: the one its outcome made, and any staff made by hand
    // (POST /v1/wallet-transactions/:id/refunds) while it provisioned. A wallet's refunds are few;
    // the (wallet, type, type_ordinal) index finds them in the order they were made.
    const refunds = (
      this.db
        .prepare(
          `select * from transactions
            where wallet_id = ? and type = 'refund' and (related_id = ? or id = ?)
            order by type_ordinal`,
        )
        .all(order.walletId, order.paymentTransactionId, order.refundTransactionId) as TransactionRow[]
    ).map(toTransaction);
    return {
      order,
      subscription: subscription === undefined ? null : (JSON.parse(subscription) as Subscription),
      payment: payment ? toTransaction(payment) : null,
      refunds,
    };
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

  /**
   * Soonest renewal first, after `laterThan` when given (see soonestRenewalFirst). `live`: active or
   * past due; `renewingBefore`: live ones whose period ends before then.
   */
  subscriptions(
    filter: {
      customerId?: string | undefined;
      live?: boolean | undefined;
      renewingBefore?: string | undefined;
    },
    limit = 500,
    laterThan?: LaterThan,
  ): RenewalView[] {
    const live = filter.live === true || filter.renewingBefore !== undefined;
    const conditions: ListCondition[] = [
      ['customer_id = ?', filter.customerId],
      // Spelled as the partial indexes' condition (cache migration 270), so SQLite can use them.
      ...(live ? [[`status in ('active', 'past_due')`] as const] : []),
      [
        'current_period_end < ?',
        filter.renewingBefore === undefined ? undefined : new Date(filter.renewingBefore).toISOString(),
      ],
    ];
    const after = laterThan && { at: laterThan.currentPeriodEnd, id: laterThan.id };
    const subscriptions = soonestRenewalFirst(this.db, conditions, after, limit).map(
      (data) => JSON.parse(data) as Subscription,
    );
    const provisioning = this.provisioningOrders(subscriptions.map((s) => s.orderId));
    return subscriptions.map((s) => ({ ...s, provisioningOrder: provisioning.get(s.orderId) ?? null }));
  }

  /** Of these orders, the numbers of those still provisioning, by id: one read for a whole page. */
  private provisioningOrders(orderIds: string[]): Map<string, string> {
    if (orderIds.length === 0) return new Map();
    const rows = this.db
      .prepare(
        `select id, json_extract(data, '$.number') as number from orders
         where id in (select value from json_each(?)) and status = 'provisioning'`,
      )
      .all(JSON.stringify(orderIds)) as Array<{ id: string; number: string }>;
    return new Map(rows.map((r) => [r.id, r.number]));
  }
}
