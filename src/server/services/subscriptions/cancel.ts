import type { Subscription } from '../../../shared/api/orders.js';
import type { Trx } from '../../db/database.js';
import { announceSubscriptionStatus } from '../../events/subscription-events.js';
import { recordChanges } from '../../sync/record.js';
import { subscriptionChange, toSubscription } from '../../wire/order.js';
import { Failure } from '../failure.js';
import { findSubscription } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import type { Scope } from '../scope.js';

/**
 * Turns auto-renew off: the subscription stays active until its period end (the service runs to
 * its end, which was paid for), is not charged again, and nothing is refunded. The renewal job
 * ends it at the period end. Cancelling again answers the same subscription.
 */
export function cancelAutoRenew(
  trx: Trx,
  scope: Scope,
  input: { subscriptionId: string },
  now: string,
): Promise<Result<Subscription, 'not_found' | 'conflict'>> {
  return attempt(['not_found', 'conflict'], async () => {
    // The row is moved only as it was read. A renewal committed in between (the job, another
    // process) is read again and cancelled as it now is, so the period just paid for runs to its
    // end rather than being ended at the old period end (or, past due and paid, ended at once).
    for (let tries = 0; tries < 3; tries += 1) {
      const sub = await findSubscription(trx, scope, input.subscriptionId);
      if (sub.auto_renew === 0) return toSubscription(sub);
      if (sub.status !== 'active' && sub.status !== 'past_due') {
        throw new Failure('conflict', `this subscription is already ${sub.status}`, undefined, {
          key: 'subscription_already_ended',
          values: { status: sub.status },
        });
      }
      // Past due: nothing was paid for beyond the period end, so it ends now.
      const ended = sub.status === 'past_due';
      const changes = {
        auto_renew: 0,
        status: ended ? ('cancelled' as const) : sub.status,
        next_attempt_at: ended ? null : sub.current_period_end,
        updated_at: now,
      };
      const moved = await trx
        .updateTable('subscriptions')
        .set(changes)
        .where('id', '=', sub.id)
        .where('auto_renew', '=', 1)
        .where('status', '=', sub.status)
        .where('current_period_end', '=', sub.current_period_end)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) === 0) continue;
      const updated = { ...sub, ...changes };
      await recordChanges(trx, now, [subscriptionChange(updated, 'update')]);
      await announceSubscriptionStatus(trx, updated, sub.status, now); // webhooks: issue 12
      return toSubscription(updated);
    }
    throw new Failure(
      'conflict',
      'this subscription kept changing while auto-renew was turned off; try again',
      undefined,
      { key: 'subscription_changed_meanwhile', values: {} },
    );
  });
}
