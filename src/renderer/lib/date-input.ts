/** What a native <input type="date"> shows a day as, and how to say it in the console's language. */

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
 * starts. So when the console's language is not the browser's, a date field says in the console's
 * words in which order the box wants the day, month and year; the same language needs no word.
 */
export function dateInputOrderHint(
  consoleLanguage: string,
  browserLocale: string,
  words: (part: DatePart) => string,
): string | undefined {
  const primary = (tag: string) => tag.toLowerCase().split(/[-_]/)[0];
  if (primary(consoleLanguage) === primary(browserLocale)) return undefined;
  return dateOrder(browserLocale)
    .map((part) => (typeof part === 'string' ? words(part) : part.literal))
    .join('');
}
