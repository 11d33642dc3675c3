import { describe, expect, it } from 'vitest';
import { defaultTopUpLimits } from '../../shared/api/payments';
import { checkTopUpAmount } from './amount-limits';

describe('checkTopUpAmount', () => {
  const usd = defaultTopUpLimits('USD');
  const vnd = defaultTopUpLimits('VND');

  it('accepts amounts within the limits, in minor units', () => {
    expect(checkTopUpAmount('0.50', usd, 'en-US')).toEqual({ ok: true, value: 50 });
    expect(checkTopUpAmount('15,000', usd, 'en-US')).toEqual({ ok: true, value: 1_500_000 });
    expect(checkTopUpAmount('250000', vnd, 'en-US')).toEqual({ ok: true, value: 250_000 });
  });

  it('names the limit it breaks, in the currency’s format', () => {
    expect(checkTopUpAmount('0.49', usd, 'en-US')).toEqual({
      ok: false,
      message: 'The smallest top-up is $0.50.',
    });
    expect(checkTopUpAmount('15000.01', usd, 'en-US')).toEqual({
      ok: false,
      message: 'The largest top-up is $15,000.00.',
    });
    expect(checkTopUpAmount('5000', vnd, 'en-US')).toEqual({
      ok: false,
      message: 'The smallest top-up is ₫10,000.',
    });
    expect(
      checkTopUpAmount('5', { currency: 'USD', minAmount: 1_000, maxAmount: 50_000, presets: [] }, 'en-US'),
    ).toEqual({ ok: false, message: 'The smallest top-up is $10.00.' });
  });

  it('says what is wrong with what is not an amount yet', () => {
    expect(checkTopUpAmount('', usd)).toEqual({ ok: false, message: 'Enter an amount.' });
    expect(checkTopUpAmount('1.234', usd)).toEqual({ ok: false, message: 'USD has at most 2 decimals.' });
    expect(checkTopUpAmount('abc', usd).ok).toBe(false);
  });

  it('reads an amount with the marks of the console’s language, and refuses the other’s', () => {
    const eur = defaultTopUpLimits('EUR');
    expect(checkTopUpAmount('10,50', eur, 'vi-VN')).toEqual({ ok: true, value: 1_050 });
    expect(checkTopUpAmount('1.500.000', vnd, 'vi-VN')).toEqual({ ok: true, value: 1_500_000 });
    expect(checkTopUpAmount('50.000', vnd, 'vi-VN')).toEqual({ ok: true, value: 50_000 });
    // Not a thousand and fifty euros: an English reader cannot mean a decimal comma as a separator.
    expect(checkTopUpAmount('10,50', eur, 'en-US')).toEqual({
      ok: false,
      message: 'Use digits and one decimal point, e.g. 1,234.50.',
    });
    expect(checkTopUpAmount('10.50', eur, 'vi-VN')).toMatchObject({ ok: false });
  });
});
