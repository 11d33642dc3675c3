import { translatedLabels } from '../i18n';
import type { PaymentReview } from '../../shared/api/payments';

/** Why a provider's event went to review instead of crediting, in words for the reseller. */
export const REVIEW_REASON_LABELS = translatedLabels<PaymentReview['reason']>('payments', 'reviewReason', [
  'payment',
  'reference',
  'recipient',
  'currency',
  'amount',
  'overpaid',
  'unmatched',
  'reversal',
  'network',
]);
