import {
  CURRENCY_DIGITS,
  parseAmount,
  toDecimalString,
  type Currency,
  type MinorUnits,
  type ParseAmountResult,
} from '../../shared/money';
import { i18n } from '../i18n';
import { displayLocale } from './format';

export type AmountCheck = { ok: true; value: MinorUnits } | { ok: false; message: string };

const separatorsByLocale = new Map<string, { decimal: string; group: string }>();

/** The decimal and grouping marks numbers are written with in `locale` ("." and "," in en-US, "," and "." in vi-VN). */
function separators(locale: string): { decimal: string; group: string } {
  let found = separatorsByLocale.get(locale);
  if (!found) {
    // A decimal string, as everywhere amounts meet Intl: a probe for the marks, no float involved.
    const parts = new Intl.NumberFormat(locale).formatToParts('1234567.5' as unknown as number);
    found = {
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
      group: parts.find((p) => p.type === 'group')?.value ?? ',',
    };
    separatorsByLocale.set(locale, found);
  }
  return found;
}

/** The mark `locale` writes a decimal with: "." in en-US, "," in vi-VN. */
export function decimalMark(locale = displayLocale()): string {
  return separators(locale).decimal;
}

/**
 * What someone typed, read with their language's marks: "10,50" is ten and a half euros in
 * Vietnamese and "1.500.000" a million and a half dong, as the console shows amounts there. The
 * other language's marks are refused rather than guessed, so a decimal comma is never taken for a
 * thousands separator (a payment 100 times too large).
 */
export function readTypedAmount(
  text: string,
  currency: Currency,
  locale = displayLocale(),
): ParseAmountResult {
  const { decimal, group } = separators(locale);
  let canonical = '';
  for (const char of text) {
    if (char === decimal) canonical += '.';
    else if (char === group) canonical += ',';
    else if (char === '.' || char === ',') return { ok: false, reason: 'format' };
    else canonical += char;
  }
  return parseAmount(canonical, currency);
}

/** What an amount field shows for a stored amount: the plain number people would type there ("100", "12,50" in Vietnamese). */
export function amountText(amount: number, currency: Currency, locale = displayLocale()): string {
  const text = toDecimalString(amount, currency).replace(/\.0+$/, '');
  return text.replace('.', separators(locale).decimal);
}

/**
 * An amount typed with `from`'s marks, written with `to`'s: "1234.5" typed in English reads
 * "1234,50" in Vietnamese, where "1234.5" would be refused. Text that is not an amount yet stays as
 * typed, for its field to say what is wrong with it.
 */
export function retypedAmount(text: string, currency: Currency, from: string, to: string): string {
  if (from === to) return text;
  const read = readTypedAmount(text, currency, from);
  return read.ok ? amountText(read.value, currency, to) : text;
}

/** "1,234.50" in en-US, "1.234,50" in vi-VN: how this language writes an amount of `digits` decimals. */
function example(digits: number, signed: boolean, locale: string): string {
  const number = new Intl.NumberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  // A decimal string, as formatMoney gives Intl: exact.
  const sample = digits === 0 ? '50000' : `1234.${'5'.padEnd(digits, '0')}`;
  return `${signed ? '-' : ''}${number.format(sample as unknown as number)}`;
}

/**
 * What someone typed in an amount field, checked as they type: minor units of `currency`, or the
 * reason it is not one yet. `positive` for top-ups, `signed` (non-zero, "-" for a debit) for
 * adjustments.
 */
export function checkAmount(
  text: string,
  currency: Currency,
  mode: 'positive' | 'signed',
  locale = displayLocale(),
): AmountCheck {
  const parsed = readTypedAmount(text, currency, locale);
  const digits = CURRENCY_DIGITS[currency];
  if (!parsed.ok) {
    switch (parsed.reason) {
      case 'empty':
        return { ok: false, message: i18n.t('common:amount.empty') };
      case 'format': {
        const key = digits > 0 ? 'common:amount.formatDecimal' : 'common:amount.formatWhole';
        return { ok: false, message: i18n.t(key, { example: example(digits, mode === 'signed', locale) }) };
      }
      case 'too_many_decimals':
        return {
          ok: false,
          message:
            digits === 0
              ? i18n.t('common:amount.noMinorUnit', { currency })
              : i18n.t('common:amount.maxDecimals', { currency, digits }),
        };
      case 'too_large':
        return { ok: false, message: i18n.t('common:amount.tooLarge') };
    }
  }
  const value = parsed.value;
  if (mode === 'positive' && value <= 0) {
    return { ok: false, message: i18n.t('common:amount.notPositive') };
  }
  if (mode === 'signed' && value === 0) {
    return { ok: false, message: i18n.t('common:amount.zeroAdjustment') };
  }
  return { ok: true, value };
}
