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

/**
 * Why a wallet asked to close stays open (the server closes it only when every refund went through
 * and nothing is left on it): refunds refused (their money is back on it), a refund its provider has
 * not answered yet (a refund accepted and pending at the bank counts as through), or money that
 * reached the wallet while it was being closed.
 */
export function stillOpenText(refunds: readonly Refund[]): string {
  const refused = refusedRefundsText(refunds);
  if (refused !== '') return i18n.t('wallet:aRefundWasRefused', { value2: refused });
  const unanswered = refunds.filter((r) => r.status === 'pending' && r.providerRefundId === null);
  if (unanswered.length > 0) {
    const amounts = unanswered.map((r) => formatAmount(r.amount, r.currency)).join(', ');
    return i18n.t('wallet:aRefundHasNoAnswerYet', { amounts });
  }
  return i18n.t('wallet:moneyArrivedWhileClosing');
}
