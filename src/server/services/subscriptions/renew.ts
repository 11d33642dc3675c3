import type { Subscription } from '../../../shared/api/orders.js';
import type { Wallet, WalletTransaction } from '../../../shared/api/wallets.js';
import type { Trx } from '../../db/database.js';
import type { SubscriptionAttemptTable, SubscriptionTable } from '../../db/schema.js';
import { announceSubscriptionRenewed } from '../../events/subscription-events.js';
import { postEntry } from '../../ledger/movements.js';
import { ordersId } from '../../lib/order-ids.js';
import { recordChanges } from '../../sync/record.js';
import { attemptChange, subscriptionChange, toSubscription } from '../../wire/order.js';
import { Failure } from '../failure.js';
import { findSubscription } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import type { Scope } from '../scope.js';
import { addPeriod } from './periods.js';

export interface Renewed {
  subscription: Subscription;
  transaction: WalletTransaction;
  wallet: Wallet;
}

/** Records one renewal attempt (and its feed change) in the caller's transaction. */
export async function recordAttempt(
  trx: Trx,
  sub: SubscriptionTable,
  attempt: Pick<SubscriptionAttemptTable, 'trigger' | 'outcome' | 'detail'> &
    Partial<Pick<SubscriptionAttemptTable, 'transaction_id' | 'payment_id'>>,
  now: string,
): Promise<SubscriptionAttemptTable> {
  const row: SubscriptionAttemptTable = {
    id: ordersId('attempt', Date.parse(now)),
    reseller_id: sub.reseller_id,
    customer_id: sub.customer_id,
    subscription_id: sub.id,
    period_end: sub.current_period_end,
    trigger: attempt.trigger,
    outcome: attempt.outcome,
    amount: sub.amount,
    transaction_id: attempt.transaction_id ?? null,
    payment_id: attempt.payment_id ?? null,
    detail: attempt.detail,
    created_at: now,
  };
  await trx.insertInto('subscription_attempts').values(row).execute();
  await recordChanges(trx, now, [attemptChange(row)]);
  return row;
}

/**
 * The number of the order that started `sub` while that order is still `provisioning`, else null.
 * Its outcome decides what the subscription is (failed: none; partial: fewer units), so a renewal
 * charged before then would pay for units that may never exist. The renewal job does not lease such
 * a subscription (renewals.ts); "Renew now" is refused `conflict`.
 */
export async function awaitingProvisioning(trx: Trx, sub: SubscriptionTable): Promise<string | null> {
  const order = await trx
    .selectFrom('orders')
    .select(['number', 'status'])
    .where('id', '=', sub.order_id)
    .executeTakeFirst();
  return order?.status === 'provisioning' ? order.number : null;
}

/**
 * Charges one period from the wallet and moves the period on: from the old period end when the
 * subscription is active (paid on time, or early by "Renew now"), from now when it was past due.
 * The period moves by a conditional update on the period end read, in the same transaction as the
 * payment row: of two processes renewing one subscription at once, one charges and the other's
 * transaction is refused `conflict` and rolled back, so a period is charged once; so is the job's
 * charge when auto-renew was turned off after it read the subscription.
 * Nothing is charged while the order that started the subscription is still provisioning (see
 * awaitingProvisioning). Throws `insufficient_funds` / `wallet_closed` from the ledger, having
 * written nothing.
 */
export async function chargePeriod(
  trx: Trx,
  sub: SubscriptionTable,
  trigger: SubscriptionAttemptTable['trigger'],
  now: string,
): Promise<Renewed> {
  const scope: Scope = { resellerId: sub.reseller_id, canWrite: true };
  const waitingFor = await awaitingProvisioning(trx, sub);
  if (waitingFor !== null) {
    throw new Failure(
      'conflict',
      `order ${waitingFor} is still being provisioned; renew this subscription once it is provisioned`,
      undefined,
      { key: 'order_provisioning', values: { order: waitingFor } },
    );
  }
  const start = sub.status === 'past_due' ? now : sub.current_period_end;
  const end = addPeriod(start, sub.period);
  const movement = await postEntry(
    trx,
    scope,
    sub.wallet_id,
    {
      type: 'payment',
      amount: -sub.amount,
      description: `Renewal: ${sub.quantity} × ${sub.product_name}, ${start.slice(0, 10)} to ${end.slice(0, 10)}`,
      wording: {
        kind: 'renewal',
        quantity: sub.quantity,
        product: sub.product_name,
        from: start.slice(0, 10),
        to: end.slice(0, 10),
      },
      reference: sub.id,
      relatedId: sub.id,
    },
    now,
  );
  const moved = await trx
    .updateTable('subscriptions')
    .set({
      status: 'active',
      current_period_start: start,
      current_period_end: end,
      next_attempt_at: end,
      past_due_since: null,
      pending_payment_id: null,
      updated_at: now,
    })
    .where('id', '=', sub.id)
    .where('current_period_end', '=', sub.current_period_end)
    .where('status', 'in', ['active', 'past_due'])
    // The job charges only while auto-renew is still on: a cancel that committed after the job read
    // the row is not charged for ("Renew now" is the customer's own choice, auto-renew or not).
    .$if(trigger === 'schedule', (q) => q.where('auto_renew', '=', 1))
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) === 0) {
    throw new Failure('conflict', 'this subscription was renewed or ended meanwhile', undefined, {
      key: 'subscription_changed_meanwhile',
      values: {},
    });
  }
  await recordAttempt(
    trx,
    sub,
    { trigger, outcome: 'paid', detail: `paid until ${end}`, transaction_id: movement.transaction.id },
    now,
  );
  const updated: SubscriptionTable = {
    ...sub,
    status: 'active',
    current_period_start: start,
    current_period_end: end,
    next_attempt_at: end,
    past_due_since: null,
    pending_payment_id: null,
    updated_at: now,
  };
  await recordChanges(trx, now, [subscriptionChange(updated, 'update')]);
  await announceSubscriptionRenewed(trx, updated, movement.transaction, now); // webhooks: issue 12
  return {
    subscription: toSubscription(updated),
    transaction: movement.transaction,
    wallet: movement.wallet,
  };
}

/**
 * "Renew now": pays the next period from the wallet at once (an active subscription is extended by
 * a period; a past-due one starts a new period today). Admin, or the customer for its own.
 */
export function renewNow(
  trx: Trx,
  scope: Scope,
  input: { subscriptionId: string },
  now: string,
): Promise<Result<Renewed, 'not_found' | 'conflict' | 'insufficient_funds' | 'wallet_closed'>> {
  return attempt(['not_found', 'conflict', 'insufficient_funds', 'wallet_closed'], async () => {
    const sub = await findSubscription(trx, scope, input.subscriptionId);
    if (sub.status !== 'active' && sub.status !== 'past_due') {
      throw new Failure(
        'conflict',
        `this subscription is ${sub.status}; order the product again instead`,
        undefined,
        { key: 'subscription_ended_order_again', values: { status: sub.status } },
      );
    }
    return chargePeriod(trx, sub, 'manual', now);
  });
}
