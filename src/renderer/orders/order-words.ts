import { i18n, translatedLabels } from '../i18n';
import {
  PROVISIONING_TIMEOUT_REASON,
  type Order,
  type OrderStatus,
  type Subscription,
} from '../../shared/api/orders';
import type { BadgeTone } from '../components/Badge';
import { formatDateTime } from '../lib/format';

export const ORDER_STATUS_LABELS = translatedLabels<OrderStatus>('orders', 'orderStatus', [
  'provisioning',
  'completed',
  'partial',
  'failed',
]);

export const ORDER_STATUS_TONES: Record<OrderStatus, BadgeTone> = {
  provisioning: 'pending',
  completed: 'success',
  partial: 'warning',
  failed: 'danger',
};

/** "per month", for a renewal's amount. */
export const PERIOD_WORDS = translatedLabels<Subscription['period']>('orders', 'per', [
  'month',
  'quarter',
  'year',
]);

/** "7 of 10 provisioned", or nothing while provisioning. */
export function provisionedWords(order: Pick<Order, 'provisioned' | 'quantity'>): string | null {
  return order.provisioned === null
    ? null
    : i18n.t('orders:provisionedCount', { provisioned: order.provisioned, quantity: order.quantity });
}

/**
 * Beside an order's status: how many were provisioned, and for a failed one why (the provisioning
 * system's own words, or the server's timeout in the console's language); nothing while provisioning.
 */
export function outcomeWords(
  order: Pick<Order, 'provisioned' | 'quantity' | 'status' | 'failureReason' | 'failureCode'>,
): string | null {
  if (order.provisioned === null) return null;
  // The code where the server sends one; from an older server, the English it wrote for the timeout.
  const timedOut =
    order.failureCode !== undefined
      ? order.failureCode === 'provisioning_timed_out'
      : order.failureReason === PROVISIONING_TIMEOUT_REASON;
  const reason =
    order.status !== 'failed'
      ? null
      : timedOut
        ? i18n.t('orders:provisioningTimedOut')
        : order.failureReason || null;
  return reason === null
    ? provisionedWords(order)
    : i18n.t('orders:provisionedBecause', {
        provisioned: order.provisioned,
        quantity: order.quantity,
        reason,
      });
}

/** Why a refund a wallet refused was refused, by the refusal's code (Order.refundStuck.code). */
const REFUND_REFUSALS = new Set(['balance_limit', 'wallet_closed']);

/**
 * A timed-out order whose refund its wallet refused: that it is stuck, why, how many times, and when
 * the server tries again; null for any other order.
 */
export function refundStuckWords(order: Pick<Order, 'refundStuck'>): string | null {
  const stuck = order.refundStuck;
  if (!stuck) return null;
  const reason = REFUND_REFUSALS.has(stuck.code) ? stuck.code : 'other';
  return i18n.t('orders:refundStuckWhy', {
    count: stuck.refusals,
    reason: i18n.t(`orders:refundRefusedBecause.${reason}`),
    at: formatDateTime(stuck.retryAt),
  });
}

/**
 * The date a subscription's page gives: when it renews, or ends (auto-renew off); once ended
 * (cancelled, expired), when it did: its last write, or its period end if the job ended it after
 * that. A subscription whose order failed ended then, not at the period end it never ran to.
 */
export function subscriptionDate(
  sub: Pick<Subscription, 'status' | 'autoRenew' | 'currentPeriodEnd' | 'updatedAt'>,
): { label: string; at: string } {
  if (sub.status === 'cancelled' || sub.status === 'expired') {
    const at = sub.updatedAt < sub.currentPeriodEnd ? sub.updatedAt : sub.currentPeriodEnd;
    return { label: i18n.t('orders:endedOn'), at };
  }
  return sub.autoRenew
    ? { label: i18n.t('orders:renewsOn'), at: sub.currentPeriodEnd }
    : { label: i18n.t('orders:endsOn'), at: sub.currentPeriodEnd };
}
