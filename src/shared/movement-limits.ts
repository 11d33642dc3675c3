/**
 * Limits on staff movements (merchant credits and adjustments), per reseller and currency: above
 * `confirmAbove` the console asks before queuing; above `maxPerMovement` the API refuses. Amounts
 * are integer minor units of the currency. Pure: the API and the desktop use the same rules.
 */
import { CURRENCY_DIGITS, MAX_AMOUNT, toDecimalString, type Currency } from './money.js';

export interface MovementLimit {
  currency: Currency;
  /** Minor units: a movement of more than this (in absolute value) asks for confirmation. */
  confirmAbove: number;
  /** Minor units: a movement of more than this (in absolute value) is refused. */
  maxPerMovement: number;
}

/**
 * No reseller may allow more than this in one movement: the wire's largest amount (10^14 minor
 * units), about 1% of 2^53, so that balances built from many movements stay exact integers.
 */
export const PLATFORM_MAX_MOVEMENT = MAX_AMOUNT;

/**
 * About a thousand US dollars' worth of each currency, as a round figure (major units): a default
 * threshold of "1,000" in every currency asked to confirm a 1,000 ₫ credit (four US cents), so that
 * every real dong credit asked and the question meant nothing.
 */
const ROUND_THOUSAND_DOLLARS: Record<Currency, number> = {
  USD: 1_000,
  EUR: 1_000,
  GBP: 1_000,
  CAD: 1_000,
  AUD: 1_000,
  SGD: 1_000,
  CHF: 1_000,
  CNY: 5_000,
  INR: 100_000,
  THB: 50_000,
  PHP: 50_000,
  MYR: 5_000,
  BRL: 5_000,
  MXN: 20_000,
  IDR: 10_000_000,
  VND: 25_000_000,
  JPY: 100_000,
  KRW: 1_000_000,
  KWD: 300,
  BHD: 300,
};

/**
 * Until a reseller sets its own: confirm above about a thousand US dollars' worth (1,000.00 USD,
 * 25,000,000 VND) and refuse above ten thousand times that (10,000,000.00 USD).
 */
export function defaultMovementLimit(currency: Currency): MovementLimit {
  const confirmAbove = ROUND_THOUSAND_DOLLARS[currency] * 10 ** CURRENCY_DIGITS[currency];
  return {
    currency,
    confirmAbove,
    maxPerMovement: Math.min(confirmAbove * 10_000, PLATFORM_MAX_MOVEMENT),
  };
}

/** What a staff movement of `amount` (signed minor units) needs under `limit`. */
export function checkMovement(amount: number, limit: MovementLimit): 'ok' | 'confirm' | 'over_max' {
  const size = Math.abs(amount);
  if (size > limit.maxPerMovement) return 'over_max';
  if (size > limit.confirmAbove) return 'confirm';
  return 'ok';
}

/**
 * "10,000,000.00 USD": the amount in the currency's own digits and its code, as staff read it; in
 * `locale`'s marks ("10.000.000,00 USD" in Vietnamese), en-US for the API's messages.
 */
export function amountWithCode(amount: number, currency: Currency, locale = 'en-US'): string {
  const digits = CURRENCY_DIGITS[currency];
  const number = new Intl.NumberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  // Intl accepts a decimal string exactly (no float rounding) when given one.
  return `${number.format(toDecimalString(amount, currency) as unknown as number)} ${currency}`;
}
