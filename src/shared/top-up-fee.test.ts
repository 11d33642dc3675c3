import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feePercent, topUpFee, totalToPay } from './top-up-fee.js';

describe('top-up fee (payer pays amount + fee, rounded up to a whole minor unit)', () => {
  it('is exact where the rate divides evenly, and rounds any fraction up', () => {
    expect(topUpFee(10_000, 100)).toBe(100); // 1% of 100.00 USD = 1.00
    expect(topUpFee(50, 100)).toBe(1); // 1% of 0.50 USD = 0.5 ¢ → 1 ¢
    expect(topUpFee(1_000_001, 290)).toBe(29_001); // 29 000.029 → 29 001
    expect(topUpFee(500_000, 0)).toBe(0);
    expect(totalToPay(500_000, 150)).toBe(507_500); // VND: 1.5% of 500 000 ₫
  });

  it('for any amount and rate: an integer, never below the rate, less than one minor unit above it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: 5000 }),
        (amount, bps) => {
          const fee = topUpFee(amount, bps);
          expect(Number.isSafeInteger(fee)).toBe(true);
          // fee × 10 000 ≥ amount × bps > (fee − 1) × 10 000, compared exactly in bigint.
          const exact = BigInt(amount) * BigInt(bps);
          expect(BigInt(fee) * 10_000n >= exact).toBe(true);
          expect(BigInt(fee - 1) * 10_000n < exact || fee === 0).toBe(true);
          expect(totalToPay(amount, bps)).toBe(amount + fee);
        },
      ),
    );
  });

  it('grows with the amount and never exceeds the amount itself at the highest rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 5000 }),
        (a, b, bps) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(topUpFee(low, bps)).toBeLessThanOrEqual(topUpFee(high, bps));
          expect(topUpFee(high, bps)).toBeLessThanOrEqual(high);
        },
      ),
    );
  });

  it('refuses what is not an amount or a rate', () => {
    expect(() => topUpFee(1.5, 100)).toThrow(RangeError);
    expect(() => topUpFee(-1, 100)).toThrow(RangeError);
    expect(() => topUpFee(100, 10_001)).toThrow(RangeError);
  });
});

describe('feePercent', () => {
  it('shows basis points as a percentage from their digits, with the decimal mark given', () => {
    expect(feePercent(290, '.')).toBe('2.9');
    expect(feePercent(5, '.')).toBe('0.05');
    expect(feePercent(300, '.')).toBe('3');
    expect(feePercent(1_234, ',')).toBe('12,34');
  });
});
