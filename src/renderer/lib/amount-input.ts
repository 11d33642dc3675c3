import { CURRENCY_DIGITS, parseAmount, type Currency, type MinorUnits } from '../../shared/money';
import { i18n } from '../i18n';

export type AmountCheck = { ok: true; value: MinorUnits } | { ok: false; message: string };

const EXAMPLES: Record<number, string> = { 0: '50,000', 2: '1,234.50', 3: '1,234.500' };

/**
 * What someone typed in an amount field, checked as they type: minor units of `currency`, or the
 * reason it is not one yet. `positive` for top-ups, `signed` (non-zero, "-" for a debit) for
 * adjustments.
 */
export function checkAmount(text: string, currency: Currency, mode: 'positive' | 'signed'): AmountCheck {
  const parsed = parseAmount(text, currency);
  const digits = CURRENCY_DIGITS[currency];
  if (!parsed.ok) {
    switch (parsed.reason) {
      case 'empty':
        return { ok: false, message: i18n.t('common:amount.empty') };
      case 'format': {
        const example = `${mode === 'signed' ? '-' : ''}${EXAMPLES[digits] ?? '100'}`;
        const key = digits > 0 ? 'common:amount.formatDecimal' : 'common:amount.formatWhole';
        return { ok: false, message: i18n.t(key, { example }) };
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
