import { describe, expect, it } from 'vitest';
import { fromAcceptLanguage, PAGE_CATALOGS, pageText } from './page-text.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the payer pages catalog', () => {
  it('has the same keys in English and Vietnamese, none empty, with the same placeholders', () => {
    const { en, vi } = PAGE_CATALOGS;
    expect(Object.keys(vi).sort()).toEqual(Object.keys(en).sort());
    const problems: string[] = [];
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      for (const [lang, catalog] of Object.entries(PAGE_CATALOGS)) {
        if (typeof catalog[key] !== 'string' || catalog[key].trim() === '')
          problems.push(`${lang}: "${key}" is empty`);
      }
      if (placeholders(en[key]).join() !== placeholders(vi[key]).join())
        problems.push(`"${key}" placeholders differ: en ${en[key]} / vi ${vi[key]}`);
    }
    expect(problems).toEqual([]);
  });

  it('fills placeholders and formats amounts and fees for the language (VND without a minor unit)', () => {
    expect(pageText('en').t('sandbox.notAccepted', { status: 500 })).toBe(
      'The merchant did not accept the notification (HTTP 500).',
    );
    expect(pageText('en').money(5_000, 'USD')).toBe('$50.00');
    expect(pageText('vi').money(50_000, 'VND').replace(/\s/g, ' ')).toBe('50.000 ₫');
    expect(pageText('en').fee(290)).toBe('2.9% fee');
    expect(pageText('vi').fee(290)).toBe('Phí 2,9%');
    expect(pageText('vi').fee(0)).toBe('Miễn phí');
    expect(pageText('vi', true).query).toBe('?lang=vi');
    expect(pageText('vi').query).toBe('');
  });
});

describe('fromAcceptLanguage', () => {
  it('takes the preferred of English and Vietnamese, by quality then order', () => {
    expect(fromAcceptLanguage('vi-VN,vi;q=0.9,en;q=0.8')).toBe('vi');
    expect(fromAcceptLanguage('fr-FR, en-GB;q=0.5, vi;q=0.7')).toBe('vi');
    expect(fromAcceptLanguage('en-US,en;q=0.9')).toBe('en');
    expect(fromAcceptLanguage('vi;q=0, en;q=0.1')).toBe('en');
    expect(fromAcceptLanguage('fr, de')).toBeNull();
    expect(fromAcceptLanguage(undefined)).toBeNull();
  });
});
