import type { Refund } from '../../shared/api/refunds';
import type { BadgeTone } from '../components/Badge';
import { PROVIDER_LABELS } from './payment-labels';

/** The console's words for a refund's status (keys of the payments catalogue) and its badge tone. */
const REFUND_STATUS: Record<string, { labelKey: string; tone: BadgeTone }> = {
  pending: { labelKey: 'pending', tone: 'pending' },
  succeeded: { labelKey: 'refunded', tone: 'success' },
  failed: { labelKey: 'refusedCreditedBack', tone: 'danger' },
};

/**
 * A refund's state in words: one the provider accepted but the card's bank has not settled yet
 * (pending, with the provider's refund id) says so, not merely "pending"; one that failed with
 * nothing credited back (its wallet was closed by then) says its money waits in a payment review;
 * one held for staff unanswered (heldForReview) says it is not confirmed and staff are checking it
 * with its provider (`values` names it).
 */
export function refundStatusLabel(
  refund: Pick<Refund, 'status' | 'providerRefundId' | 'compensationId'> &
    Partial<Pick<Refund, 'heldForReview' | 'provider'>>,
): {
  labelKey: string | null;
  tone: BadgeTone;
  values?: { provider: string };
} {
  if (refund.status === 'pending' && refund.heldForReview === true) {
    const provider = refund.provider ? PROVIDER_LABELS[refund.provider] : null;
    return { labelKey: 'refundHeldUnconfirmed', tone: 'warning', values: { provider: provider ?? '—' } };
  }
  if (refund.status === 'pending' && refund.providerRefundId !== null) {
    return { labelKey: 'refundPendingAtBank', tone: 'pending' };
  }
  if (refund.status === 'failed' && refund.compensationId === null) {
    return { labelKey: 'refusedToReview', tone: 'danger' };
  }
  return REFUND_STATUS[refund.status] ?? { labelKey: null, tone: 'neutral' };
}
