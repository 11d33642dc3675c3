import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basisPointsToPercent, MAX_FEE_BASIS_POINTS, percentToBasisPoints } from './fee';

describe('fees in basis points shown as percent', () => {
  it('moves the decimal point in the digits', () => {
    expect(basisPointsToPercent(290)).toBe('2.9');
    expect(basisPointsToPercent(349)).toBe('3.49');
    expect(basisPointsToPercent(5)).toBe('0.05');
    expect(basisPointsToPercent(100)).toBe('1');
    expect(basisPointsToPercent(0)).toBe('0');
    expect(basisPointsToPercent(5000)).toBe('50');
  });

  it('reads what a person types', () => {
    expect(percentToBasisPoints('2.9')).toEqual({ ok: true, value: 290 });
    // 0.29 × 100 is 28.999999999999996 in floating point; the digits say 29.
    expect(percentToBasisPoints('0.29')).toEqual({ ok: true, value: 29 });
    expect(percentToBasisPoints(' 1.5 % ')).toEqual({ ok: true, value: 150 });
    expect(percentToBasisPoints('3.')).toEqual({ ok: true, value: 300 });
    expect(percentToBasisPoints('0')).toEqual({ ok: true, value: 0 });
  });

  it('refuses what is not a fee, saying why', () => {
    expect(percentToBasisPoints('')).toMatchObject({ ok: false, message: expect.stringMatching(/enter/i) });
    expect(percentToBasisPoints('2.995')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/two decimals/),
    });
    expect(percentToBasisPoints('50.01')).toMatchObject({ ok: false, message: expect.stringMatching(/50%/) });
    expect(percentToBasisPoints('-1')).toMatchObject({ ok: false });
    expect(percentToBasisPoints('1e2')).toMatchObject({ ok: false });
    expect(percentToBasisPoints('2,9')).toMatchObject({ ok: false });
  });

  it('in Vietnamese, shows and reads a decimal comma, as every amount field there does', () => {
    expect(basisPointsToPercent(290, 'vi-VN')).toBe('2,9');
    expect(basisPointsToPercent(5, 'vi-VN')).toBe('0,05');
    expect(percentToBasisPoints('2,9', 'vi-VN')).toEqual({ ok: true, value: 290 });
    expect(percentToBasisPoints('3,49 %', 'vi-VN')).toEqual({ ok: true, value: 349 });
    // A point is the thousands mark there: refused, never guessed.
    expect(percentToBasisPoints('2.9', 'vi-VN')).toMatchObject({ ok: false });
  });

  it('round-trips every fee the API accepts, in either language', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_FEE_BASIS_POINTS }),
        fc.constantFrom('en-US', 'vi-VN'),
        (bps, locale) => {
          expect(percentToBasisPoints(basisPointsToPercent(bps, locale), locale)).toEqual({
            ok: true,
            value: bps,
          });
        },
      ),
    );
  });
});
