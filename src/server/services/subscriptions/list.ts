import type { Trx } from '../../db/database.js';
import type { SubscriptionStatus } from '../../db/schema.js';
import type { Reader } from '../lookups.js';
import type { Scope } from '../scope.js';

/** Subscriptions the caller may see; `renewingBefore`: active ones whose period ends before then. */
export function subscriptionsQuery(
  db: Reader,
  scope: Scope,
  filters: {
    customerId?: string | undefined;
    status?: SubscriptionStatus | undefined;
    renewingBefore?: string | undefined;
  },
) {
  let q = db.selectFrom('subscriptions').selectAll().where('reseller_id', '=', scope.resellerId);
  if (scope.customerId) q = q.where('customer_id', '=', scope.customerId);
  if (filters.customerId) q = q.where('customer_id', '=', filters.customerId);
  if (filters.status) q = q.where('status', '=', filters.status);
  if (filters.renewingBefore) {
    q = q
      .where('status', 'in', ['active', 'past_due'])
      .where('auto_renew', '=', 1)
      .where('current_period_end', '<', new Date(filters.renewingBefore).toISOString());
  }
  return q;
}

/** The attempts of one subscription, oldest first. */
export function attemptsOf(db: Reader, subscriptionId: string) {
  return db
    .selectFrom('subscription_attempts')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * Subscriptions that still depend on a wallet (active or past due: they will be charged, or run on
 * a paid period): closing the wallet must wait for them to end or be cancelled.
 */
export function activeSubscriptionsForWallet(trx: Pick<Trx, 'selectFrom'>, walletId: string) {
  return trx
    .selectFrom('subscriptions')
    .selectAll()
    .where('wallet_id', '=', walletId)
    .where('status', 'in', ['active', 'past_due'])
    .execute();
}
