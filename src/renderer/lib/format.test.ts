import { describe, expect, it } from 'vitest';
import { formatAmount, formatDay, formatRelative, plural, TRANSACTION_TYPE_LABELS } from './format';

describe('formatAmount', () => {
  it('formats minor units in the currency, signed when asked', () => {
    expect(formatAmount(123450, 'USD', { locale: 'en-US' })).toBe('$1,234.50');
    expect(formatAmount(1000, 'USD', { signed: true, locale: 'en-US' })).toBe('+$10.00');
    expect(formatAmount(-1000, 'USD', { signed: true, locale: 'en-US' })).toBe('-$10.00');
    expect(formatAmount(0, 'USD', { signed: true, locale: 'en-US' })).toBe('$0.00');
  });

  it('knows currencies without and with three minor digits', () => {
    expect(formatAmount(50000, 'VND', { locale: 'en-US' })).toBe('₫50,000');
    expect(formatAmount(1234, 'KWD', { locale: 'en-US' }).replace(/\s/u, ' ')).toBe('KWD 1.234');
  });

  it('shows VND in Vietnamese with no minor unit and vi-VN grouping', () => {
    expect(formatAmount(1234567, 'VND', { locale: 'vi-VN' }).replace(/\s/gu, ' ')).toBe('1.234.567 ₫');
    expect(formatAmount(-50000, 'VND', { locale: 'vi-VN', signed: true }).replace(/\s/gu, ' ')).toBe(
      '-50.000 ₫',
    );
  });

  it('never pretends to know a currency outside the allow-list', () => {
    expect(formatAmount(100, 'XXX')).toBe('100 (minor units, XXX)');
  });
});

describe('formatDay', () => {
  it('reads a calendar day as that day in every time zone', () => {
    expect(formatDay('2025-03-04', 'en-US')).toBe('Mar 4');
    expect(formatDay('2025-03-04', 'en-US', true)).toBe('Mar 4, 2025');
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2025-03-04T12:00:00Z');
  it('says how long ago', () => {
    expect(formatRelative('2025-03-04T11:59:50Z', now, 'en-US')).toBe('just now');
    expect(formatRelative('2025-03-04T11:55:00Z', now, 'en-US')).toBe('5 minutes ago');
    expect(formatRelative('2025-03-04T09:00:00Z', now, 'en-US')).toBe('3 hours ago');
    expect(formatRelative('2025-03-03T10:00:00Z', now, 'en-US')).toBe('yesterday');
  });
});

describe('plural', () => {
  it('counts', () => {
    expect(plural(1, 'change')).toBe('1 change');
    expect(plural(3, 'change')).toBe('3 changes');
  });
});

describe('TRANSACTION_TYPE_LABELS', () => {
  it('names a merchant credit as the button that makes it ("Add credit"), apart from a gateway top-up', () => {
    expect(TRANSACTION_TYPE_LABELS.credit).toBe('Credit');
    expect(TRANSACTION_TYPE_LABELS.top_up).toBe('Top Up');
  });
});
