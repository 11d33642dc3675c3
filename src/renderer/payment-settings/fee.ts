/**
 * Fees travel as basis points (290 = 2.9%) and are typed and shown as percent text. Converted by
 * moving the decimal point in the digits, never through a float: 0.29 * 100 is not 29.
 */
import { i18n } from '../i18n';
import { decimalMark } from '../lib/amount-input';
import { displayLocale } from '../lib/format';

/** Fees the API accepts: 0 to 5000 basis points (0% to 50%). */
export const MAX_FEE_BASIS_POINTS = 5000;

/** 290 → "2.9" ("2,9" in Vietnamese), 5 → "0.05", 100 → "1", 0 → "0". */
export function basisPointsToPercent(basisPoints: number, locale = displayLocale()): string {
  const whole = Math.trunc(basisPoints / 100);
  const hundredths = String(basisPoints % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return hundredths === '' ? String(whole) : `${whole}${decimalMark(locale)}${hundredths}`;
}

export type FeeCheck = { ok: true; value: number } | { ok: false; message: string };

/**
 * "2.9" → 290 ("2,9" in Vietnamese: the language's own decimal mark, as every amount field reads;
 * the other language's is refused, never guessed); at most two decimals (a basis point is 0.01%),
 * within 0% to 50%.
 */
export function percentToBasisPoints(text: string, locale = displayLocale()): FeeCheck {
  const trimmed = text.trim().replace(/\s*%$/, '');
  if (trimmed === '') return { ok: false, message: i18n.t('payment-settings:fee.empty') };
  const mark = decimalMark(locale) === ',' ? ',' : '\\.';
  const match = new RegExp(`^(\\d{1,3})(?:${mark}(\\d*))?$`).exec(trimmed);
  if (!match) return { ok: false, message: i18n.t('payment-settings:fee.format') };
  const decimals = match[2] ?? '';
  if (decimals.length > 2) return { ok: false, message: i18n.t('payment-settings:fee.decimals') };
  const value = Number(match[1]) * 100 + Number(decimals.padEnd(2, '0'));
  if (value > MAX_FEE_BASIS_POINTS) return { ok: false, message: i18n.t('payment-settings:fee.max') };
  return { ok: true, value };
}
