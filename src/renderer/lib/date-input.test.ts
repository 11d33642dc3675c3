import { describe, expect, it } from 'vitest';
import { dateOrder, dayOrderWords, nativeDateBoxFits, parseTypedDay, typedDay } from './date-input';

const vi = { day: 'ngày', month: 'tháng', year: 'năm' } as const;

describe('how a date box wants its day written', () => {
  it('follows the browser: month first in en-US, day first in vi-VN and de-DE', () => {
    expect(dateOrder('en-US')).toEqual(['month', { literal: '/' }, 'day', { literal: '/' }, 'year']);
    expect(dateOrder('vi-VN')).toEqual(['day', { literal: '/' }, 'month', { literal: '/' }, 'year']);
    expect(dateOrder('de-DE')).toEqual(['day', { literal: '.' }, 'month', { literal: '.' }, 'year']);
  });

  it('is drawn natively only when the console speaks the browser’s language', () => {
    expect(nativeDateBoxFits('vi', 'en-US')).toBe(false);
    expect(nativeDateBoxFits('vi', 'vi-VN')).toBe(true);
    expect(nativeDateBoxFits('en', 'en-GB')).toBe(true);
    expect(nativeDateBoxFits('en', 'vi-VN')).toBe(false);
  });

  it('is typed in the console’s order, said in its words', () => {
    expect(dayOrderWords('vi-VN', (p) => vi[p])).toBe('ngày/tháng/năm');
    expect(dayOrderWords('en-US', (p) => p)).toBe('month/day/year');
    expect(typedDay('2020-01-31', 'vi-VN')).toBe('31/01/2020');
    expect(typedDay('2020-01-31', 'en-US')).toBe('01/31/2020');
    expect(typedDay('', 'vi-VN')).toBe('');
  });

  it('reads a typed day in that order, or as yyyy-mm-dd, and refuses what is not a day', () => {
    expect(parseTypedDay('31/01/2020', 'vi-VN')).toBe('2020-01-31');
    expect(parseTypedDay(' 5.2.2021 ', 'vi-VN')).toBe('2021-02-05');
    expect(parseTypedDay('01/31/2020', 'en-US')).toBe('2020-01-31');
    expect(parseTypedDay('2020-01-31', 'vi-VN')).toBe('2020-01-31');
    expect(parseTypedDay('01/31/2020', 'vi-VN')).toBeNull();
    expect(parseTypedDay('29/02/2021', 'vi-VN')).toBeNull();
    expect(parseTypedDay('31/01/20', 'vi-VN')).toBeNull();
    expect(parseTypedDay('31/01', 'vi-VN')).toBeNull();
    expect(parseTypedDay('', 'vi-VN')).toBeNull();
  });
});
