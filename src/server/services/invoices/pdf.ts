import PDFDocument from 'pdfkit';
import type { Invoice } from '../../../shared/api/invoices.js';
import type { Language } from '../../../shared/api/language.js';
import { toDecimalString, type Currency } from '../../../shared/money.js';
import { feePercent } from '../../../shared/top-up-fee.js';
import type { TextKey } from '../../i18n/en.js';
import { CATALOGS, textIn, type Text } from '../../i18n/text.js';
import { BODY_FONT, BOLD_FONT, useUnicodeFonts } from '../../pdf/fonts.js';

/**
 * Texts the server writes on an invoice itself (a top-up invoice's line and bank-transfer memo, a
 * top-up receipt's line and memo: transfer.ts, receipt.ts), stored in the customer's language as
 * these catalog entries fill them. Read back through the same templates in either language, so the
 * PDF can word them in its own; a line or memo a person typed matches none and prints as typed.
 */
const SERVER_TEXTS = (
  [
    'pdf.invoice.line.topUpReceiptTest',
    'pdf.invoice.line.topUpReceipt',
    'pdf.invoice.line.topUp',
    'pdf.invoice.memo.bankTransfer',
    'pdf.invoice.memo.receiptTest',
    'pdf.invoice.memo.receipt',
  ] as const
).flatMap((key) =>
  (Object.entries(CATALOGS) as Array<[Language, Record<TextKey, string>]>).map(([lang, catalog]) => {
    const names: string[] = [];
    const source = catalog[key]
      .split(/\{(\w+)\}/)
      .map((part, i) => {
        if (i % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(part);
        return '([\\s\\S]+?)';
      })
      .join('');
    return { key, lang, names, pattern: new RegExp(`^${source}$`) };
  }),
);

/**
 * `stored` in `text`'s language. The figures a template holds are the invoice's own (`own`: its
 * amount and day, formatted for the language); the rest (a currency code, a payment id, the
 * reseller's bank details) reads the same in every language, but for the server's own "no bank
 * details" sentence.
 */
function serverText(stored: string, text: Text, own: Record<string, string>): string {
  for (const { key, lang, names, pattern } of SERVER_TEXTS) {
    const match = pattern.exec(stored);
    if (!match) continue;
    if (lang === text.lang) return stored;
    const values = names.map((name, i) => {
      const value = match[i + 1]!;
      if (own[name] !== undefined) return [name, own[name]];
      if (value === CATALOGS[lang]['pdf.invoice.memo.noBankDetails'])
        return [name, text.t('pdf.invoice.memo.noBankDetails')];
      return [name, value];
    });
    return text.t(key, Object.fromEntries(values));
  }
  return stored;
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
  // A server text's figures, as the language writes them in a sentence (transfer.ts, receipt.ts).
  const paidOn = invoice.paidAt ?? invoice.issuedAt;
  const own: Record<string, string> = {
    amount: text.money(invoice.total, currency),
    ...(paidOn ? { day: text.day(paidOn) } : {}),
  };
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
        description: serverText(line.description, text, own),
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
  if (invoice.memo) doc.moveDown().text(serverText(invoice.memo, text, own));
  doc.end();
  return done;
}
