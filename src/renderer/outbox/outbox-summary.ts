import type { OutboxSummary } from '../../shared/outbox-summary';
import { i18n } from '../i18n';
import { formatAmount } from '../lib/format';
import { providerLabel } from '../payments/payment-labels';

/**
 * A queued write's summary in the current language: main stores a key and its values, so a write
 * queued before a language switch reads in the new language, amounts in its locale. A `legacy`
 * summary is the English sentence an earlier version stored, shown as it was written.
 */
export function outboxSummary(summary: OutboxSummary): string {
  switch (summary.key) {
    case 'legacy':
      return summary.values.text;
    case 'walletCredit':
      return i18n.t('outbox:summary.walletCredit', { amount: money(summary.values) });
    case 'walletAdjust':
      return i18n.t('outbox:summary.walletAdjust', {
        amount: money(summary.values, true),
        reason: summary.values.reason,
      });
    case 'topUp':
      return i18n.t('outbox:summary.topUp', {
        amount: money(summary.values),
        provider: providerLabel(String(summary.values.provider)),
      });
    case 'invoiceDraft':
      return summary.values.name
        ? i18n.t('outbox:summary.invoiceDraftFor', {
            amount: money(summary.values),
            name: summary.values.name,
          })
        : i18n.t('outbox:summary.invoiceDraft', { amount: money(summary.values) });
    case 'walletCreate': {
      const { amount, ...values } = summary.values;
      return amount === undefined
        ? i18n.t('outbox:summary.walletCreate', values)
        : i18n.t('outbox:summary.walletCreateWith', {
            ...values,
            amount: money({ amount, currency: values.currency }),
          });
    }
    case 'customerCreate':
    case 'ticketOpen':
    case 'ticketReply':
    case 'orderFulfil':
    case 'subscriptionCancel':
      return i18n.t(`outbox:summary.${summary.key}`, summary.values);
  }
}

function money(values: { amount: number; currency: string }, signed = false): string {
  return formatAmount(values.amount, values.currency, { signed });
}
