import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { CURRENCIES } from '../../shared/money';
import { amountText, checkAmount, readTypedAmount, retypedAmount } from './amount-input';

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

  it('takes a "+" before a credit, as the adjustment form invites a positive or negative amount', () => {
    expect(checkAmount('+5', 'USD', 'signed')).toEqual({ ok: true, value: 500 });
    expect(checkAmount('+1.500.000', 'VND', 'signed', 'vi-VN')).toEqual({ ok: true, value: 1_500_000 });
    expect(checkAmount('+0', 'USD', 'signed')).toMatchObject({ ok: false });
    expect(checkAmount('+-5', 'USD', 'signed')).toMatchObject({ ok: false });
    expect(checkAmount('++5', 'USD', 'signed')).toMatchObject({ ok: false });
  });

  describe('in Vietnamese', () => {
    afterEach(() => i18n.changeLanguage('en'));

    it('says what is wrong in Vietnamese, naming the currency', async () => {
      await i18n.changeLanguage('vi');
      expect(checkAmount('', 'VND', 'positive')).toEqual({ ok: false, message: 'Nhập số tiền.' });
      expect(checkAmount('1,5', 'VND', 'positive')).toEqual({
        ok: false,
        message: 'VND không có đơn vị lẻ: hãy nhập số nguyên.',
      });
    });
  });
});

describe('amounts typed in the console’s language', () => {
  it('reads Vietnamese marks: a decimal comma and dots between thousands', () => {
    expect(readTypedAmount('10,50', 'EUR', 'vi-VN')).toEqual({ ok: true, value: 1_050 });
    expect(readTypedAmount('1.234,5', 'USD', 'vi-VN')).toEqual({ ok: true, value: 123_450 });
    expect(readTypedAmount('1.500.000', 'VND', 'vi-VN')).toEqual({ ok: true, value: 1_500_000 });
    expect(readTypedAmount('-2,50', 'EUR', 'vi-VN')).toEqual({ ok: true, value: -250 });
  });

  it('reads English marks, and takes neither language’s decimal for a separator', () => {
    expect(readTypedAmount('1,234.5', 'USD', 'en-US')).toEqual({ ok: true, value: 123_450 });
    expect(readTypedAmount('10,50', 'EUR', 'en-US')).toEqual({ ok: false, reason: 'format' });
    expect(readTypedAmount('10.50', 'EUR', 'vi-VN')).toEqual({ ok: false, reason: 'format' });
    expect(readTypedAmount('1,234.50', 'USD', 'vi-VN')).toEqual({ ok: false, reason: 'format' });
  });

  it('gives the example of a well-typed amount in the language’s own marks', () => {
    expect(checkAmount('1.2.3', 'USD', 'positive', 'vi-VN')).toEqual({
      ok: false,
      message: 'Use digits and one decimal point, e.g. 1.234,50.',
    });
    expect(checkAmount('abc', 'VND', 'signed', 'en-US')).toEqual({
      ok: false,
      message: 'Use digits, e.g. -50,000.',
    });
  });

  it('shows a stored amount as it would be typed, and reads it back to the same amount', () => {
    expect(amountText(10_000, 'USD', 'en-US')).toBe('100');
    expect(amountText(1_250, 'EUR', 'vi-VN')).toBe('12,50');
    expect(amountText(500_000, 'VND', 'vi-VN')).toBe('500000');
    for (const locale of ['en-US', 'vi-VN', 'en-IN']) {
      for (const currency of CURRENCIES) {
        for (const amount of [1, 5, 150, 123_456_789]) {
          const text = amountText(amount, currency, locale);
          expect(readTypedAmount(text, currency, locale), `${amount} ${currency} in ${locale}`).toEqual({
            ok: true,
            value: amount,
          });
        }
      }
    }
  });
});

describe('an amount carried over a language switch', () => {
  it('is written with the new language’s marks', () => {
    expect(retypedAmount('1234.5', 'USD', 'en-US', 'vi-VN')).toBe('1234,50');
    expect(retypedAmount('1.500.000', 'VND', 'vi-VN', 'en-US')).toBe('1500000');
  });

  it('stays as typed while it is not an amount yet', () => {
    expect(retypedAmount('12.345', 'USD', 'en-US', 'vi-VN')).toBe('12.345');
  });
});
