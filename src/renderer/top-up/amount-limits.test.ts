import { describe, expect, it } from 'vitest';
import { defaultTopUpLimits } from '../../shared/api/payments';
import { checkTopUpAmount, presetText } from './amount-limits';

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
});

describe('presetText', () => {
  it('writes a preset as a person would type it', () => {
    expect(presetText(10_000, 2)).toBe('100');
    expect(presetText(150, 2)).toBe('1.5');
    expect(presetText(5, 2)).toBe('0.05');
    expect(presetText(500_000, 0)).toBe('500000');
  });
});
