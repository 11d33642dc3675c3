/**
 * Money is an integer count of minor units plus an ISO 4217 currency code. No floating point ever
 * touches an amount: user input is parsed from its string, display goes through Intl.NumberFormat.
 */

/** Minor-unit digits per currency: the one allow-list every side uses. */
export const CURRENCY_DIGITS = {
  USD: 2,
  EUR: 2,
  GBP: 2,
  CAD: 2,
  AUD: 2,
  SGD: 2,
  CHF: 2,
  CNY: 2,
  INR: 2,
  THB: 2,
  PHP: 2,
  MYR: 2,
  BRL: 2,
  MXN: 2,
  IDR: 2,
  VND: 0,
  JPY: 0,
  KRW: 0,
  KWD: 3,
  BHD: 3,
} as const satisfies Record<string, number>;

export type Currency = keyof typeof CURRENCY_DIGITS;
export const CURRENCIES = Object.keys(CURRENCY_DIGITS) as Currency[];

export function isCurrency(code: string): code is Currency {
  return Object.hasOwn(CURRENCY_DIGITS, code);
}

declare const minorUnitsBrand: unique symbol;
/** An integer count of minor units (1000 = 10.00 USD, 1000 = 1,000 VND). */
export type MinorUnits = number & { readonly [minorUnitsBrand]: true };

/**
 * Largest amount a single movement may carry, in minor units. Balances stay below MAX_BALANCE so
 * every sum the ledger computes stays an exact integer in a JavaScript number (< 2^53).
 */
export const MAX_AMOUNT = 100_000_000_000_000; // 10^14
export const MAX_BALANCE = 1_000_000_000_000_000; // 10^15

export function isMinorUnits(value: unknown): value is MinorUnits {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function minorUnits(value: number): MinorUnits {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer amount: ${value}`);
  return value as MinorUnits;
}

export type ParseAmountResult =
  | { ok: true; value: MinorUnits }
  | { ok: false; reason: 'empty' | 'format' | 'too_many_decimals' | 'too_large' };

/**
 * The whole part: plain digits, or digits grouped by ",", " " or "_" with three in the last group
 * (two or three in the ones between, as Indian English groups "1,23,456"). A group of another size
 * is a decimal comma someone typed ("10,50"): refused, never read as 1050.
 */
const AMOUNT = /^([-+])?(\d*|\d{1,3}(?:[,\s_]\d{2,3})*[,\s_]\d{3})(?:\.(\d*))?$/;

/**
 * Parses what a person typed ("1,234.5", "10", "0.05", "-5", "+5") into minor units of `currency`,
 * without floating point. Accepts a sign, one decimal point and thousands separators (",", " ", "_") between whole
 * groups of digits. The console's forms read the user's own separators first (renderer/lib/amount-input.ts).
 */
export function parseAmount(input: string, currency: Currency): ParseAmountResult {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'empty' };
  const match = AMOUNT.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return { ok: false, reason: 'format' };
  const [, sign, grouped = '', fraction = ''] = match;
  const whole = grouped.replace(/[,\s_]/g, '');
  const digits = CURRENCY_DIGITS[currency];
  const trimmedFraction = fraction.replace(/0+$/, '');
  if (trimmedFraction.length > digits) return { ok: false, reason: 'too_many_decimals' };
  const minor = (whole.replace(/^0+/, '') || '0') + trimmedFraction.padEnd(digits, '0');
  if (minor.length > 16) return { ok: false, reason: 'too_large' };
  const value = Number(minor);
  if (value > MAX_AMOUNT) return { ok: false, reason: 'too_large' };
  return { ok: true, value: minorUnits(sign === '-' ? -value : value) };
}

/** The amount as a plain decimal string ("1234.50"), exact, for wire formats that want one. */
export function toDecimalString(amount: number, currency: Currency): string {
  const digits = CURRENCY_DIGITS[currency];
  const negative = amount < 0;
  const text = Math.abs(amount)
    .toString()
    .padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  const fraction = text.slice(text.length - digits);
  return `${negative ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** Formats minor units for display in `locale` (only ever at the UI edge). */
export function formatMoney(
  amount: number,
  currency: Currency,
  options: { locale?: string; signDisplay?: 'auto' | 'always' | 'exceptZero' } = {},
): string {
  const locale = options.locale ?? 'en-US';
  const key = `${locale}|${currency}|${options.signDisplay ?? 'auto'}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const digits = CURRENCY_DIGITS[currency];
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      signDisplay: options.signDisplay ?? 'auto',
    });
    formatters.set(key, formatter);
  }
  // Intl accepts a decimal string exactly (no float rounding) when given one.
  return formatter.format(toDecimalString(amount, currency) as unknown as number);
}
