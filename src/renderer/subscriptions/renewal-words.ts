import { i18n, translatedLabels } from '../i18n';
import { formatAmount, formatDate } from '../lib/format';
import type { Subscription, SubscriptionStatus } from '../../shared/api/orders';
import type { BadgeTone } from '../components/Badge';

export const SUBSCRIPTION_STATUS_LABELS = translatedLabels<SubscriptionStatus>(
  'subscriptions',
  'subscriptionStatus',
  ['active', 'past_due', 'cancelled', 'expired'],
);

export const SUBSCRIPTION_STATUS_TONES: Record<SubscriptionStatus, BadgeTone> = {
  active: 'success',
  past_due: 'warning',
  cancelled: 'neutral',
  expired: 'danger',
};

/** Whether the wallet's available balance covers the next renewal (the server decides at the time). */
export function covers(sub: Pick<Subscription, 'amount'>, available: number | undefined): boolean | null {
  return available === undefined ? null : available >= sub.amount;
}

/** Past due subscriptions are retried 1, 3 and 5 days after the period end and expire after 7. */
export const RETRY_SCHEDULE_WORDS = 'retried 1, 3 and 5 days after the renewal date, and ended after 7';

/** The grace period of a past-due subscription: it ends this long after it fell past due (server periods.ts). */
const GRACE_MS = 7 * 86_400_000;

/**
 * The renewal-date cell: the day it renews; with auto-renew off, the day it ends; past due, not the
 * renewal day that passed but when it is tried again and the day it ends unless paid.
 */
export function renewalDateWords(
  sub: Pick<Subscription, 'status' | 'autoRenew' | 'currentPeriodEnd' | 'nextAttemptAt' | 'pastDueSince'>,
): string {
  if (sub.status === 'past_due' && sub.nextAttemptAt !== null) {
    const since = Date.parse(sub.pastDueSince ?? sub.currentPeriodEnd);
    return i18n.t('subscriptions:pastDueRetry', {
      retry: formatDate(sub.nextAttemptAt),
      end: formatDate(new Date(since + GRACE_MS).toISOString()),
    });
  }
  if (!sub.autoRenew) return i18n.t('subscriptions:ends', { date: formatDate(sub.currentPeriodEnd) });
  return formatDate(sub.currentPeriodEnd);
}

/** What "Renew now" pays for: one more period from the current end, or (past due) a new period from today. */
export function renewNowWords(sub: Pick<Subscription, 'status'>, amount: string): string {
  return sub.status === 'past_due'
    ? i18n.t('subscriptions:renewNowStartsToday', { amount })
    : i18n.t('subscriptions:renewNowTakes', { amount });
}

/**
 * A `renewal_not_covered` notice, worded from the subscription it is about: the server's `message` is
 * its English, which a console in another language must not show as is.
 */
export function renewalNoticeWords(
  sub: Pick<Subscription, 'productName' | 'currentPeriodEnd' | 'amount' | 'currency'>,
): string {
  return i18n.t('subscriptions:renewalNotCovered', {
    product: sub.productName,
    date: formatDate(sub.currentPeriodEnd),
    amount: formatAmount(sub.amount, sub.currency),
  });
}
