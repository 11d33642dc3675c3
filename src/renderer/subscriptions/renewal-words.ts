import { translatedLabels } from '../i18n';
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
