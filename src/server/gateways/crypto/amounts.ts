import { CURRENCY_DIGITS, minorUnits, type Currency, type MinorUnits } from '../../../shared/money.js';
import { COIN_DECIMALS, type CoinAsset } from './assets.js';

/**
 * Coin amounts are BigInt counts of the coin's smallest unit. A JavaScript number cannot hold them:
 * 1 ETH is 10^18 wei, far past 2^53. On the wire they are decimal strings ("0.00123400"), which this
 * module parses and formats exactly; no floating point is involved anywhere.
 */

declare const baseUnitsBrand: unique symbol;
/** An integer count of a coin's smallest unit (satoshi, wei, 10^-6 USDT). */
export type BaseUnits = bigint & { readonly [baseUnitsBrand]: true };

export function baseUnits(value: bigint): BaseUnits {
  if (value < 0n) throw new RangeError(`a coin amount cannot be negative: ${value}`);
  return value as BaseUnits;
}

const TEN = 10n;
const pow10 = (n: number) => TEN ** BigInt(n);

export type ParseCoinResult =
  { ok: true; value: BaseUnits } | { ok: false; reason: 'format' | 'too_many_decimals' };

/**
 * Parses a non-negative decimal string in whole coins ("0.5", "12", "0.00000001") into base units.
 * Refuses signs, exponents, spaces and separators: this reads provider and chain data, which never
 * carries them, so anything else is a malformed message rather than something to be lenient with.
 */
export function parseCoinAmount(text: string, asset: CoinAsset): ParseCoinResult {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return { ok: false, reason: 'format' };
  const [, whole = '', fraction = ''] = match;
  const decimals = COIN_DECIMALS[asset];
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > decimals) return { ok: false, reason: 'too_many_decimals' };
  return { ok: true, value: baseUnits(BigInt(whole + significant.padEnd(decimals, '0'))) };
}

/** Every decimal place shown ("0.00100000" BTC): for ledgers and screens where columns line up. */
export function formatCoinAmount(units: BaseUnits, asset: CoinAsset): string {
  const decimals = COIN_DECIMALS[asset];
  const text = units.toString().padStart(decimals + 1, '0');
  return `${text.slice(0, text.length - decimals)}.${text.slice(text.length - decimals)}`;
}

/** Trailing zeros dropped ("0.001", "2"): what payment URIs carry, so wallets show it as typed. */
export function formatCoinAmountShort(units: BaseUnits, asset: CoinAsset): string {
  return formatCoinAmount(units, asset).replace(/\.?0+$/, '');
}

/**
 * A quoted exchange rate: `price` fiat (in major units, as a decimal string) buys one whole coin,
 * e.g. { fiat: 'USD', asset: 'BTC', price: '67123.45' }. A decimal string keeps the quote exactly as
 * the rate source gave it; it becomes a fraction of two BigInts below.
 */
export interface QuotedRate {
  fiat: Currency;
  asset: CoinAsset;
  price: string;
}

/** price = numerator / 10^scale, numerator > 0. */
interface Fraction {
  numerator: bigint;
  scale: number;
}

/** Rate sources quote far fewer digits; the cap only bounds the BigInt work an input can cause. */
const MAX_PRICE_DECIMALS = 36;

function parsePrice(price: string): Fraction {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(price);
  if (!match) throw new RangeError(`not a decimal price: ${JSON.stringify(price)}`);
  const [, whole = '', fraction = ''] = match;
  if (fraction.length > MAX_PRICE_DECIMALS) throw new RangeError(`price has too many decimals: ${price}`);
  const numerator = BigInt(whole + fraction);
  if (numerator === 0n) throw new RangeError('a price of zero cannot be quoted');
  return { numerator, scale: fraction.length };
}

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

/**
 * The coin amount to invoice for `amount` fiat minor units at `rate`, rounded UP to the next base
 * unit. Rounding up means the payer never underpays: whatever they send at this quote is worth at
 * least the fiat amount, and by at most one base unit more (10^-8 BTC, 10^-18 ETH, 10^-6 USDT).
 *
 *   coin = fiat / price  →  base = minor · 10^coinDecimals · 10^priceScale / (10^fiatDigits · numerator)
 */
export function coinForFiat(amount: MinorUnits | number, rate: QuotedRate): BaseUnits {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`not a non-negative minor-unit amount: ${amount}`);
  }
  const { numerator, scale } = parsePrice(rate.price);
  const dividend = BigInt(amount) * pow10(COIN_DECIMALS[rate.asset]) * pow10(scale);
  const divisor = pow10(CURRENCY_DIGITS[rate.fiat]) * numerator;
  return baseUnits(ceilDiv(dividend, divisor));
}

/**
 * The fiat value, in minor units rounded DOWN, that `units` of coin cover at `rate`: what a payment
 * actually received is worth towards an invoice. Rounding down is the counterpart of rounding the
 * invoice up; together, fiatForCoin(coinForFiat(x)) >= x for every x.
 */
export function fiatForCoin(units: BaseUnits, rate: QuotedRate): MinorUnits {
  const { numerator, scale } = parsePrice(rate.price);
  const value =
    (units * numerator * pow10(CURRENCY_DIGITS[rate.fiat])) /
    (pow10(COIN_DECIMALS[rate.asset]) * pow10(scale));
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('fiat value exceeds a safe integer');
  return minorUnits(Number(value));
}

/** What is still owed on an invoice after `received`, never below zero (an overpayment owes nothing). */
export function remainingDue(due: BaseUnits, received: BaseUnits): BaseUnits {
  return baseUnits(received >= due ? 0n : due - received);
}
