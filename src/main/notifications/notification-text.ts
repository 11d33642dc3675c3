import type { WalletAlert } from '../../shared/api/alerts.js';
import type { EventPayload, Language } from '../../shared/ipc-contract.js';
import { formatMoney, isCurrency } from '../../shared/money.js';
import { failureWords } from './failure-words.js';

/**
 * The words of the desktop notifications main shows (a top-up ended, a wallet alert fired), in the
 * language the signed-in user chose (preferences.json, the same choice the renderer follows).
 *
 * A small catalog of its own rather than an i18next instance: main says these few sentences and
 * nothing else. Typed so a key missing in either language does not compile. Only a payment's reason
 * comes from the renderer's catalog (one JSON file per language): its sentences are long and must
 * read as the payment page reads them.
 *
 * In English the body stays the sentence the event already carries (main's payment notice, the
 * server's alert message): it says more (a failure's reason). Other languages are worded here from
 * the event's facts, a payment's reason from its codes in the renderer's words (failure-words.ts);
 * the English bodies below are used when an event carries no sentence.
 */
type Key =
  | 'payment.title.paid'
  | 'payment.title.other'
  | 'payment.paidBalance'
  | 'payment.paid'
  | 'payment.failed'
  | 'payment.cancelled'
  | 'payment.expired'
  | 'payment.other'
  | 'invoice.title.paid'
  | 'invoice.title.other'
  | 'invoice.paid'
  | 'invoice.failed'
  | 'invoice.cancelled'
  | 'invoice.expired'
  | 'invoice.other'
  | 'alert.title.low'
  | 'alert.title.recovered'
  | 'alert.title.autoTopUpFailed'
  | 'alert.low'
  | 'alert.lowRunway'
  | 'alert.recovered'
  | 'alert.autoTopUpFailed';

const CATALOGS: Record<Language, Record<Key, string>> = {
  en: {
    'payment.title.paid': 'Top-up paid',
    'payment.title.other': 'Top-up not completed',
    'payment.paidBalance': 'Top-up of {amount} paid. New balance: {balance}.',
    'payment.paid': 'Top-up of {amount} paid. Your balance is being updated.',
    'payment.failed': 'Top-up of {amount} failed.',
    'payment.cancelled': 'Top-up of {amount} was cancelled.',
    'payment.expired': 'Top-up of {amount} expired before it was paid.',
    'payment.other': 'Top-up of {amount}: {status}.',
    'invoice.title.paid': 'Invoice paid',
    'invoice.title.other': 'Invoice payment not completed',
    'invoice.paid': 'Payment of {amount} for invoice {invoice} received.',
    'invoice.failed': 'Payment of {amount} for invoice {invoice} failed.',
    'invoice.cancelled': 'Payment of {amount} for invoice {invoice} was cancelled.',
    'invoice.expired': 'Payment of {amount} for invoice {invoice} expired before it was paid.',
    'invoice.other': 'Payment of {amount} for invoice {invoice}: {status}.',
    'alert.title.low': 'Low balance',
    'alert.title.recovered': 'Balance recovered',
    'alert.title.autoTopUpFailed': 'Auto top-up failed',
    'alert.low': 'Available balance is {balance}.',
    'alert.lowRunway': 'Available balance is {balance}: about {days} days left at the current spending.',
    'alert.recovered': 'Available balance is back to {balance}.',
    'alert.autoTopUpFailed': 'The automatic top-up could not be made. Available balance: {balance}.',
  },
  vi: {
    'payment.title.paid': 'Đã nạp tiền',
    'payment.title.other': 'Nạp tiền chưa hoàn tất',
    'payment.paidBalance': 'Đã thanh toán khoản nạp {amount}. Số dư mới: {balance}.',
    'payment.paid': 'Đã thanh toán khoản nạp {amount}. Số dư đang được cập nhật.',
    'payment.failed': 'Khoản nạp {amount} thất bại.',
    'payment.cancelled': 'Khoản nạp {amount} đã bị hủy.',
    'payment.expired': 'Khoản nạp {amount} đã hết hạn trước khi được thanh toán.',
    'payment.other': 'Khoản nạp {amount}: {status}.',
    'invoice.title.paid': 'Đã thanh toán hóa đơn',
    'invoice.title.other': 'Thanh toán hóa đơn chưa hoàn tất',
    'invoice.paid': 'Đã nhận {amount} thanh toán hóa đơn {invoice}.',
    'invoice.failed': 'Thanh toán {amount} cho hóa đơn {invoice} thất bại.',
    'invoice.cancelled': 'Thanh toán {amount} cho hóa đơn {invoice} đã bị hủy.',
    'invoice.expired': 'Thanh toán {amount} cho hóa đơn {invoice} đã hết hạn trước khi được thanh toán.',
    'invoice.other': 'Thanh toán {amount} cho hóa đơn {invoice}: {status}.',
    'alert.title.low': 'Số dư thấp',
    'alert.title.recovered': 'Số dư đã phục hồi',
    'alert.title.autoTopUpFailed': 'Tự động nạp tiền thất bại',
    'alert.low': 'Số dư khả dụng là {balance}.',
    'alert.lowRunway': 'Số dư khả dụng là {balance}: còn khoảng {days} ngày với mức chi tiêu hiện tại.',
    'alert.recovered': 'Số dư khả dụng đã trở lại {balance}.',
    'alert.autoTopUpFailed': 'Không thể tự động nạp tiền. Số dư khả dụng: {balance}.',
  },
};
const LOCALES: Record<Language, string> = { en: 'en-US', vi: 'vi-VN' };

export const NOTIFICATION_CATALOGS: Readonly<Record<Language, Readonly<Record<Key, string>>>> = CATALOGS;

function say(language: Language, key: Key, values: Record<string, string | number>): string {
  return CATALOGS[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

function money(amount: number, currency: string, language: Language): string {
  return isCurrency(currency)
    ? formatMoney(amount, currency, { locale: LOCALES[language] })
    : `${amount} ${currency}`;
}

/** A top-up that ended (paid, failed, cancelled, expired), in `language`. */
export function paymentNotification(
  notice: EventPayload<'payments:status-changed'>,
  language: Language,
): { title: string; body: string } {
  const worded = paymentWords(notice, language);
  return language === 'en' && notice.message ? { ...worded, body: notice.message } : worded;
}

function paymentWords(
  notice: EventPayload<'payments:status-changed'>,
  language: Language,
): { title: string; body: string } {
  const amount = money(notice.amount, notice.currency, language);
  if (notice.invoice)
    return invoiceWords(notice, amount, notice.invoice.number ?? notice.invoice.id, language);
  const title = say(language, notice.status === 'paid' ? 'payment.title.paid' : 'payment.title.other', {});
  switch (notice.status) {
    case 'paid':
      return {
        title,
        body:
          notice.balance !== null
            ? say(language, 'payment.paidBalance', {
                amount,
                balance: money(notice.balance, notice.currency, language),
              })
            : say(language, 'payment.paid', { amount }),
      };
    case 'failed':
    case 'cancelled':
    case 'expired':
      return {
        title,
        body: withReason(say(language, `payment.${notice.status}`, { amount }), notice, language),
      };
    default:
      return { title, body: say(language, 'payment.other', { amount, status: notice.status }) };
  }
}

function invoiceWords(
  notice: EventPayload<'payments:status-changed'>,
  amount: string,
  invoice: string,
  language: Language,
): { title: string; body: string } {
  const title = say(language, notice.status === 'paid' ? 'invoice.title.paid' : 'invoice.title.other', {});
  switch (notice.status) {
    case 'paid':
      return { title, body: say(language, 'invoice.paid', { amount, invoice }) };
    case 'failed':
    case 'cancelled':
    case 'expired':
      return {
        title,
        body: withReason(say(language, `invoice.${notice.status}`, { amount, invoice }), notice, language),
      };
    default:
      return { title, body: say(language, 'invoice.other', { amount, invoice, status: notice.status }) };
  }
}

/** `sentence` followed by why the payment ended without money, when its codes say more. */
function withReason(
  sentence: string,
  notice: EventPayload<'payments:status-changed'>,
  language: Language,
): string {
  const reason = failureWords(notice, language);
  return reason ? `${sentence} ${reason}` : sentence;
}

/** A wallet alert that arrived live, in `language`. */
export function alertNotification(alert: WalletAlert, language: Language): { title: string; body: string } {
  const worded = alertWords(alert, language);
  return language === 'en' && alert.message ? { ...worded, body: alert.message } : worded;
}

function alertWords(alert: WalletAlert, language: Language): { title: string; body: string } {
  const balance = money(alert.availableBalance, alert.currency, language);
  switch (alert.type) {
    case 'wallet.balance_low':
      return {
        title: say(language, 'alert.title.low', {}),
        body:
          alert.reason === 'runway' && alert.daysLeft !== null
            ? say(language, 'alert.lowRunway', { balance, days: alert.daysLeft })
            : say(language, 'alert.low', { balance }),
      };
    case 'wallet.balance_recovered':
      return {
        title: say(language, 'alert.title.recovered', {}),
        body: say(language, 'alert.recovered', { balance }),
      };
    default:
      return {
        title: say(language, 'alert.title.autoTopUpFailed', {}),
        body: say(language, 'alert.autoTopUpFailed', { balance }),
      };
  }
}
