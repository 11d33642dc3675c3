import { describe, expect, it } from 'vitest';
import { minorUnits } from '../../../shared/money.js';
import { fromTazapayAmount, toTazapayAmount } from './amount.js';

/** Tazapay's amount always has two implied decimals (docs: "Decimal Currencies"). */
describe('tazapay amounts', () => {
  it('writes two-decimal currencies as they are, zero-decimal ones times 100', () => {
    expect(toTazapayAmount(minorUnits(1_012), 'USD')).toBe(1_012);
    expect(toTazapayAmount(minorUnits(100), 'JPY')).toBe(10_000);
    expect(toTazapayAmount(minorUnits(250_000), 'VND')).toBe(25_000_000);
  });

  it('writes a three-decimal amount without its last digit only when that digit is 0', () => {
    expect(toTazapayAmount(minorUnits(100_890), 'KWD')).toBe(10_089);
    expect(() => toTazapayAmount(minorUnits(100_899), 'KWD')).toThrow(/two decimals only/);
  });

  it('reads back exactly what it wrote, and never more than Tazapay reports', () => {
    for (const [amount, currency] of [
      [1_012, 'USD'],
      [100, 'JPY'],
      [100_890, 'KWD'],
    ] as const) {
      expect(fromTazapayAmount(toTazapayAmount(minorUnits(amount), currency), currency)).toBe(amount);
    }
    // Tazapay ignores the last two digits of a zero-decimal currency: so do we, rounding down.
    expect(fromTazapayAmount(10_099, 'JPY')).toBe(100);
    expect(() => fromTazapayAmount(-1, 'USD')).toThrow(/unreadable/);
    expect(() => fromTazapayAmount(1.5, 'USD')).toThrow(/unreadable/);
  });
});
