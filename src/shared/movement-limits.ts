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

const scaled = (major: number, currency: Currency) => major * 10 ** CURRENCY_DIGITS[currency];

/** Until a reseller sets its own: confirm above 1,000 and refuse above 10,000,000 (major units). */
export function defaultMovementLimit(currency: Currency): MovementLimit {
  return {
    currency,
    confirmAbove: scaled(1_000, currency),
    maxPerMovement: Math.min(scaled(10_000_000, currency), PLATFORM_MAX_MOVEMENT),
  };
}

/** What a staff movement of `amount` (signed minor units) needs under `limit`. */
export function checkMovement(amount: number, limit: MovementLimit): 'ok' | 'confirm' | 'over_max' {
  const size = Math.abs(amount);
  if (size > limit.maxPerMovement) return 'over_max';
  if (size > limit.confirmAbove) return 'confirm';
  return 'ok';
}

/** "10,000,000.00 USD": the amount in the currency's own digits and its code, as staff read it. */
export function amountWithCode(amount: number, currency: Currency): string {
  const digits = CURRENCY_DIGITS[currency];
  const number = new Intl.NumberFormat('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  // Intl accepts a decimal string exactly (no float rounding) when given one.
  return `${number.format(toDecimalString(amount, currency) as unknown as number)} ${currency}`;
}
