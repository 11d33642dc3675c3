import type { AutoTopUpAttempt } from '../../shared/api/alerts';
import { i18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { chargeErrorText } from './alert-words';

/**
 * How an auto top-up charge ended, in the console's language: charged, still being charged, waiting
 * on a provider that could not be asked about it, failed with its error worded as the auto top-up's
 * last error is (a declined card says the bank's reason), or refused before any payment (not
 * charged, and why).
 */
export function attemptOutcomeText(attempt: AutoTopUpAttempt): string {
  switch (attempt.status) {
    case 'paid':
      return i18n.t('alerts:attempt.paid');
    case 'pending':
      return attempt.waitingOn
        ? i18n.t('alerts:attempt.waiting', {
            provider: i18n.t(`alerts:waitingOn.${attempt.waitingOn.provider}`),
            since: formatDateTime(attempt.waitingOn.since),
          })
        : i18n.t('alerts:attempt.pending');
    // Without a payment it was refused before the card was asked (limits, the card gone): the card
    // was not charged, which "failed" would leave in doubt.
    case 'failed':
      return i18n.t(attempt.paymentId === null ? 'alerts:attempt.refused' : 'alerts:attempt.failed', {
        error: chargeErrorText(attempt.error ?? '', attempt.errorReason),
      });
  }
}
