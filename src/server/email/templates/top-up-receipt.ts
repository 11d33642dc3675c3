import type { Currency } from '../../../shared/money.js';
import { escapeHtml } from '../../lib/html.js';
import type { Text } from '../../i18n/text.js';
import { detailRows } from './rows.js';

/** To the payer (or the customer): a paid top-up, with what was credited and the fee. */
export function topUpReceiptEmail(
  text: Text,
  input: {
    resellerName: string;
    customerName: string;
    paymentId: string;
    amount: number;
    fee: number;
    currency: Currency;
    balanceAfter: number;
    paidAt: string;
    test: boolean;
  },
) {
  const amount = text.money(input.amount, input.currency);
  const subject = text.t(input.test ? 'email.topUp.subjectTest' : 'email.topUp.subject', { amount });
  const received = text.t(input.test ? 'email.topUp.receivedTest' : 'email.topUp.received', {
    reseller: input.resellerName,
  });
  const hello = text.t('email.hello', { name: input.customerName });
  const details = detailRows([
    [text.t('email.topUp.amountCredited'), amount],
    [text.t('email.fee'), text.money(input.fee, input.currency)],
    [text.t('email.topUp.newBalance'), text.money(input.balanceAfter, input.currency)],
    [text.t('email.payment'), input.paymentId],
    [text.t('email.paidAt'), text.moment(input.paidAt)],
  ]);
  return {
    subject,
    text: [hello, '', received, '', details.text].join('\n'),
    html: `<p>${escapeHtml(hello)}</p>\n<p>${escapeHtml(received)}</p>\n${details.html}`,
  };
}
