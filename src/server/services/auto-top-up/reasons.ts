import type { AutoTopUp } from '../../../shared/api/alerts.js';
import type { RefusalReason } from '../../../shared/api/common.js';
import type { PaymentFailureCode } from '../../../shared/api/payments.js';

/**
 * Why the server switched a wallet's auto top-up off. The English sentence is stored on the setting
 * (`disabled_reason`) for API callers; its kind travels beside it (`disabledWhy`) so the console
 * words it in its own language.
 */

/** Shown on the setting once closing the wallet switched it off. */
export const CLOSING_REASON =
  'Switched off when closing this wallet began: its balance is being paid out, not refilled.';

/** Shown on the setting once removing its card switched it off. */
export const METHOD_REMOVED_REASON =
  'Switched off because the card it charged was removed. Choose another card, then switch auto top-up on again.';

/** Shown on the setting once MAX_FAILURES failed charges in a row switched it off. */
export const failuresReason = (failures: number, error: string) =>
  `Switched off after ${failures} failed charges in a row (last: ${error}). Check the payment method, then switch auto top-up on again.`;

export function disabledWhy(reason: string | null): AutoTopUp['disabledWhy'] {
  if (reason === null) return null;
  if (reason === CLOSING_REASON) return 'closing';
  if (reason === METHOD_REMOVED_REASON) return 'method_removed';
  return reason.startsWith('Switched off after ') ? 'failures' : null;
}

/**
 * A failed charge's error: the English stored on the setting (`last_error`) and quoted in the alert's
 * message for API callers, and the same as data (`reason`), which the console and the emails word in
 * their reader's language. `reason` is null when nothing but the English says it.
 */
export interface ChargeError {
  message: string;
  reason: RefusalReason | null;
}

/**
 * The charge's payment ended without money: its failure code when it has one (a declined card's
 * decline code beside it, when the provider gave one), else its status.
 */
export function paymentEndedError(payment: {
  status: string;
  failure_reason: string | null;
  failure_code?: PaymentFailureCode | null | undefined;
  decline_code?: string | null | undefined;
}): ChargeError {
  const values: Record<string, string> = {};
  if (payment.failure_code) values['code'] = payment.failure_code;
  if (payment.failure_code === 'declined' && payment.decline_code)
    values['declineCode'] = payment.decline_code;
  return {
    message: payment.failure_reason ?? `the payment ${payment.status}`,
    reason: payment.failure_code
      ? { key: 'payment_failed', values }
      : { key: 'payment_ended', values: { status: payment.status } },
  };
}

/**
 * `failure` with its payment's decline code beside a declined card's reason (payments.decline_code,
 * 0485), for a caller that read the payment without it.
 */
export function withDeclineCode(failure: ChargeError, declineCode: string | null | undefined): ChargeError {
  const reason = failure.reason;
  if (!declineCode || reason?.key !== 'payment_failed' || reason.values['code'] !== 'declined')
    return failure;
  if (reason.values['declineCode'] !== undefined) return failure;
  return { ...failure, reason: { ...reason, values: { ...reason.values, declineCode } } };
}

/**
 * The charge was refused before any payment was made: its refusal's reason, or, for a refusal that
 * gives none, its error code (`error_code`: the method no longer offered, the gateway unreachable).
 */
export const refusalError = (failure: {
  code: string;
  message: string;
  reason?: RefusalReason | undefined;
}): ChargeError => ({
  message: failure.message,
  reason: failure.reason ?? { key: 'error_code', values: { code: failure.code } },
});

/**
 * A try the daily cap stopped before any payment (`cap` tries this UTC day, paid or not: charge.ts
 * DAILY_CAP): the cap and when it tries again, for the not-charged attempt it is listed as.
 */
export const dailyCapError = (cap: number, nextAttemptAt: string): ChargeError => ({
  message: `auto top-up already tried ${cap} times this UTC day, the most it tries in a day; it tries again at ${nextAttemptAt}`,
  reason: { key: 'auto_top_up_daily_cap', values: { cap, nextAttemptAt } },
});
