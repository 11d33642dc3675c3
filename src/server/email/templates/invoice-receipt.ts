import { formatMoney, type Currency } from '../../../shared/money.js';
import { escapeHtml } from '../../lib/html.js';
import { detailRows } from './rows.js';

/** To the customer: an invoice is paid in full, with how much and by which means last. */
export function invoiceReceiptEmail(input: {
  resellerName: string;
  customerName: string;
  number: string;
  total: number;
  amountPaid: number;
  currency: Currency;
  method: string | null;
  paidAt: string;
}) {
  const total = formatMoney(input.total, input.currency);
  const subject = `Receipt: invoice ${input.number} paid (${total})`;
  const details = detailRows([
    ['Invoice', input.number],
    ['Total', total],
    ['Amount paid', formatMoney(input.amountPaid, input.currency)],
    ...(input.method ? ([['Paid by', input.method.replaceAll('_', ' ')]] as Array<[string, string]>) : []),
    ['Paid at', input.paidAt],
  ]);
  const text = [
    `Hello ${input.customerName},`,
    '',
    `${input.resellerName} received payment in full for invoice ${input.number}.`,
    '',
    details.text,
  ].join('\n');
  const html = `<p>Hello ${escapeHtml(input.customerName)},</p>
<p>${escapeHtml(input.resellerName)} received payment in full for invoice ${escapeHtml(input.number)}.</p>
${details.html}`;
  return { subject, text, html };
}
