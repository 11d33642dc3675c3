import { describe, expect, it } from 'vitest';
import { defaultTopUpLimits } from '../../shared/api/payments';
import { checkLimits, draftOf } from './limits-draft';

describe('editing one currency’s limits and presets', () => {
  it('shows minor units as they would be typed and reads them back exactly', () => {
    const usd = defaultTopUpLimits('USD');
    expect(draftOf(usd)).toEqual({
      currency: 'USD',
      minAmount: '0.50',
      maxAmount: '15000',
      presets: ['100', '200', '500', '1000'],
    });
    expect(checkLimits(draftOf(usd))).toEqual({ ok: true, value: usd });
    expect(checkLimits({ ...draftOf(usd), minAmount: '10.00' })).toMatchObject({
      ok: true,
      value: { minAmount: 1_000 },
    });
    const vnd = defaultTopUpLimits('VND');
    expect(draftOf(vnd).minAmount).toBe('10000');
    expect(checkLimits({ ...draftOf(vnd), minAmount: '50000' })).toMatchObject({
      ok: true,
      value: { minAmount: 50_000 },
    });
  });

  it('names the field each mistake belongs to', () => {
    const usd = draftOf(defaultTopUpLimits('USD'));
    expect(checkLimits({ ...usd, minAmount: '0.505' })).toEqual({
      ok: false,
      errors: { minAmount: 'USD has at most 2 decimals.' },
    });
    expect(checkLimits({ ...usd, minAmount: '20000' })).toMatchObject({
      ok: false,
      errors: { minAmount: expect.stringMatching(/must not exceed the maximum/) },
    });
    expect(checkLimits({ ...usd, minAmount: '150', presets: ['100', '200', 'abc', '200', '99999'] })).toEqual(
      {
        ok: false,
        errors: {
          'presets.0': 'Below the minimum ($150.00).',
          'presets.2': expect.stringMatching(/^Use digits/),
          'presets.3': 'This preset is already listed.',
          'presets.4': 'Above the maximum ($15,000.00).',
        },
      },
    );
    expect(checkLimits({ ...usd, maxAmount: '' })).toEqual({
      ok: false,
      errors: { maxAmount: 'Enter an amount.' },
    });
    expect(
      checkLimits({ ...usd, presets: Array.from({ length: 9 }, (_, i) => String(i + 1)) }),
    ).toMatchObject({
      ok: false,
      errors: { presets: 'At most 8 preset amounts.' },
    });
    expect(checkLimits({ ...draftOf(defaultTopUpLimits('VND')), minAmount: '10000.5' })).toMatchObject({
      ok: false,
      errors: { minAmount: 'VND has no minor unit: enter a whole amount.' },
    });
  });

  it('allows no presets at all', () => {
    expect(checkLimits({ ...draftOf(defaultTopUpLimits('EUR')), presets: [] })).toMatchObject({
      ok: true,
      value: { presets: [] },
    });
  });
});
