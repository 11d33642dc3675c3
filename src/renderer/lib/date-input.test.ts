import { describe, expect, it } from 'vitest';
import { dateInputOrderHint, dateOrder } from './date-input';

const vi = { day: 'ngày', month: 'tháng', year: 'năm' } as const;

describe('how a date box wants its day written', () => {
  it('follows the browser: month first in en-US, day first in vi-VN and de-DE', () => {
    expect(dateOrder('en-US')).toEqual(['month', { literal: '/' }, 'day', { literal: '/' }, 'year']);
    expect(dateOrder('vi-VN')).toEqual(['day', { literal: '/' }, 'month', { literal: '/' }, 'year']);
    expect(dateOrder('de-DE')).toEqual(['day', { literal: '.' }, 'month', { literal: '.' }, 'year']);
  });

  it('is said in the console’s words when the browser speaks another language, and not otherwise', () => {
    expect(dateInputOrderHint('vi', 'en-US', (p) => vi[p])).toBe('tháng/ngày/năm');
    expect(dateInputOrderHint('vi', 'vi-VN', (p) => vi[p])).toBeUndefined();
    expect(dateInputOrderHint('en', 'en-GB', (p) => p)).toBeUndefined();
    expect(dateInputOrderHint('en', 'vi-VN', (p) => p)).toBe('day/month/year');
  });
});
