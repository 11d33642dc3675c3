import type { FastifyRequest } from 'fastify';
import type { Language } from '../../shared/api/language.js';
import { textIn, type Text } from './text.js';

/**
 * The language of a page the API serves to a payer's browser: `?lang=vi|en` when the link says so,
 * else the language of the customer the page is for (when the page knows one and it was chosen),
 * else the browser's Accept-Language, else English.
 */
export type PageLanguage = Language;

export interface PageText extends Text {
  /** Set when the language came from `?lang=`: forms and links carry it on (`?lang=vi`). */
  query: string;
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
  return { ...textIn(lang), query: fromQuery ? `?lang=${lang}` : '' };
}

/**
 * The text for the page `request` asks for. `customer`: the chosen language of the customer whose
 * page it is, which beats the browser's (a Vietnamese customer on an English-language system still
 * reads Vietnamese); null when unknown or never chosen.
 */
export function pageTextFor(request: FastifyRequest, customer: PageLanguage | null = null): PageText {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isPageLanguage(asked)) return pageText(asked, true);
  return pageText(customer ?? fromAcceptLanguage(request.headers['accept-language']) ?? 'en');
}
