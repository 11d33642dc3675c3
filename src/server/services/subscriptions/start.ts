import type { Trx } from '../../db/database.js';
import type { BillingPeriod, OrderTable, SubscriptionTable } from '../../db/schema.js';
import { announceSubscriptionStarted } from '../../events/subscription-events.js';
import { ordersId } from '../../lib/order-ids.js';
import { recordChanges } from '../../sync/record.js';
import { subscriptionChange } from '../../wire/order.js';
import { addPeriod } from './periods.js';

/**
 * The subscription an order of a periodic product starts: its first period is paid by the order,
 * auto-renew is on, and the renewal job looks at it again at the period end.
 */
export async function startSubscription(
  trx: Trx,
  order: OrderTable,
  period: Exclude<BillingPeriod, 'none'>,
  now: string,
): Promise<SubscriptionTable> {
  const end = addPeriod(now, period);
  const row: SubscriptionTable = {
    id: ordersId('subscription', Date.parse(now)),
    reseller_id: order.reseller_id,
    customer_id: order.customer_id,
    wallet_id: order.wallet_id,
    product_id: order.product_id,
    order_id: order.id,
    product_name: order.product_name,
    quantity: order.quantity,
    amount: order.total,
    currency: order.currency,
    period,
    status: 'active',
    auto_renew: 1,
    current_period_start: now,
    current_period_end: end,
    next_attempt_at: end,
    past_due_since: null,
    notified_period_end: null,
    pending_payment_id: null,
    lease_until: null,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('subscriptions').values(row).execute();
  await recordChanges(trx, now, [subscriptionChange(row, 'create')]);
  await announceSubscriptionStarted(trx, row, now); // webhooks: issue 12
  return row;
}
