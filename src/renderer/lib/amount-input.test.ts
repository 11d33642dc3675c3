import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { checkAmount } from './amount-input';

describe('checkAmount', () => {
  it('reads what was typed as minor units of the currency', () => {
    expect(checkAmount('1,234.5', 'USD', 'positive')).toEqual({ ok: true, value: 123450 });
    expect(checkAmount('50,000', 'VND', 'positive')).toEqual({ ok: true, value: 50000 });
    expect(checkAmount('-12.345', 'KWD', 'signed')).toEqual({ ok: true, value: -12345 });
  });

  it('explains what is wrong as the person types', () => {
    expect(checkAmount('', 'USD', 'positive')).toEqual({ ok: false, message: 'Enter an amount.' });
    expect(checkAmount('12.345', 'USD', 'positive')).toEqual({
      ok: false,
      message: 'USD has at most 2 decimals.',
    });
    expect(checkAmount('10.5', 'VND', 'positive')).toEqual({
      ok: false,
      message: 'VND has no minor unit: enter a whole amount.',
    });
    expect(checkAmount('12a', 'USD', 'positive')).toMatchObject({ ok: false });
    expect(checkAmount('1e3', 'USD', 'positive')).toMatchObject({ ok: false });
    expect(checkAmount('99999999999999999', 'USD', 'positive')).toEqual({
      ok: false,
      message: 'That amount is too large.',
    });
  });

  it('wants a positive top-up and a non-zero adjustment', () => {
    expect(checkAmount('0', 'USD', 'positive')).toMatchObject({ ok: false });
    expect(checkAmount('-5', 'USD', 'positive')).toMatchObject({ ok: false });
    expect(checkAmount('0.00', 'USD', 'signed')).toMatchObject({ ok: false });
    expect(checkAmount('-5', 'USD', 'signed')).toEqual({ ok: true, value: -500 });
  });

  describe('in Vietnamese', () => {
    afterEach(() => i18n.changeLanguage('en'));

    it('says what is wrong in Vietnamese, naming the currency', async () => {
      await i18n.changeLanguage('vi');
      expect(checkAmount('', 'VND', 'positive')).toEqual({ ok: false, message: 'Nhập số tiền.' });
      expect(checkAmount('1.5', 'VND', 'positive')).toEqual({
        ok: false,
        message: 'VND không có đơn vị lẻ: hãy nhập số nguyên.',
      });
    });
  });
});
