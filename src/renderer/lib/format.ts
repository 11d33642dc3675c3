import type { Role } from '../../shared/api/auth';
import type { TransactionType } from '../../shared/api/wallets';
import type { OutboxItem } from '../../shared/ipc-contract';
import { formatMoney, isCurrency, type Currency } from '../../shared/money';
import { currentLanguage, i18n, localeFor, translatedLabels } from '../i18n';

/** The locale amounts and dates are shown in: the chosen language's (vi-VN for Tiếng Việt). */
export function displayLocale(): string {
  return localeFor(currentLanguage());
}

export const TRANSACTION_TYPE_LABELS = translatedLabels<TransactionType>('common', 'transactionType', [
  'credit',
  'top_up',
  'payment',
  'refund',
  'adjustment',
]);

export const ROLE_LABELS = translatedLabels<Role>('common', 'role', [
  'operator',
  'reseller_admin',
  'support_agent',
  'customer',
]);

export const OUTBOX_KIND_LABELS = translatedLabels<OutboxItem['kind']>('common', 'outboxKind', [
  'customer.create',
  'wallet.create',
  'wallet.credit',
  'wallet.adjust',
  'payment.create',
  'order.fulfil',
  'subscription.cancel',
  'invoice.create',
  'ticket.open',
  'ticket.reply',
  'unreadable',
]);

/** Minor units for display; `signed` shows "+" on credits and "−" on debits (never on zero). */
export function formatAmount(
  amount: number,
  currency: string,
  options: { signed?: boolean; locale?: string } = {},
): string {
  if (!isCurrency(currency)) return i18n.t('common:unknownCurrencyAmount', { amount, currency });
  return formatMoney(amount, currency, {
    locale: options.locale ?? displayLocale(),
    signDisplay: options.signed ? 'exceptZero' : 'auto',
  });
}

export function asCurrency(code: string | null | undefined): Currency | null {
  return code && isCurrency(code) ? code : null;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

/** "Mar 4, 2025, 14:05" in the display locale and the local time zone. */
export function formatDateTime(iso: string, locale = displayLocale()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** "Mar 4, 2025": the local day of a moment, where its time of day would only take room. */
export function formatDate(iso: string, locale = displayLocale()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat(locale, { dateStyle: 'medium' }).format(date);
}

/** A calendar day ("2025-03-04" or a timestamp) as "Mar 4", read as that day wherever we are. */
export function formatDay(day: string, locale = displayLocale(), withYear = false): string {
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return dateFormat(locale, {
    month: 'short',
    day: 'numeric',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(date);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "just now", "5 minutes ago", "yesterday": how long before `now` the moment `iso` was. */
export function formatRelative(iso: string, now: number, locale = displayLocale()): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((then - now) / 1000);
  if (Math.abs(seconds) < 45) return i18n.t('common:justNow', { lng: locale.startsWith('vi') ? 'vi' : 'en' });
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(Math.round(seconds / 60) || -1, 'minute');
}

/** "1 change" / "3 changes": English words only; translated screens use t('key', { count }). */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString(displayLocale())} ${count === 1 ? one : many}`;
}
