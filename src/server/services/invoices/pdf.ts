import PDFDocument from 'pdfkit';
import type { Invoice } from '../../../shared/api/invoices.js';
import { toDecimalString, type Currency } from '../../../shared/money.js';
import { BODY_FONT, BOLD_FONT, useUnicodeFonts } from '../../pdf/fonts.js';

const STATUS_LABEL: Record<Invoice['status'], string> = {
  draft: 'Draft',
  open: 'Unpaid',
  partially_paid: 'Partially paid',
  paid: 'Paid',
  void: 'Void',
};

/**
 * The invoice as a PDF (GET /v1/invoices/:id/pdf), from the server's own totals. Amounts are written
 * as "123.45 USD", the same in every currency. Text is set in embedded DejaVu Sans, so names and
 * lines in Vietnamese (or any script it covers) print as written.
 */
export function renderInvoicePdf(
  invoice: Invoice,
  parties: { reseller: string; customer: string; customerEmail: string },
): Promise<Buffer> {
  const money = (amount: number) =>
    `${toDecimalString(amount, invoice.currency as Currency)} ${invoice.currency}`;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `${invoice.test ? 'Test receipt' : 'Invoice'} ${invoice.number ?? 'draft'}` },
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
    .text(`${invoice.test ? 'Test receipt' : 'Invoice'} ${invoice.number ?? '(draft)'}`);
  if (invoice.test) {
    doc.fontSize(12).text('TEST MODE — no real money was paid. This is not an invoice of the series.');
  }
  doc.font(BODY_FONT).moveDown(0.5).fontSize(10);
  doc.text(`From: ${parties.reseller}`);
  doc.text(`Bill to: ${parties.customer} <${parties.customerEmail}>`);
  doc.text(`Invoice date: ${invoice.issuedAt?.slice(0, 10) ?? '-'}`);
  doc.text(`Due date: ${invoice.dueDate ?? '-'}`);
  doc.text(`Status: ${STATUS_LABEL[invoice.status]}`);
  doc.moveDown();

  doc.fontSize(11).text('Description / Qty / Unit / Tax / Amount', { underline: true });
  doc.fontSize(10);
  for (const line of invoice.lines) {
    const tax = line.taxRateBps === null ? '-' : `${line.taxRateBps / 100}%`;
    doc.text(
      `${line.description}  ×${line.quantity}  @ ${money(line.unitAmount)}  tax ${tax}  = ${money(line.amount)}`,
    );
  }
  doc.moveDown();
  doc.text(`Subtotal: ${money(invoice.subtotal)}`);
  doc.text(`Tax: ${money(invoice.tax)}`);
  doc
    .font(BOLD_FONT)
    .fontSize(12)
    .text(`Total: ${money(invoice.total)}`);
  doc
    .font(BODY_FONT)
    .fontSize(10)
    .text(`Amount paid: ${money(invoice.amountPaid)}`);
  doc.text(`Amount due: ${money(invoice.amountDue)}`);
  // A real invoice paid (in part) through the sandbox: its number stands, but that money was no money.
  const testPaid = invoice.payments.filter((p) => p.test === true).reduce((sum, p) => sum + p.amount, 0);
  if (!invoice.test && testPaid !== 0) {
    doc.text(`Of which paid in test mode (no real money): ${money(testPaid)}`);
  }
  if (invoice.memo) doc.moveDown().text(invoice.memo);
  doc.end();
  return done;
}
