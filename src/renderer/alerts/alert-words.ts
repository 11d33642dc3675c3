import type { AutoTopUp, WalletAlert } from '../../shared/api/alerts';
import type { RefusalReason } from '../../shared/api/common';
import { declineWording } from '../../shared/decline-codes';
import { i18n } from '../i18n';
import { formatAmount, formatDateTime } from '../lib/format';
import { refusalWords } from '../lib/refusal-words';

/**
 * What an alert says, in the console's language, from what it carries (the balance, the threshold
 * or runway it crossed, a failed auto top-up's particulars): the server's `message` is English. An
 * alert these words do not cover (from an older server) shows the server's message.
 */
export function alertText(alert: WalletAlert): string {
  const available = formatAmount(alert.availableBalance, alert.currency);
  if (alert.type === 'wallet.balance_recovered') return i18n.t('alerts:words.recovered', { available });
  if (alert.type === 'wallet.auto_top_up_failed') return autoTopUpFailedText(alert);
  if (alert.type !== 'wallet.balance_low') return alert.message;
  if (alert.reason === 'threshold' && alert.threshold !== null) {
    return i18n.t('alerts:words.belowThreshold', {
      available,
      threshold: formatAmount(alert.threshold, alert.currency),
    });
  }
  if (alert.reason === 'runway' && alert.runwayDays !== null) {
    return i18n.t('alerts:words.runwayLow', {
      count: alert.daysLeft ?? 0,
      days: alert.runwayDays,
      available,
    });
  }
  return alert.message;
}

/**
 * A failed charge's error in the console's language, from its reason (a payment's failure code or
 * end, the saved method gone, a top-up refusal's own reason); without one this console knows, the
 * server's English. Either way without a closing full stop: it is put inside a sentence.
 */
export function chargeErrorText(error: string, reason: RefusalReason | null | undefined): string {
  const worded = reason ? chargeReasonWords(reason) : null;
  return (worded ?? error).replace(/\.$/, '');
}

function chargeReasonWords(reason: RefusalReason): string | null {
  const value = (name: string) => {
    const v = reason.values[name];
    return typeof v === 'string' && /^[a-z_]+$/.test(v) ? v : null;
  };
  const known = (key: string) => (i18n.exists(key) ? i18n.t(key) : null);
  switch (reason.key) {
    case 'payment_failed': {
      const code = value('code');
      // A declined card: the bank's reason, where the provider's decline code is one this console words
      // (declineWording's own list: PayPal's issues are in capitals).
      const declineCode = reason.values['declineCode'];
      const bank =
        code === 'declined' && typeof declineCode === 'string' ? declineWording(declineCode) : null;
      if (bank) return i18n.t(`alerts:chargeError.decline.${bank}`);
      return code ? known(`alerts:chargeError.payment.${code}`) : null;
    }
    case 'payment_ended': {
      const status = value('status');
      return status ? known(`alerts:chargeError.ended.${status}`) : null;
    }
    case 'saved_method_removed':
      return i18n.t('alerts:chargeError.methodRemoved');
    // Stopped by the most tries a day (the server's DAILY_CAP) before any payment.
    case 'auto_top_up_daily_cap': {
      const { cap, nextAttemptAt } = reason.values;
      return typeof cap === 'number' &&
        typeof nextAttemptAt === 'string' &&
        !Number.isNaN(Date.parse(nextAttemptAt))
        ? i18n.t('alerts:chargeError.dailyCap', { count: cap, at: formatDateTime(nextAttemptAt) })
        : null;
    }
    // A refusal that gave no reason of its own: the console's sentence for its code.
    case 'error_code': {
      const code = value('code');
      return code && CHARGE_ERROR_CODES.has(code) ? i18n.t(`common:errorCode.${code}`) : null;
    }
    default:
      return refusalWords(reason);
  }
}

/** Refusal codes of a charge whose `common:errorCode` sentence says all the reader needs. */
const CHARGE_ERROR_CODES: ReadonlySet<string> = new Set([
  'method_unavailable',
  'gateway_unavailable',
  'wallet_closed',
  'wallet_on_hold',
]);

/** The last failed charge's error on the auto top-up form, in the console's language. */
export const lastErrorText = (autoTopUp: Pick<AutoTopUp, 'lastError' | 'lastErrorReason'>): string =>
  chargeErrorText(autoTopUp.lastError ?? '', autoTopUp.lastErrorReason);

/**
 * Why the server switched auto top-up off, in the console's language, from the reason's kind and
 * the last charge's error's reason. A kind this console does not know shows the server's English.
 */
export function switchedOffText(
  autoTopUp: Pick<
    AutoTopUp,
    'disabledWhy' | 'consecutiveFailures' | 'lastError' | 'lastErrorReason' | 'disabledReason'
  >,
): string | null {
  switch (autoTopUp.disabledWhy) {
    case 'failures':
      return i18n.t('alerts:switchedOff.failures', {
        count: autoTopUp.consecutiveFailures,
        error: lastErrorText(autoTopUp),
      });
    case 'closing':
      return i18n.t('alerts:switchedOff.closing');
    case 'method_removed':
      return i18n.t('alerts:switchedOff.methodRemoved');
    default:
      return autoTopUp.disabledReason;
  }
}

/**
 * A pending charge whose provider could not be asked about it (unreachable): that the auto top-up
 * waits on that provider, how many times and since when it asked, and when it asks next; null when
 * it waits on nothing (or the server is older than the record).
 */
export function chargeUnconfirmedText(autoTopUp: Pick<AutoTopUp, 'chargeUnconfirmed'>): string | null {
  const waiting = autoTopUp.chargeUnconfirmed;
  if (!waiting) return null;
  return i18n.t('alerts:chargeUnconfirmed', {
    count: waiting.asks,
    provider: i18n.t(`alerts:waitingOn.${waiting.provider}`),
    since: formatDateTime(waiting.since),
    at: formatDateTime(waiting.retryAt),
  });
}

/** A failed auto top-up: the charge's error worded from its reason, else the server's own words. */
function autoTopUpFailedText(alert: WalletAlert): string {
  const facts = alert.autoTopUp;
  if (!facts) return alert.message;
  const error = chargeErrorText(facts.error, facts.errorReason);
  if (facts.switchedOff) {
    return i18n.t('alerts:words.autoTopUpSwitchedOff', {
      error,
      reason: i18n.t('alerts:switchedOff.failures', { count: facts.failures, error }),
    });
  }
  const amount = formatAmount(facts.amount, alert.currency);
  const date = facts.nextAttemptAt ? formatDateTime(facts.nextAttemptAt) : null;
  if (date === null) {
    return facts.upTo
      ? i18n.t('alerts:words.autoTopUpUpToFailed', { amount, error })
      : i18n.t('alerts:words.autoTopUpFailed', { amount, error });
  }
  return facts.upTo
    ? i18n.t('alerts:words.autoTopUpUpToFailedNextTry', { amount, error, date })
    : i18n.t('alerts:words.autoTopUpFailedNextTry', { amount, error, date });
}
