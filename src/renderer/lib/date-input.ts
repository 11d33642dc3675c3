/** What a native <input type="date"> shows a day as, and how to say it in the console's language. */

import { i18n } from '../i18n';

export type DatePart = 'day' | 'month' | 'year';

/**
 * The parts of a day in the order `locale` writes them, with the separators it uses between them
 * ("month", "/", "day", "/", "year" for en-US; "day", "/", "month", "/", "year" for vi-VN).
 */
export function dateOrder(locale: string): Array<DatePart | { literal: string }> {
  const parts = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(Date.UTC(2026, 11, 6, 12)));
  return parts.flatMap((p): Array<DatePart | { literal: string }> => {
    if (p.type === 'day' || p.type === 'month' || p.type === 'year') return [p.type];
    return p.type === 'literal' ? [{ literal: p.value.trim() || ' ' }] : [];
  });
}

/**
 * Chromium draws a date input's empty fields and its value in the browser's own locale ("mm/dd/yyyy"
 * for en-US), whatever the page's or the input's `lang` says; Electron fixes that locale when it
 * starts. So a native date box can be used only when the console speaks the browser's language;
 * otherwise the console draws the day itself, in its own language's order (`typedDay`).
 */
export function nativeDateBoxFits(consoleLanguage: string, browserLocale: string): boolean {
  const primary = (tag: string) => tag.toLowerCase().split(/[-_]/)[0];
  return primary(consoleLanguage) === primary(browserLocale);
}

/** The order `locale` writes a day in, in words ("ngày/tháng/năm"). */
export function dayOrderWords(locale: string, words: (part: DatePart) => string): string {
  return dateOrder(locale)
    .map((part) => (typeof part === 'string' ? words(part) : part.literal))
    .join('');
}

/** A day ("2020-01-31") as `locale` writes it for typing: "31/01/2020" in vi-VN, "01/31/2020" in en-US. */
export function typedDay(iso: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return '';
  const values: Record<DatePart, string> = { year: m[1]!, month: m[2]!, day: m[3]! };
  return dateOrder(locale)
    .map((part) => (typeof part === 'string' ? values[part] : part.literal))
    .join('');
}

/**
 * A day typed in `locale`'s order, whatever separates its numbers ("31/1/2020", "31.01.2020"), or
 * as the ISO "2020-01-31", as "yyyy-mm-dd"; null when it is not a day of the calendar.
 */
export function parseTypedDay(text: string, locale: string): string | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  const numbers = iso ? null : trimmed.split(/\D+/).filter(Boolean);
  let year: string, month: string, day: string;
  if (iso) {
    [year, month, day] = [iso[1]!, iso[2]!, iso[3]!];
  } else {
    const order = dateOrder(locale).filter((p): p is DatePart => typeof p === 'string');
    if (!numbers || numbers.length !== 3 || order.length !== 3) return null;
    const at = (part: DatePart) => numbers[order.indexOf(part)]!;
    [year, month, day] = [at('year'), at('month'), at('day')];
  }
  if (!/^\d{4}$/.test(year) || !/^\d{1,2}$/.test(month) || !/^\d{1,2}$/.test(day)) return null;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** The days a date box allows, "yyyy-mm-dd" each, both included: its `min` and `max`. */
export interface DayRange {
  min?: string | undefined;
  max?: string | undefined;
}

/** The limit a day passed: the box's min (it may not be before) or its max (not after). */
export interface DayOutOfRange {
  side: 'min' | 'max';
  limit: string;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What a day typed in `locale`'s order gives the box's caller: "yyyy-mm-dd" when it is a whole day
 * within `range`, else "" (as a native box holds no day while one is unfinished), with the limit it
 * passed when it is a day outside the range. A limit that is not a day limits nothing, as on a
 * native box.
 */
export function readTypedDay(
  text: string,
  locale: string,
  range: DayRange,
): { day: string; outOfRange: DayOutOfRange | null } {
  const day = parseTypedDay(text, locale);
  if (day === null) return { day: '', outOfRange: null };
  const { min, max } = range;
  if (min && ISO_DAY.test(min) && day < min) return { day: '', outOfRange: { side: 'min', limit: min } };
  if (max && ISO_DAY.test(max) && day > max) return { day: '', outOfRange: { side: 'max', limit: max } };
  return { day, outOfRange: null };
}

/** Why a typed day is refused, naming its field and the limit, that day written in `locale`'s order. */
export function dayOutOfRangeMessage(field: string, { side, limit }: DayOutOfRange, locale: string): string {
  const values = { field, limit: typedDay(limit, locale) };
  return side === 'min'
    ? i18n.t('components:dayBeforeMin', values)
    : i18n.t('components:dayAfterMax', values);
}
