import type { AutoTopUp } from '../../../shared/api/alerts.js';

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
