import type { FastifyRequest } from 'fastify';
import { formatMoney, type Currency } from '../../shared/money.js';
import { feePercent } from '../../shared/top-up-fee.js';
import { en, type PageTextKey } from './en.js';
import { vi } from './vi.js';

/**
 * The language of a page the API serves to a payer's browser: `?lang=vi|en` when the link says so,
 * else the browser's Accept-Language, else English. Small and server-side on purpose: these pages
 * carry no script, so the renderer's i18next catalogs are not used here.
 */
export type PageLanguage = 'en' | 'vi';
export const PAGE_CATALOGS: Record<PageLanguage, Record<PageTextKey, string>> = { en, vi };
const LOCALES: Record<PageLanguage, string> = { en: 'en-US', vi: 'vi-VN' };

export interface PageText {
  lang: PageLanguage;
  /** Set when the language came from `?lang=`: forms and links carry it on (`?lang=vi`). */
  query: string;
  t(key: PageTextKey, values?: Record<string, string | number>): string;
  /** An amount in the page's locale: "$50.00", "50.000 ₫" (VND has no minor unit). */
  money(amount: number, currency: Currency): string;
  /** A method's fee in basis points, as the console words it: "2.9% fee", "Phí 2,9%", "No fee". */
  fee(basisPoints: number): string;
}

function isPageLanguage(value: unknown): value is PageLanguage {
  return value === 'en' || value === 'vi';
}

/** The best of en/vi in an Accept-Language header ("vi-VN,vi;q=0.9,en;q=0.8"), by q then order. */
export function fromAcceptLanguage(header: string | undefined): PageLanguage | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { primary: tag.trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.q > 0 && Number.isFinite(r.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((r) => r.primary).find(isPageLanguage) ?? null;
}

export function pageText(lang: PageLanguage, fromQuery = false): PageText {
  const catalog = PAGE_CATALOGS[lang];
  const t: PageText['t'] = (key, values = {}) =>
    catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in values ? String(values[name]) : whole,
    );
  // The fee's digits are exact; only the decimal mark follows the language ("2,9" in Vietnamese).
  const decimal =
    new Intl.NumberFormat(LOCALES[lang]).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  return {
    lang,
    query: fromQuery ? `?lang=${lang}` : '',
    t,
    money: (amount, currency) => formatMoney(amount, currency, { locale: LOCALES[lang] }),
    fee: (basisPoints) =>
      basisPoints === 0 ? t('link.noFee') : t('link.fee', { percent: feePercent(basisPoints, decimal) }),
  };
}

/** The text for the page `request` asks for. */
export function pageTextFor(request: FastifyRequest): PageText {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isPageLanguage(asked)) return pageText(asked, true);
  return pageText(fromAcceptLanguage(request.headers['accept-language']) ?? 'en');
}
