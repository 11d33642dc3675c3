import type BetterSqlite3 from 'better-sqlite3';
import {
  paymentProviders,
  topUpOptionsSchema,
  withLegacyFeeTotals,
  type Payment,
  type PaymentProviderId,
  type PaymentStatus,
} from '../../shared/api/payments.js';
import type { OlderThan } from '../../shared/ipc-contract.js';
import { belowCreated, newestFirst, type ListCondition } from './keyset-pages.js';

export interface PaymentFilter {
  walletId?: string | undefined;
  customerId?: string | undefined;
  status?: PaymentStatus | undefined;
  provider?: PaymentProviderId | undefined;
  /**
   * Only payments not paid yet (any other status), in this currency, nor paid at their provider and
   * held for staff (heldForReview): what a transfer that matched no payment may be applied to.
   */
  unpaidIn?: string | undefined;
  /** Only these payments. */
  ids?: readonly string[] | undefined;
}

/** The Payments screens' reads. A payment is cached whole, as the API sent it (JSON). */
export class PaymentReads {
  constructor(private readonly db: BetterSqlite3.Database) {}

  payment(id: string): Payment | null {
    const row = this.db.prepare('select data from payments where id = ?').get(id) as
      { data: string } | undefined;
    return row ? readPayment(row.data) : null;
  }

  /** Newest first, below `olderThan` when given (see newestFirst). */
  payments(filter: PaymentFilter, limit: number, olderThan?: OlderThan): Payment[] {
    const conditions: ListCondition[] = [
      ['wallet_id = ?', filter.walletId],
      ['customer_id = ?', filter.customerId],
      ['status = ?', filter.status],
      ['provider = ?', filter.provider],
      // Spelled as the partial index's condition (cache migration 280), so SQLite can use it.
      ...(filter.unpaidIn === undefined
        ? []
        : ([
            [`status != 'paid'`],
            // Held: its money arrived, and only its own review pays it (the API refuses another).
            [`coalesce(json_extract(data, '$.heldForReview'), 0) = 0`],
          ] as const)),
      ['currency = ?', filter.unpaidIn],
      ['id in (select value from json_each(?))', filter.ids && JSON.stringify(filter.ids)],
    ];
    return newestFirst(this.db, 'payments', conditions, belowCreated(olderThan), limit).map(readPayment);
  }

  /**
   * The providers of the cached payments (of `customerId`'s only, when given) and those offered in
   * any wallet's top-up options last fetched, in `paymentProviders` order. The payments' ones by
   * hopping along the provider index (one lookup per provider, however many payments there are).
   *
   * One customer's: a customer's cache holds its own payments and the few staff moved to another
   * customer (a held payment whose money went to that customer's wallet). Each provider found is
   * kept if a payment of it is the customer's, looked up along the same provider index (`+` keeps
   * SQLite off the customer index, which would read all of the customer's payments for a provider
   * only moved ones used): it stops at the first of the customer's, past at most the moved ones.
   */
  providers(customerId?: string): PaymentProviderId[] {
    const used = this.db
      .prepare(
        `with recursive used(provider) as (
           select min(provider) from payments
           union all
           select (select min(provider) from payments where provider > used.provider)
           from used where used.provider is not null
         )
         select provider from used where provider is not null${
           customerId === undefined
             ? ''
             : ` and exists (select 1 from payments p where p.provider = used.provider and +p.customer_id = ?)`
         }`,
      )
      .pluck()
      .all(...(customerId === undefined ? [] : [customerId])) as string[];
    const offered = (
      this.db
        .prepare(`select value from meta where key glob ?`)
        .pluck()
        .all(`${TOP_UP_OPTIONS_META}*`) as string[]
    ).flatMap((value) => {
      const options = topUpOptionsSchema.safeParse(JSON.parse(value));
      return options.success ? options.data.methods.map((m) => m.provider) : [];
    });
    const known = new Set<string>([...used, ...offered]);
    return paymentProviders.filter((p) => known.has(p));
  }
}

/** Where `top-ups:options` keeps a wallet's options last fetched, in `meta`: the prefix of the key. */
export const TOP_UP_OPTIONS_META = 'topUpOptions:';

/**
 * A cached payment, as the API sent it (older releases' ones given their fee totals, and not held:
 * the feed carried no payment held for a review before it carried `heldForReview`).
 */
export function readPayment(data: string): Payment {
  const payment = withLegacyFeeTotals(JSON.parse(data) as Payment);
  return { ...payment, heldForReview: payment.heldForReview ?? false };
}
