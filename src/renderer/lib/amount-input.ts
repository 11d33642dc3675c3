import { CURRENCY_DIGITS, parseAmount, type Currency, type MinorUnits } from '../../shared/money';

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
        return { ok: false, message: 'Enter an amount.' };
      case 'format':
        return {
          ok: false,
          message: `Use digits${digits > 0 ? ' and one decimal point' : ''}, e.g. ${mode === 'signed' ? '-' : ''}${EXAMPLES[digits] ?? '100'}.`,
        };
      case 'too_many_decimals':
        return {
          ok: false,
          message:
            digits === 0
              ? `${currency} has no minor unit: enter a whole amount.`
              : `${currency} has at most ${digits} decimals.`,
        };
      case 'too_large':
        return { ok: false, message: 'That amount is too large.' };
    }
  }
  const value = parsed.value;
  if (mode === 'positive' && value <= 0) {
    return { ok: false, message: 'Enter an amount greater than zero.' };
  }
  if (mode === 'signed' && value === 0) {
    return { ok: false, message: 'An adjustment cannot be zero. Use a minus sign for a debit.' };
  }
  return { ok: true, value };
}
