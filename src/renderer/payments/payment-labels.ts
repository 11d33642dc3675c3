import { i18n, translatedLabels } from '../i18n';
import {
  heldUnanswered,
  type Payment,
  type PaymentProviderId,
  type PaymentStatus,
} from '../../shared/api/payments';
import type { BadgeTone } from '../components/Badge';

export const PAYMENT_STATUS_LABELS = translatedLabels<PaymentStatus>('payments', 'paymentStatus', [
  'new',
  'processing',
  'paid',
  'cancelled',
  'expired',
  'failed',
]);

export const PAYMENT_STATUS_TONES: Record<PaymentStatus, BadgeTone> = {
  new: 'pending',
  processing: 'info',
  paid: 'success',
  cancelled: 'neutral',
  expired: 'neutral',
  failed: 'danger',
};

export const PROVIDER_LABELS = translatedLabels<PaymentProviderId>('payments', 'provider', [
  'sandbox',
  'crypto',
  'vietqr',
  'stripe',
  'paypal',
  'cryptomus',
  'tazapay',
]);

/** A provider's name in the console's language; an id this release does not know, as it is. */
export const providerLabel = (id: string): string =>
  Object.hasOwn(PROVIDER_LABELS, id) ? PROVIDER_LABELS[id as PaymentProviderId] : id;

type StatusFacts = Pick<Payment, 'status' | 'heldForReview'> &
  Partial<Pick<Payment, 'savedMethodId' | 'checkout'>>;

/**
 * A payment's status in words. Paid at its provider, its money held for staff: not "Awaiting
 * payment", or the payer pays again. Its charge unanswered and held for staff to look up
 * (heldUnanswered): not "Paid" either, nothing is known to have arrived.
 */
export function paymentStatusLabel(payment: StatusFacts): string {
  if (!payment.heldForReview) return PAYMENT_STATUS_LABELS[payment.status];
  return i18n.t(
    heldUnanswered(payment)
      ? 'payments:paymentStatus.heldUnanswered'
      : 'payments:paymentStatus.heldForReview',
  );
}

/**
 * The badges a payment shows: its status (paymentStatusLabel), whether too little or too much
 * arrived, and whether it is a test (the sandbox gateway: no real money, whatever the status says).
 */
export function paymentBadges(payment: StatusFacts & Pick<Payment, 'underpaid' | 'overpaid' | 'test'>) {
  const badges: Array<{ label: string; tone: BadgeTone }> = [
    {
      label: paymentStatusLabel(payment),
      tone: payment.heldForReview ? 'warning' : PAYMENT_STATUS_TONES[payment.status],
    },
  ];
  if (payment.underpaid) badges.push({ label: i18n.t('payments:badge.underpaid'), tone: 'warning' });
  if (payment.overpaid) badges.push({ label: i18n.t('payments:badge.overpaid'), tone: 'warning' });
  if (payment.test) badges.push({ label: i18n.t('payments:badge.test'), tone: 'warning' });
  return badges;
}
