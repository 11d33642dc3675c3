import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatMoney, parseAmount, toDecimalString, CURRENCIES, CURRENCY_DIGITS } from './money.js';

describe('parseAmount', () => {
  it('parses typed amounts into minor units without floating point', () => {
    expect(parseAmount('10', 'USD')).toEqual({ ok: true, value: 1000 });
    expect(parseAmount('1,234.5', 'USD')).toEqual({ ok: true, value: 123450 });
    expect(parseAmount('0.07', 'USD')).toEqual({ ok: true, value: 7 });
    expect(parseAmount('.5', 'USD')).toEqual({ ok: true, value: 50 });
    expect(parseAmount('50000', 'VND')).toEqual({ ok: true, value: 50000 });
    expect(parseAmount('1.234', 'KWD')).toEqual({ ok: true, value: 1234 });
    expect(parseAmount('-2.50', 'EUR')).toEqual({ ok: true, value: -250 });
  });

  it('names the reason it refuses', () => {
    expect(parseAmount('  ', 'USD')).toEqual({ ok: false, reason: 'empty' });
    expect(parseAmount('1.2.3', 'USD')).toEqual({ ok: false, reason: 'format' });
    expect(parseAmount('abc', 'USD')).toEqual({ ok: false, reason: 'format' });
    expect(parseAmount('.', 'USD')).toEqual({ ok: false, reason: 'format' });
    expect(parseAmount('0.001', 'USD')).toEqual({ ok: false, reason: 'too_many_decimals' });
    expect(parseAmount('1.5', 'VND')).toEqual({ ok: false, reason: 'too_many_decimals' });
    expect(parseAmount('99999999999999999', 'USD')).toEqual({ ok: false, reason: 'too_large' });
  });

  it('reads thousands separators only between whole groups, never a decimal comma as one', () => {
    expect(parseAmount('1,234,567.89', 'USD')).toEqual({ ok: true, value: 123456789 });
    expect(parseAmount('1 500 000', 'VND')).toEqual({ ok: true, value: 1_500_000 });
    expect(parseAmount('1,23,456', 'INR')).toEqual({ ok: true, value: 12345600 });
    // Someone who writes ten and a half euros "10,50" is not charged 1,050 of them.
    expect(parseAmount('10,50', 'EUR')).toEqual({ ok: false, reason: 'format' });
    expect(parseAmount('1,000,00', 'USD')).toEqual({ ok: false, reason: 'format' });
    expect(parseAmount('1,2345', 'USD')).toEqual({ ok: false, reason: 'format' });
    expect(parseAmount(',500', 'USD')).toEqual({ ok: false, reason: 'format' });
  });

  it('round-trips every representable amount through its decimal string', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CURRENCIES),
        fc.integer({ min: -1e14, max: 1e14 }),
        (currency, amount) => {
          const parsed = parseAmount(toDecimalString(amount, currency), currency);
          expect(parsed).toEqual({ ok: true, value: amount });
        },
      ),
    );
  });
});

describe('formatMoney', () => {
  it('formats for the currency digits', () => {
    expect(formatMoney(123450, 'USD')).toBe('$1,234.50');
    expect(formatMoney(-5, 'USD')).toBe('-$0.05');
    expect(formatMoney(50000, 'VND', { locale: 'vi-VN' })).toMatch(/^50\.000\s?₫$/);
    expect(formatMoney(1000, 'JPY')).toBe('¥1,000');
    expect(formatMoney(1234, 'KWD')).toContain('1.234');
    expect(CURRENCY_DIGITS.KWD).toBe(3);
  });

  it('is exact beyond float precision', () => {
    expect(formatMoney(90_071_992_547_409, 'USD')).toBe('$900,719,925,474.09');
  });
});
