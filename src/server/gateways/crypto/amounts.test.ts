import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CURRENCIES, minorUnits, type Currency } from '../../../shared/money.js';
import {
  baseUnits,
  coinForFiat,
  fiatForCoin,
  formatCoinAmount,
  formatCoinAmountShort,
  parseCoinAmount,
  remainingDue,
  type QuotedRate,
} from './amounts.js';
import { COIN_ASSETS, COIN_DECIMALS, type CoinAsset } from './assets.js';

const units = (n: bigint) => baseUnits(n);
const rate = (fiat: Currency, asset: CoinAsset, price: string): QuotedRate => ({ fiat, asset, price });

/** Decimal prices as rate sources quote them: 1 to 7 integer digits, 0 to 8 decimals, never zero. */
const priceArb = fc
  .tuple(fc.bigInt({ min: 1n, max: 10n ** 15n - 1n }), fc.integer({ min: 0, max: 8 }))
  .map(([n, scale]) => {
    const digits = n.toString().padStart(scale + 1, '0');
    return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  });
const rateArb = fc
  .tuple(fc.constantFrom(...CURRENCIES), fc.constantFrom(...COIN_ASSETS), priceArb)
  .map(([fiat, asset, price]) => rate(fiat, asset, price));
const fiatArb = fc.integer({ min: 0, max: 1e14 });

describe('coin amount strings', () => {
  it('parses whole-coin decimals into base units exactly', () => {
    expect(parseCoinAmount('0.00000001', 'BTC')).toEqual({ ok: true, value: 1n });
    expect(parseCoinAmount('21000000', 'BTC')).toEqual({ ok: true, value: 2_100_000_000_000_000n });
    expect(parseCoinAmount('1.5', 'ETH')).toEqual({ ok: true, value: 1_500_000_000_000_000_000n });
    expect(parseCoinAmount('12.340000', 'USDT')).toEqual({ ok: true, value: 12_340_000n });
    expect(parseCoinAmount('0.1000000000', 'USDT')).toEqual({ ok: true, value: 100_000n });
  });

  it('refuses what provider and chain data never carry', () => {
    for (const text of ['', '-1', '+1', '1e8', ' 1', '1,5', '.5', '1.', '0x10', 'NaN']) {
      expect(parseCoinAmount(text, 'BTC')).toEqual({ ok: false, reason: 'format' });
    }
    expect(parseCoinAmount('0.000000001', 'BTC')).toEqual({ ok: false, reason: 'too_many_decimals' });
    expect(parseCoinAmount('0.0000001', 'USDT')).toEqual({ ok: false, reason: 'too_many_decimals' });
  });

  it('formats with every decimal place (8 BTC, 18 ETH, 6 USDT), or trimmed for URIs', () => {
    expect(formatCoinAmount(units(100_000n), 'BTC')).toBe('0.00100000');
    expect(formatCoinAmount(units(1n), 'ETH')).toBe('0.000000000000000001');
    expect(formatCoinAmount(units(12_340_000n), 'USDT')).toBe('12.340000');
    expect(formatCoinAmountShort(units(100_000n), 'BTC')).toBe('0.001');
    expect(formatCoinAmountShort(units(200_000_000n), 'BTC')).toBe('2');
    expect(formatCoinAmountShort(units(1_000_000_000n), 'BTC')).toBe('10');
    expect(formatCoinAmountShort(units(0n), 'USDT')).toBe('0');
    expect(formatCoinAmountShort(units(10_500_000n), 'USDT')).toBe('10.5');
  });

  it('round-trips every amount through both string forms', () => {
    fc.assert(
      fc.property(fc.constantFrom(...COIN_ASSETS), fc.bigInt({ min: 0n, max: 10n ** 30n }), (asset, n) => {
        const value = units(n);
        expect(parseCoinAmount(formatCoinAmount(value, asset), asset)).toEqual({ ok: true, value: n });
        expect(parseCoinAmount(formatCoinAmountShort(value, asset), asset)).toEqual({ ok: true, value: n });
        expect(formatCoinAmount(value, asset).split('.')[1]).toHaveLength(COIN_DECIMALS[asset]);
      }),
    );
  });

  it('refuses a negative base-unit count', () => {
    expect(() => baseUnits(-1n)).toThrow(RangeError);
  });
});

describe('fiat ↔ coin at a quoted rate', () => {
  it('converts known amounts exactly', () => {
    // 100.00 USD at 50,000 USD/BTC = 0.002 BTC
    expect(coinForFiat(minorUnits(10_000), rate('USD', 'BTC', '50000'))).toBe(200_000n);
    // 1.00 USD at 2,000 USD/ETH = 0.0005 ETH = 5·10^14 wei
    expect(coinForFiat(minorUnits(100), rate('USD', 'ETH', '2000.00'))).toBe(500_000_000_000_000n);
    // 12.34 USD at 1 USD/USDT
    expect(coinForFiat(minorUnits(1234), rate('USD', 'USDT', '1'))).toBe(12_340_000n);
    // 50,000 VND (0 digits) at 25,000 VND/USDT = 2 USDT
    expect(coinForFiat(minorUnits(50_000), rate('VND', 'USDT', '25000'))).toBe(2_000_000n);
    // 1.000 KWD (3 digits) at 0.307 KWD/USDT = 3.25732899… USDT → rounded up to 3.257329
    expect(coinForFiat(minorUnits(1000), rate('KWD', 'USDT', '0.307'))).toBe(3_257_329n);
  });

  it('rounds the invoice up so the payer never underpays', () => {
    // 10.00 USD at 3 USD/USDT = 3.3333333… USDT → 3.333334
    expect(coinForFiat(minorUnits(1000), rate('USD', 'USDT', '3'))).toBe(3_333_334n);
    // 0.01 USD at 67,123.45 USD/BTC = 14.898… sat → 15 sat
    expect(coinForFiat(minorUnits(1), rate('USD', 'BTC', '67123.45'))).toBe(15n);
    expect(fiatForCoin(units(15n), rate('USD', 'BTC', '67123.45'))).toBe(1);
    expect(fiatForCoin(units(14n), rate('USD', 'BTC', '67123.45'))).toBe(0);
  });

  it('values a received coin amount rounded down', () => {
    expect(fiatForCoin(units(3_333_334n), rate('USD', 'USDT', '3'))).toBe(1000);
    expect(fiatForCoin(units(3_333_333n), rate('USD', 'USDT', '3'))).toBe(999);
  });

  it('covers the fiat amount, by the smallest coin amount that does', () => {
    fc.assert(
      fc.property(rateArb, fiatArb, (r, fiat) => {
        const coin = coinForFiat(fiat, r);
        expect(fiatForCoin(coin, r)).toBeGreaterThanOrEqual(fiat);
        if (coin > 0n) expect(fiatForCoin(units(coin - 1n), r)).toBeLessThan(fiat);
      }),
    );
  });

  it('is monotonic in the fiat amount and in the coin amount', () => {
    fc.assert(
      fc.property(rateArb, fiatArb, fiatArb, (r, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(coinForFiat(lo, r)).toBeLessThanOrEqual(coinForFiat(hi, r));
        const [clo, chi] = [coinForFiat(lo, r), coinForFiat(hi, r)];
        expect(fiatForCoin(clo, r)).toBeLessThanOrEqual(fiatForCoin(chi, r));
      }),
    );
  });

  it('never invoices more coin than a received amount is worth back', () => {
    fc.assert(
      fc.property(rateArb, fc.bigInt({ min: 0n, max: 10n ** 24n }), (r, n) => {
        let value: number;
        try {
          value = fiatForCoin(units(n), r);
        } catch (error) {
          expect(error).toBeInstanceOf(RangeError);
          return fc.pre(false);
        }
        expect(coinForFiat(value, r)).toBeLessThanOrEqual(n);
      }),
    );
  });

  it('refuses to value a coin amount past the exact range of a number', () => {
    expect(() => fiatForCoin(units(10n ** 30n), rate('USD', 'BTC', '1'))).toThrow(RangeError);
  });

  it('refuses prices and amounts that are not exact', () => {
    for (const price of ['0', '0.000', '-1', '1e3', '', '1,000', ' 1']) {
      expect(() => coinForFiat(100, rate('USD', 'BTC', price))).toThrow(RangeError);
    }
    expect(() => coinForFiat(1.5, rate('USD', 'BTC', '1'))).toThrow(RangeError);
    expect(() => coinForFiat(-1, rate('USD', 'BTC', '1'))).toThrow(RangeError);
  });

  it('computes what is still owed after a partial payment', () => {
    expect(remainingDue(units(1000n), units(400n))).toBe(600n);
    expect(remainingDue(units(1000n), units(1000n))).toBe(0n);
    expect(remainingDue(units(1000n), units(1500n))).toBe(0n);
  });
});
