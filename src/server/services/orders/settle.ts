import { PROVISIONING_TIMEOUT_REASON, type Order } from '../../../shared/api/orders.js';
import type { LedgerWording } from '../../../shared/api/ledger-wording.js';
import type { WalletTransaction } from '../../../shared/api/wallets.js';
import type { Store, Trx } from '../../db/database.js';
import type { OrderTable, SubscriptionTable } from '../../db/schema.js';
import { announceOrderSettled } from '../../events/order-events.js';
import { announceSubscriptionStatus } from '../../events/subscription-events.js';
import { recordChanges, type ChangeInput } from '../../sync/record.js';
import { orderChange, subscriptionChange, toOrder } from '../../wire/order.js';
import { toTransaction } from '../../wire/transaction.js';
import { Failure } from '../failure.js';
import { findOrder, type Reader } from '../lookups.js';
import { refundedSoFar, refundPayment } from '../refunds/refund-payment.js';
import { attempt, unwrap, type Result } from '../result.js';
import { requireWrite, type Scope } from '../scope.js';
import { unprovisionedShare } from './refund-share.js';
import { refundRenewalCharges } from './renewal-refunds.js';

export interface SettledOrder {
  order: Order;
  /** The refund row this report made (or, on a repeat, made before); null when nothing came back. */
  refund: WalletTransaction | null;
}

type SettleFailure = 'not_found' | 'validation' | 'conflict' | 'forbidden' | 'wallet_closed';
const SETTLE_FAILURES: SettleFailure[] = [
  'not_found',
  'validation',
  'conflict',
  'forbidden',
  'wallet_closed',
];

/**
 * The provisioning system reports how many units it provisioned: all → `completed`; some →
 * `partial` and the unprovisioned share refunded (unprovisionedShare: rounded once, up); none →
 * `failed` and all of it refunded; renewals charged meanwhile are refunded alike (renewal-refunds.ts).
 * The same report again answers the same outcome (idempotent); a different one after the order
 * settled is a `conflict`.
 */
export function reportFulfilment(
  trx: Trx,
  scope: Scope,
  input: { orderId: string; provisioned: number },
  now: string,
): Promise<Result<SettledOrder, SettleFailure>> {
  return attempt(SETTLE_FAILURES, async () => {
    requireWrite(scope);
    const order = await findOrder(trx, scope, input.orderId);
    if (input.provisioned > order.quantity) {
      throw new Failure(
        'validation',
        `the order is for ${order.quantity}; at most that many can be provisioned`,
        'provisioned',
        { key: 'provisioned_too_many', values: { quantity: order.quantity } },
      );
    }
    return settle(trx, scope, order, { provisioned: input.provisioned, reason: null }, now);
  });
}

/** The provisioning system gave up on the order: `failed`, and 100% refunded. */
export function failOrder(
  trx: Trx,
  scope: Scope,
  input: { orderId: string; reason: string },
  now: string,
): Promise<Result<SettledOrder, SettleFailure>> {
  return attempt(SETTLE_FAILURES, async () => {
    requireWrite(scope);
    const order = await findOrder(trx, scope, input.orderId);
    return settle(trx, scope, order, { provisioned: 0, reason: input.reason }, now);
  });
}

function outcomeOf(order: Pick<OrderTable, 'quantity'>, provisioned: number): OrderTable['status'] {
  if (provisioned === order.quantity) return 'completed';
  return provisioned === 0 ? 'failed' : 'partial';
}

/**
 * Moves a `provisioning` order to its outcome once: the status changes by a conditional update,
 * so of two concurrent reports (two API processes, the timeout job) one settles it and the other
 * reads the result.
 */
export async function settle(
  trx: Trx,
  scope: Scope,
  order: OrderTable,
  report: { provisioned: number; reason: string | null },
  now: string,
): Promise<SettledOrder> {
  const status = outcomeOf(order, report.provisioned);
  const claimed = await trx
    .updateTable('orders')
    .set({ status, provisioned: report.provisioned, failure_reason: report.reason, updated_at: now })
    .where('id', '=', order.id)
    .where('status', '=', 'provisioning')
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) {
    const current = await trx
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    if (current.status === status && current.provisioned === report.provisioned) {
      return { order: toOrder(current), refund: await refundRow(trx, current) };
    }
    throw new Failure(
      'conflict',
      `order ${current.number} is already ${current.status}` +
        (current.provisioned === null ? '' : ` (${current.provisioned} of ${current.quantity} provisioned)`),
      undefined,
      { key: 'order_already_settled', values: { order: current.number, status: current.status } },
    );
  }
  // Staff may have refunded part of the payment by hand meanwhile (POST /v1/wallet-transactions/:id/
  // refunds): the outcome refunds its share up to what is left, so all refunds together never pass
  // the payment (refundPayment re-checks under the wallet lock) and the report is never refused.
  const before = await refundedSoFar(trx, order.payment_transaction_id);
  const amount = Math.min(
    unprovisionedShare(order.total, order.quantity, report.provisioned),
    order.total - before,
  );
  const updated: OrderTable = {
    ...order,
    status,
    provisioned: report.provisioned,
    failure_reason: report.reason,
    updated_at: now,
  };
  let refund: WalletTransaction | null = null;
  if (amount > 0) {
    const missing = order.quantity - report.provisioned;
    const reason =
      status === 'failed'
        ? `Refund: order ${order.number} failed${report.reason ? ` (${report.reason})` : ''}`
        : `Refund: ${missing} of ${order.quantity} × ${order.product_name} not provisioned (${order.number})`;
    const wording: LedgerWording =
      status === 'failed'
        ? { kind: 'order_failed', order: order.number, reason: report.reason }
        : {
            kind: 'order_unprovisioned',
            order: order.number,
            missing,
            quantity: order.quantity,
            product: order.product_name,
          };
    const moved = unwrap(
      await refundPayment(
        trx,
        scope,
        { transactionId: order.payment_transaction_id, amount, reason, reference: order.number, wording },
        now,
      ),
    );
    refund = moved.transaction;
    updated.refund_transaction_id = refund.id;
  }
  // What came back of the order in all: its refund and any made by hand before it.
  updated.refunded = before + Math.max(amount, 0);
  if (updated.refunded > 0) {
    await trx
      .updateTable('orders')
      .set({ refunded: updated.refunded, refund_transaction_id: updated.refund_transaction_id })
      .where('id', '=', order.id)
      .execute();
  }
  // After the order's own refund (which locked the wallet): renewals charged while it provisioned.
  await refundRenewalCharges(trx, scope, updated, now);
  const changes: ChangeInput[] = [orderChange(updated, 'update')];
  const subscription = order.subscription_id ? await shrinkSubscription(trx, updated, now) : null;
  if (subscription) changes.push(subscriptionChange(subscription, 'update'));
  await recordChanges(trx, now, changes);
  await announceOrderSettled(trx, updated, refund, now); // webhooks: issue 12
  return { order: toOrder(updated), refund };
}

/** A partly provisioned order renews what was provisioned; a failed one starts no subscription at all. */
async function shrinkSubscription(
  trx: Trx,
  order: OrderTable,
  now: string,
): Promise<SubscriptionTable | null> {
  if (order.status === 'completed' || !order.subscription_id) return null;
  const sub = await trx
    .selectFrom('subscriptions')
    .selectAll()
    .where('id', '=', order.subscription_id)
    .executeTakeFirst();
  if (!sub) return null;
  const changes: Partial<SubscriptionTable> =
    order.status === 'failed'
      ? { status: 'cancelled', auto_renew: 0, next_attempt_at: null, updated_at: now }
      : {
          quantity: order.provisioned ?? 0,
          amount: order.unit_price * (order.provisioned ?? 0),
          updated_at: now,
        };
  await trx.updateTable('subscriptions').set(changes).where('id', '=', sub.id).execute();
  await announceSubscriptionStatus(trx, { ...sub, ...changes }, sub.status, now); // webhooks: issue 12
  return { ...sub, ...changes };
}

async function refundRow(db: Reader, order: OrderTable): Promise<WalletTransaction | null> {
  if (!order.refund_transaction_id) return null;
  const row = await db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('id', '=', order.refund_transaction_id)
    .executeTakeFirst();
  return row ? toTransaction(row) : null;
}

/** The timeout job's first retry of a refused refund waits this long, doubling each time, ms. */
const TIMEOUT_RETRY_MS = 2 * 60_000;
/** … up to this: a wallet made to take the money (room made, reopened) is tried within 6 hours. */
const TIMEOUT_RETRY_MAX_MS = 6 * 60 * 60_000;

/** An order the timeout job could not refund, for the operator's log (app.ts) and staff. */
export interface RefusedTimeout {
  orderId: string;
  orderNumber: string;
  resellerId: string;
  walletId: string;
  code: string;
  reason: string;
  refusals: number;
  retryAt: string;
}

/**
 * The timeout job: every order still `provisioning` past its product's timeout fails and is
 * refunded in full, each in its own transaction. Any number of API processes may run it at once:
 * settle() claims each order by a conditional update, so it is refunded once.
 *
 * A refund its wallet refuses (at its maximum balance, closed) leaves the order provisioning; the
 * refusal is kept on the order (`timeout_refusal`, counted by the `orders_timeout_refund_refused`
 * gauge), reported through `onRefused` (a warning in the operator's log), and the order is retried
 * with a doubling backoff. Orders never refused come first in the batch, so a batch full of stuck
 * orders never keeps the job from the others.
 */
export async function failStuckOrders(
  store: Store,
  now: string,
  options: { limit?: number; onRefused?: (refused: RefusedTimeout) => void } = {},
): Promise<number> {
  const stuck = await store.db
    .selectFrom('orders')
    .select(['id', 'reseller_id'])
    .where('status', '=', 'provisioning')
    .where('provision_by', '<=', now)
    .where((eb) => eb.or([eb('timeout_retry_at', 'is', null), eb('timeout_retry_at', '<=', now)]))
    .orderBy('timeout_refusals')
    .orderBy('provision_by')
    .limit(options.limit ?? 100)
    .execute();
  let failed = 0;
  for (const { id, reseller_id } of stuck) {
    const scope: Scope = { resellerId: reseller_id, canWrite: true };
    try {
      const done = await store.write(async (trx) => {
        const order = await trx
          .selectFrom('orders')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        if (order.status !== 'provisioning') return false;
        await settle(trx, scope, order, { provisioned: 0, reason: PROVISIONING_TIMEOUT_REASON }, now);
        return true;
      });
      if (done) failed += 1;
    } catch (error) {
      // A fault is rethrown; settled meanwhile by a report (conflict) is nothing to retry.
      if (!(error instanceof Failure)) throw error;
      if (error.code === 'conflict') continue;
      const refused = await recordRefusal(store, id, error, now);
      if (refused) options.onRefused?.(refused);
    }
  }
  return failed;
}

async function recordRefusal(
  store: Store,
  id: string,
  failure: Failure,
  now: string,
): Promise<RefusedTimeout | null> {
  return store.write(async (trx) => {
    const order = await trx
      .selectFrom('orders')
      .select(['number', 'reseller_id', 'wallet_id', 'status', 'timeout_refusals'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    if (order.status !== 'provisioning') return null;
    const refusals = order.timeout_refusals + 1;
    const waitMs = Math.min(TIMEOUT_RETRY_MS * 2 ** (refusals - 1), TIMEOUT_RETRY_MAX_MS);
    const retryAt = new Date(Date.parse(now) + waitMs).toISOString();
    const updated = await trx
      .updateTable('orders')
      .set({
        timeout_refusals: refusals,
        timeout_refusal: `${failure.code}: ${failure.message}`,
        timeout_retry_at: retryAt,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('status', '=', 'provisioning')
      .returningAll()
      .executeTakeFirstOrThrow();
    // Consoles show the order's refund as stuck, why, and when it is tried next (Order.refundStuck).
    await recordChanges(trx, now, [orderChange(updated, 'update')]);
    return {
      orderId: id,
      orderNumber: order.number,
      resellerId: order.reseller_id,
      walletId: order.wallet_id,
      code: failure.code,
      reason: failure.message,
      refusals,
      retryAt,
    };
  });
}
