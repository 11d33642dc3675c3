import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage } from '../i18n';
import {
  dateOrder,
  dayOrderWords,
  dayOutOfRangeMessage,
  nativeDateBoxFits,
  parseTypedDay,
  readTypedDay,
  typedDay,
} from './date-input';

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

describe('a typed day and the range its box allows (the min and max a native date box honours)', () => {
  afterEach(() => applyLanguage('en'));
  const range = { min: '2020-01-10', max: '2020-01-20' };

  it('gives its caller a day within the range, both ends included', () => {
    expect(readTypedDay('10/01/2020', 'vi-VN', range)).toEqual({ day: '2020-01-10', outOfRange: null });
    expect(readTypedDay('20/01/2020', 'vi-VN', range)).toEqual({ day: '2020-01-20', outOfRange: null });
    expect(readTypedDay('31/12/2999', 'vi-VN', {})).toEqual({ day: '2999-12-31', outOfRange: null });
    // A limit that is not a day (unset, "") limits nothing, as on a native box.
    expect(readTypedDay('01/01/1999', 'vi-VN', { min: '', max: undefined })).toEqual({
      day: '1999-01-01',
      outOfRange: null,
    });
  });

  it('refuses a day outside it: its caller gets "", and hears which limit it passed', () => {
    expect(readTypedDay('09/01/2020', 'vi-VN', range)).toEqual({
      day: '',
      outOfRange: { side: 'min', limit: '2020-01-10' },
    });
    expect(readTypedDay('01/21/2020', 'en-US', range)).toEqual({
      day: '',
      outOfRange: { side: 'max', limit: '2020-01-20' },
    });
    // What is not yet a day is not out of range: it is unfinished.
    expect(readTypedDay('21/01', 'vi-VN', range)).toEqual({ day: '', outOfRange: null });
  });

  it('says so naming the field and the limit, in the console’s language and its order of the day', async () => {
    await applyLanguage('vi');
    expect(dayOutOfRangeMessage('Đến ngày', { side: 'min', limit: '2020-01-10' }, 'vi-VN')).toBe(
      '“Đến ngày” không được trước ngày 10/01/2020.',
    );
    expect(dayOutOfRangeMessage('Từ ngày', { side: 'max', limit: '2020-01-20' }, 'vi-VN')).toBe(
      '“Từ ngày” không được sau ngày 20/01/2020.',
    );
    await applyLanguage('en');
    expect(dayOutOfRangeMessage('To', { side: 'min', limit: '2020-01-10' }, 'en-US')).toBe(
      '“To” cannot be before 01/10/2020.',
    );
    expect(dayOutOfRangeMessage('Day it arrived', { side: 'max', limit: '2026-12-07' }, 'en-US')).toBe(
      '“Day it arrived” cannot be after 12/07/2026.',
    );
  });
});
