import { formatMoney, type Currency } from '../../../shared/money.js';
import { escapeHtml } from '../../lib/html.js';

/** To the payer (or the customer): a paid top-up, with what was credited and the fee. */
export function topUpReceiptEmail(input: {
  resellerName: string;
  customerName: string;
  paymentId: string;
  amount: number;
  fee: number;
  currency: Currency;
  balanceAfter: number;
  paidAt: string;
  test: boolean;
}) {
  const amount = formatMoney(input.amount, input.currency);
  const fee = formatMoney(input.fee, input.currency);
  const balance = formatMoney(input.balanceAfter, input.currency);
  const testNote = input.test ? ' (test mode: no real money moved)' : '';
  const subject = `Receipt: ${amount} added to your wallet${input.test ? ' (test)' : ''}`;
  const text = [
    `Hello ${input.customerName},`,
    '',
    `${input.resellerName} received your top-up${testNote}.`,
    '',
    `Amount credited: ${amount}`,
    `Fee: ${fee}`,
    `New balance: ${balance}`,
    `Payment: ${input.paymentId}`,
    `Paid at: ${input.paidAt}`,
  ].join('\n');
  const html = `<p>Hello ${escapeHtml(input.customerName)},</p>
<p>${escapeHtml(input.resellerName)} received your top-up${escapeHtml(testNote)}.</p>
<table>
<tr><th align="left">Amount credited</th><td>${escapeHtml(amount)}</td></tr>
<tr><th align="left">Fee</th><td>${escapeHtml(fee)}</td></tr>
<tr><th align="left">New balance</th><td>${escapeHtml(balance)}</td></tr>
<tr><th align="left">Payment</th><td>${escapeHtml(input.paymentId)}</td></tr>
<tr><th align="left">Paid at</th><td>${escapeHtml(input.paidAt)}</td></tr>
</table>`;
  return { subject, text, html };
}
