import type { Refund } from '../../shared/api/refunds';
import { i18n } from '../i18n';
import { formatAmount } from '../lib/format';

/**
 * Why a provider refused a refund, in the console's language, from its failure code; a refund
 * without a code this console knows (from an older server) shows the provider's English, or that
 * it was refused.
 */
export function refundRefusalText(refund: Pick<Refund, 'failureCode' | 'failureReason'>): string {
  const key = refund.failureCode ? `wallet:refundFailure.${refund.failureCode}` : null;
  if (key && i18n.exists(key)) return i18n.t(key);
  return refund.failureReason ?? i18n.t('wallet:refundRefusedFallback');
}

/** The refused refunds of a close, each "amount (why)", for the sentence that says the wallet stays open. */
export function refusedRefundsText(refunds: readonly Refund[]): string {
  return refunds
    .filter((r) => r.status === 'failed')
    .map((r) => `${formatAmount(r.amount, r.currency)} (${refundRefusalText(r)})`)
    .join(', ');
}
