import PDFDocument from 'pdfkit';
import type { Invoice } from '../../../shared/api/invoices.js';
import type { Language } from '../../../shared/api/language.js';
import { toDecimalString, type Currency } from '../../../shared/money.js';
import { feePercent } from '../../../shared/top-up-fee.js';
import { en } from '../../i18n/en.js';
import { textIn, type Text } from '../../i18n/text.js';
import { BODY_FONT, BOLD_FONT, useUnicodeFonts } from '../../pdf/fonts.js';

/**
 * Invoice lines the server writes itself (a top-up invoice, a top-up's receipt), stored in English
 * as these catalog entries fill them (transfer.ts, receipt.ts). Read back through the same templates,
 * so the PDF can word them in its language; a line a person typed matches none and prints as typed.
 */
const SERVER_LINES = (
  ['pdf.invoice.line.topUpReceiptTest', 'pdf.invoice.line.topUpReceipt', 'pdf.invoice.line.topUp'] as const
).map((key) => {
  const names: string[] = [];
  const source = en[key]
    .split(/\{(\w+)\}/)
    .map((part, i) => {
      if (i % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(part);
      return '(.+?)';
    })
    .join('');
  return { key, names, pattern: new RegExp(`^${source}$`) };
});

function lineText(description: string, text: Text): string {
  if (text.lang === 'en') return description;
  for (const { key, names, pattern } of SERVER_LINES) {
    const match = pattern.exec(description);
    if (match) return text.t(key, Object.fromEntries(names.map((name, i) => [name, match[i + 1]!])));
  }
  return description;
}

/**
 * The invoice as a PDF (GET /v1/invoices/:id/pdf), from the server's own totals, in `lang`. English
 * reads as it always did: ISO days and amounts as "123.45 USD" in every currency. Vietnamese takes
 * the server's vi-VN money format ("275.000 ₫") and days ("31/12/2026", UTC). Text is set in embedded
 * DejaVu Sans, so names and lines in Vietnamese (or any script it covers) print as written.
 */
export function renderInvoicePdf(
  invoice: Invoice,
  parties: { reseller: string; customer: string; customerEmail: string },
  lang: Language = 'en',
): Promise<Buffer> {
  const text = textIn(lang);
  const { t } = text;
  const currency = invoice.currency as Currency;
  // English keeps the plain digits it always printed; Vietnamese groups and marks decimals as vi-VN.
  const money = (amount: number) =>
    lang === 'en' ? `${toDecimalString(amount, currency)} ${currency}` : text.money(amount, currency);
  const decimal = lang === 'en' ? '.' : ',';
  const quantity = (n: number) => (lang === 'en' ? String(n) : new Intl.NumberFormat('vi-VN').format(n));
  const title = (number: string) =>
    t(invoice.test ? 'pdf.invoice.titleTest' : 'pdf.invoice.title', { number });
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: title(invoice.number ?? t('pdf.invoice.draft')) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  useUnicodeFonts(doc);
  doc
    .font(BOLD_FONT)
    .fontSize(20)
    .text(title(invoice.number ?? t('pdf.invoice.draftNumber')));
  if (invoice.test) {
    doc.fontSize(12).text(t('pdf.invoice.testBanner'));
  }
  doc.font(BODY_FONT).moveDown(0.5).fontSize(10);
  doc.text(t('pdf.invoice.from', { reseller: parties.reseller }));
  doc.text(t('pdf.invoice.billTo', { customer: parties.customer, email: parties.customerEmail }));
  doc.text(t('pdf.invoice.date', { day: invoice.issuedAt ? text.day(invoice.issuedAt) : '-' }));
  doc.text(t('pdf.invoice.dueDate', { day: invoice.dueDate ? text.day(invoice.dueDate) : '-' }));
  doc.text(t('pdf.invoice.status', { status: t(`pdf.invoice.status.${invoice.status}`) }));
  doc.moveDown();

  doc.fontSize(11).text(t('pdf.invoice.columns'), { underline: true });
  doc.fontSize(10);
  for (const line of invoice.lines) {
    doc.text(
      t('pdf.invoice.line', {
        description: lineText(line.description, text),
        quantity: quantity(line.quantity),
        unit: money(line.unitAmount),
        tax: line.taxRateBps === null ? '-' : `${feePercent(line.taxRateBps, decimal)}%`,
        amount: money(line.amount),
      }),
    );
  }
  doc.moveDown();
  doc.text(t('pdf.invoice.subtotal', { amount: money(invoice.subtotal) }));
  doc.text(t('pdf.invoice.tax', { amount: money(invoice.tax) }));
  doc
    .font(BOLD_FONT)
    .fontSize(12)
    .text(t('pdf.invoice.total', { amount: money(invoice.total) }));
  doc
    .font(BODY_FONT)
    .fontSize(10)
    .text(t('pdf.invoice.amountPaid', { amount: money(invoice.amountPaid) }));
  doc.text(t('pdf.invoice.amountDue', { amount: money(invoice.amountDue) }));
  // A real invoice paid (in part) through the sandbox: its number stands, but that money was no money.
  const testPaid = invoice.payments.filter((p) => p.test === true).reduce((sum, p) => sum + p.amount, 0);
  if (!invoice.test && testPaid !== 0) {
    doc.text(t('pdf.invoice.paidInTestMode', { amount: money(testPaid) }));
  }
  if (invoice.memo) doc.moveDown().text(invoice.memo);
  doc.end();
  return done;
}
