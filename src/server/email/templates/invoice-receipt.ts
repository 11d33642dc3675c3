import type { Currency } from '../../../shared/money.js';
import { escapeHtml } from '../../lib/html.js';
import { en, type TextKey } from '../../i18n/en.js';
import type { Text } from '../../i18n/text.js';
import { detailRows } from './rows.js';

/**
 * To the customer: an invoice is paid in full, with how much and by which means last. `test`: the
 * money was a test-mode (sandbox) payment, so the mail says no real money was received.
 */
export function invoiceReceiptEmail(
  text: Text,
  input: {
    resellerName: string;
    customerName: string;
    number: string;
    total: number;
    amountPaid: number;
    currency: Currency;
    method: string | null;
    paidAt: string;
    test?: boolean;
  },
) {
  const total = text.money(input.total, input.currency);
  const subject = text.t(input.test ? 'email.invoice.subjectTest' : 'email.invoice.subject', {
    number: input.number,
    total,
  });
  const hello = text.t('email.hello', { name: input.customerName });
  const received = text.t(input.test ? 'email.invoice.receivedTest' : 'email.invoice.received', {
    reseller: input.resellerName,
    number: input.number,
  });
  const details = detailRows([
    [text.t('email.invoice.invoice'), input.number],
    [text.t('email.invoice.total'), total],
    [text.t('email.invoice.amountPaid'), text.money(input.amountPaid, input.currency)],
    ...(input.method
      ? ([[text.t('email.invoice.paidBy'), methodName(text, input.method)]] as Array<[string, string]>)
      : []),
    [text.t('email.paidAt'), text.moment(input.paidAt)],
  ]);
  return {
    subject,
    text: [hello, '', received, '', details.text].join('\n'),
    html: `<p>${escapeHtml(hello)}</p>\n<p>${escapeHtml(received)}</p>\n${details.html}`,
  };
}

/** "wallet", "bank transfer" in the email's language; a provider by its own name ("stripe"). */
function methodName(text: Text, method: string): string {
  const key = `email.method.${method}`;
  return key in en ? text.t(key as TextKey) : method.replaceAll('_', ' ');
}
