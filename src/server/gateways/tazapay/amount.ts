import { CURRENCY_DIGITS, minorUnits, type Currency, type MinorUnits } from '../../../shared/money.js';

/**
 * Tazapay's `amount` is always an integer with two implied decimals, whatever the currency
 * (https://docs.tazapay.com/docs/decimal-currencies): JPY 100 is 10000, and the third decimal of a
 * three-digit currency (KWD 100.899) cannot be sent at all. Our minor units follow ISO 4217, so the
 * two are converted here, exactly, and an amount Tazapay cannot carry is refused before any call.
 */
const TAZAPAY_DIGITS = 2;

/** Our minor units → Tazapay's two-decimal integer; throws for a third decimal Tazapay would drop. */
export function toTazapayAmount(amount: MinorUnits, currency: Currency): number {
  const digits = CURRENCY_DIGITS[currency];
  if (digits <= TAZAPAY_DIGITS) return amount * 10 ** (TAZAPAY_DIGITS - digits);
  const scale = 10 ** (digits - TAZAPAY_DIGITS);
  if (amount % scale !== 0) {
    throw new Error(`Tazapay takes two decimals only: ${amount} minor units of ${currency} cannot be sent`);
  }
  return amount / scale;
}

/**
 * Tazapay's two-decimal integer → our minor units. For a zero-digit currency the last two digits are
 * "always considered as 0" by Tazapay, so they are dropped (rounding down: never more than arrived).
 */
export function fromTazapayAmount(amount: number, currency: Currency): MinorUnits {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new Error(`Tazapay sent an unreadable ${currency} amount ${amount}`);
  }
  const digits = CURRENCY_DIGITS[currency];
  if (digits >= TAZAPAY_DIGITS) return minorUnits(amount * 10 ** (digits - TAZAPAY_DIGITS));
  return minorUnits(Math.floor(amount / 10 ** (TAZAPAY_DIGITS - digits)));
}
