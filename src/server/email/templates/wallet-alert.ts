import type { AutoTopUpFailure, WalletAlert } from '../../../shared/api/alerts.js';
import type { RefusalReason } from '../../../shared/api/common.js';
import { declineWording, type WordedDecline } from '../../../shared/decline-codes.js';
import { isCurrency, type Currency } from '../../../shared/money.js';
import type { TextKey } from '../../i18n/en.js';
import { escapeHtml } from '../../lib/html.js';
import type { Text } from '../../i18n/text.js';

/** A low-balance, recovered or failed-auto-top-up alert, on its email channel. */
export function walletAlertEmail(text: Text, alert: WalletAlert) {
  const available = text.money(alert.availableBalance, alert.currency);
  const subject = text.t('email.alert.subject', {
    title: text.t(`email.alert.title.${alert.type}`),
    wallet: alert.walletId,
    available,
  });
  const said = alertSentence(text, alert);
  const lines: Array<[string, string]> = [
    [text.t('email.alert.wallet'), alert.walletId],
    [text.t('email.alert.available'), available],
    [text.t('email.alert.at'), text.moment(alert.createdAt)],
  ];
  return {
    subject,
    text: `${said}\n\n${lines.map(([label, value]) => `${label}: ${value}`).join('\n')}\n`,
    html:
      `<p>${escapeHtml(said)}</p>` +
      `<p>${lines.map(([label, value]) => `${escapeHtml(label)}: ${escapeHtml(value)}`).join('<br>')}</p>`,
  };
}

/** What an alert is worded from: what crossed, and the server's own sentence for the rest. */
export type AlertWords = Pick<
  WalletAlert,
  'type' | 'reason' | 'availableBalance' | 'currency' | 'threshold' | 'runwayDays' | 'daysLeft' | 'autoTopUp'
> & { message?: string };

/**
 * What an alert says in `text`'s language, from what it carries (the balance and the line it
 * crossed, a failed auto top-up's particulars): the English of it is the alert's `message`
 * (services/alerts/evaluate.ts words it here). A failed auto top-up's error is the gateway's (or the
 * server's) own words, quoted as they are; one stored before its particulars were (0476) quotes the
 * whole `message` after a sentence in the email's language.
 */
export function alertSentence(text: Text, alert: AlertWords): string {
  const available = text.money(alert.availableBalance, alert.currency);
  if (alert.type === 'wallet.balance_recovered') return text.t('email.alert.recovered', { available });
  if (alert.type === 'wallet.balance_low' && alert.reason === 'threshold' && alert.threshold !== null)
    return text.t('email.alert.belowThreshold', {
      available,
      threshold: text.money(alert.threshold, alert.currency),
    });
  if (alert.type === 'wallet.balance_low' && alert.reason === 'runway' && alert.runwayDays !== null)
    return text.t('email.alert.runwayLow', { count: alert.daysLeft ?? 0, days: alert.runwayDays, available });
  if (alert.type === 'wallet.auto_top_up_failed' && alert.autoTopUp)
    return autoTopUpFailedSentence(text, alert.autoTopUp, alert.currency);
  return text.t('email.alert.autoTopUpFailed', { message: alert.message ?? '' });
}

/** The next try is a moment as the other emails give one (UTC; English as stored, as it always read). */
function autoTopUpFailedSentence(text: Text, facts: AutoTopUpFailure, currency: Currency): string {
  const error = chargeErrorWords(text, facts.error, facts.errorReason);
  if (facts.switchedOff) return text.t('email.alert.autoTopUp.switchedOff', { error, count: facts.failures });
  const amount = text.money(facts.amount, currency);
  if (facts.nextAttemptAt === null) {
    return facts.upTo
      ? text.t('email.alert.autoTopUp.upToFailed', { amount, error })
      : text.t('email.alert.autoTopUp.failed', { amount, error });
  }
  const date = text.moment(facts.nextAttemptAt);
  return facts.upTo
    ? text.t('email.alert.autoTopUp.upToFailedNextTry', { amount, error, date })
    : text.t('email.alert.autoTopUp.failedNextTry', { amount, error, date });
}

/** A payment's failure code, and how it ended without one, as the emails word them. */
const PAYMENT_FAILED: Partial<Record<string, TextKey>> = {
  declined: 'email.alert.chargeError.declined',
  cancelled_at_checkout: 'email.alert.chargeError.cancelledAtCheckout',
  cancelled_before_paid: 'email.alert.chargeError.cancelledBeforePaid',
  expired: 'email.alert.chargeError.expired',
  gateway_unavailable: 'email.alert.chargeError.gatewayUnavailable',
  closed_by_staff: 'email.alert.chargeError.closedByStaff',
  applied_to_other_payment: 'email.alert.chargeError.appliedToOtherPayment',
};
/** A declined card's decline code, by the wording it shares (shared/decline-codes.ts). */
const DECLINES: Record<WordedDecline, TextKey> = {
  insufficient_funds: 'email.alert.chargeError.decline.insufficientFunds',
  card_velocity_exceeded: 'email.alert.chargeError.decline.cardVelocityExceeded',
  expired_card: 'email.alert.chargeError.decline.expiredCard',
  incorrect_cvc: 'email.alert.chargeError.decline.incorrectCvc',
  incorrect_number: 'email.alert.chargeError.decline.incorrectNumber',
  processing_error: 'email.alert.chargeError.decline.processingError',
  authentication_required: 'email.alert.chargeError.decline.authenticationRequired',
  card_not_supported: 'email.alert.chargeError.decline.cardNotSupported',
  currency_not_supported: 'email.alert.chargeError.decline.currencyNotSupported',
  transaction_not_allowed: 'email.alert.chargeError.decline.transactionNotAllowed',
  do_not_honor: 'email.alert.chargeError.decline.doNotHonor',
  paypal_declined: 'email.alert.chargeError.decline.paypalDeclined',
  paypal_payer_action_required: 'email.alert.chargeError.decline.paypalPayerActionRequired',
  paypal_refused: 'email.alert.chargeError.decline.paypalRefused',
};
/** A refusal that gave no reason of its own, by its error code. */
const ERROR_CODES: Partial<Record<string, TextKey>> = {
  method_unavailable: 'email.alert.chargeError.methodUnavailable',
  gateway_unavailable: 'email.alert.chargeError.gatewayUnavailable',
  wallet_closed: 'email.alert.chargeError.walletClosed',
  wallet_on_hold: 'email.alert.chargeError.walletOnHold',
};
const PAYMENT_ENDED: Partial<Record<string, TextKey>> = {
  failed: 'email.alert.chargeError.ended.failed',
  expired: 'email.alert.chargeError.ended.expired',
  cancelled: 'email.alert.chargeError.ended.cancelled',
};

/**
 * A failed charge's error in `text`'s language, from its reason (services/auto-top-up/reasons.ts);
 * without one these words know (an alert from before 0477, a gateway's own words), the server's
 * English. Without its closing full stop: the sentences it is put in end it.
 */
function chargeErrorWords(text: Text, error: string, reason: RefusalReason | null | undefined): string {
  return ((reason && reasonWords(text, reason)) ?? error).replace(/\.$/, '');
}

function reasonWords(text: Text, reason: RefusalReason): string | null {
  const { values } = reason;
  const key = (map: Partial<Record<string, TextKey>>, name: string) => {
    const value = values[name];
    return typeof value === 'string' && Object.hasOwn(map, value) ? (map[value] ?? null) : null;
  };
  switch (reason.key) {
    case 'payment_failed': {
      // A declined card: the bank's reason, where the provider's decline code is one these words know.
      const bank =
        values['code'] === 'declined' && typeof values['declineCode'] === 'string'
          ? declineWording(values['declineCode'])
          : null;
      if (bank) return text.t(DECLINES[bank]);
      const known = key(PAYMENT_FAILED, 'code');
      return known ? text.t(known) : null;
    }
    case 'payment_ended': {
      const known = key(PAYMENT_ENDED, 'status');
      return known ? text.t(known) : null;
    }
    case 'saved_method_removed':
      return text.t('email.alert.chargeError.methodRemoved');
    case 'error_code': {
      const known = key(ERROR_CODES, 'code');
      return known ? text.t(known) : null;
    }
    case 'top_up_limit': {
      const { min, max, currency } = values;
      if (typeof min !== 'number' || typeof max !== 'number' || typeof currency !== 'string') return null;
      if (!isCurrency(currency)) return null;
      return text.t('email.alert.chargeError.topUpLimit', {
        min: text.money(min, currency),
        max: text.money(max, currency),
      });
    }
    default:
      return null;
  }
}
