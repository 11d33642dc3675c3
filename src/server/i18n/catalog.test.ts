import { describe, expect, it } from 'vitest';
import { fromAcceptLanguage, pageText } from './page-text.js';
import { CATALOGS, textIn } from './text.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the API's own catalog (payer pages and emails)", () => {
  it('has the same keys in English and Vietnamese, none empty, with the same placeholders', () => {
    const { en, vi } = CATALOGS;
    expect(Object.keys(vi).sort()).toEqual(Object.keys(en).sort());
    const problems: string[] = [];
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      for (const [lang, catalog] of Object.entries(CATALOGS)) {
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

  it('dates: English as the emails always showed them (ISO, UTC); Vietnamese day first, via Intl', () => {
    const at = '2031-06-01T07:05:00.000Z';
    expect(textIn('en').day(at)).toBe('2031-06-01');
    expect(textIn('en').moment(at)).toBe(at);
    expect(textIn('vi').day(at)).toBe('01/06/2031');
    expect(textIn('vi').moment(at)).toBe('07:05 01/06/2031 (UTC)');
    // Late in the UTC day is still that UTC day, whatever the server's own time zone.
    expect(textIn('vi').day('2031-12-31T23:59:00.000Z')).toBe('31/12/2031');
    expect(textIn('vi').money(150_000_000, 'VND').replace(/\s/g, ' ')).toBe('150.000.000 ₫');
  });

  it('html: the catalog text escaped, the values put in as the HTML they already are', () => {
    expect(
      textIn('en').html('email.endpoint.disabled', { url: '<strong>a&amp;b</strong>', id: 'whe_1' }),
    ).toBe('Your webhook endpoint <strong>a&amp;b</strong> (whe_1) was disabled.');
    expect(textIn('en').t('email.hello', { name: 'Ann <b>' })).toBe('Hello Ann <b>,');
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
