import {
  CURRENCY_DIGITS,
  parseAmount,
  toDecimalString,
  type Currency,
  type MinorUnits,
} from '../../../shared/money.js';

/**
 * PayPal amounts are decimal strings ("100.00", "1000" for JPY) with the currency's own digits
 * (https://developer.paypal.com/api/rest/reference/currency-codes/). Converted from and to minor
 * units as text, never through a float.
 */

/** Our currencies PayPal accepts for payments (its list also has currencies we do not use). */
export const PAYPAL_CURRENCIES: ReadonlySet<Currency> = new Set<Currency>([
  'USD',
  'EUR',
  'GBP',
  'CAD',
  'AUD',
  'SGD',
  'CHF',
  'CNY',
  'INR',
  'THB',
  'PHP',
  'MYR',
  'BRL',
  'MXN',
  'JPY',
]);

export function toPayPalValue(amount: MinorUnits, currency: Currency): string {
  if (!PAYPAL_CURRENCIES.has(currency)) throw new RangeError(`PayPal does not take payments in ${currency}`);
  return toDecimalString(amount, currency);
}

/** "100.00" USD → 10000. Anything but a plain non-negative decimal within the currency's digits is refused. */
export function fromPayPalValue(value: string, currency: Currency): MinorUnits {
  if (!/^\d{1,15}(?:\.\d{1,3})?$/.test(value)) throw new Error(`PayPal sent an unreadable amount "${value}"`);
  const parsed = parseAmount(value, currency);
  if (!parsed.ok) {
    throw new Error(`PayPal sent "${value}" ${currency}, not ${CURRENCY_DIGITS[currency]}-digit minor units`);
  }
  return parsed.value;
}
