import type { Language } from '../../shared/api/language.js';
import { formatMoney, type Currency } from '../../shared/money.js';
import { feePercent } from '../../shared/top-up-fee.js';
import { escapeHtml } from '../lib/html.js';
import { en, type TextKey } from './en.js';
import { vi } from './vi.js';

/**
 * The API's own text in a language: the pages it serves to payers' browsers (page-text.ts) and the
 * emails it sends (email/templates). Small and server-side on purpose: neither carries a script,
 * so the renderer's i18next catalogs are not used here.
 */
export const CATALOGS: Record<Language, Record<TextKey, string>> = { en, vi };
const LOCALES: Record<Language, string> = { en: 'en-US', vi: 'vi-VN' };

export interface Text {
  lang: Language;
  t(key: TextKey, values?: Record<string, string | number>): string;
  /**
   * The same sentence as HTML: the catalog's text escaped (its {placeholders} survive escaping),
   * then `values` put in as given, which are HTML already (escaped by the caller, or markup).
   */
  html(key: TextKey, values?: Record<string, string | number>): string;
  /** An amount in the language's locale: "$50.00", "50.000 ₫" (VND has no minor unit). */
  money(amount: number, currency: Currency): string;
  /** A method's fee in basis points, as the console words it: "2.9% fee", "Phí 2,9%", "No fee". */
  fee(basisPoints: number): string;
  /**
   * The day of an ISO timestamp (UTC). English keeps the ISO day the emails always showed
   * ("2031-06-01"); Vietnamese reads it day first ("01/06/2031").
   */
  day(iso: string): string;
  /** A moment (UTC): English as stored ("2031-06-01T07:05:00.000Z"), Vietnamese "07:05 01/06/2031 (UTC)". */
  moment(iso: string): string;
}

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));

const viDay = new Intl.DateTimeFormat('vi-VN', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'UTC',
});
const viTime = new Intl.DateTimeFormat('vi-VN', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

export function textIn(lang: Language): Text {
  const catalog = CATALOGS[lang];
  const t: Text['t'] = (key, values = {}) => fill(catalog[key], values);
  // The fee's digits are exact; only the decimal mark follows the language ("2,9" in Vietnamese).
  const decimal =
    new Intl.NumberFormat(LOCALES[lang]).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  return {
    lang,
    t,
    html: (key, values = {}) => fill(escapeHtml(catalog[key]), values),
    money: (amount, currency) => formatMoney(amount, currency, { locale: LOCALES[lang] }),
    fee: (basisPoints) =>
      basisPoints === 0 ? t('link.noFee') : t('link.fee', { percent: feePercent(basisPoints, decimal) }),
    day: (iso) => (lang === 'en' ? iso.slice(0, 10) : viDay.format(new Date(iso))),
    moment: (iso) => {
      if (lang === 'en') return iso;
      const at = new Date(iso);
      return `${viTime.format(at)} ${viDay.format(at)} (UTC)`;
    },
  };
}
