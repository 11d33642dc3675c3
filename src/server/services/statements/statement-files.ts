import PDFDocument from 'pdfkit';
import { stringify } from 'csv-stringify/sync';
import { formatMoney } from '../../../shared/money.js';
import { statementCsvRecords, type SignedStatement } from '../../../shared/statements/statement.js';
import { BODY_FONT, BOLD_FONT, useUnicodeFonts } from '../../pdf/fonts.js';

/** The attachment inside a statement PDF that verifiers read: the signed statement as JSON. */
export const STATEMENT_PDF_ATTACHMENT = 'statement.json';

export function statementFileName(s: SignedStatement, extension: 'csv' | 'pdf' | 'json'): string {
  return `statement-${s.header.walletId}-${s.header.from}-to-${s.header.to}.${extension}`;
}

export function statementCsv(s: SignedStatement): string {
  return stringify(statementCsvRecords(s));
}

/**
 * The statement for people: header, rows with amounts and balances, each row's hash, the final hash
 * and the signature, and how to check it. The signed statement itself travels inside as a JSON
 * attachment, which `npm run verify-statement` and the console read back.
 */
export function statementPdf(s: SignedStatement): Promise<Buffer> {
  const h = s.header;
  const money = (minor: number) => formatMoney(minor, h.currency, { locale: 'en-US' });
  const doc = new PDFDocument({
    size: 'A4',
    margin: 40,
    info: {
      Title: `Statement ${h.walletId} ${h.from} to ${h.to}`,
      Author: h.resellerName,
      Subject: s.format,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.file(Buffer.from(JSON.stringify(s)), {
    name: STATEMENT_PDF_ATTACHMENT,
    type: 'application/json',
    description: 'The signed statement, for verification',
  });
  // Embedded DejaVu Sans: customer names and descriptions in Vietnamese print as written.
  useUnicodeFonts(doc);
  doc.fontSize(18).text(`${h.resellerName} — wallet statement`);
  doc.moveDown(0.5).fontSize(10);
  doc.text(`Customer: ${h.customerName} (${h.customerId})`);
  doc.text(`Wallet: ${h.walletId} · ${h.currency}`);
  doc.text(`Period: ${h.from} to ${h.to} (UTC)`);
  doc.text(`Opening balance: ${money(h.openingBalance)}    Closing balance: ${money(h.closingBalance)}`);
  doc.text(`Generated: ${h.generatedAt} by ${h.issuer}`);
  doc.moveDown();

  if (s.rows.length === 0) doc.text('No movements in this period.');
  for (const [i, r] of s.rows.entries()) {
    doc
      .fontSize(9)
      .font(BOLD_FONT)
      .text(
        `${i + 1}. ${r.createdAt.slice(0, 19).replace('T', ' ')}  ${r.type}  ${money(r.amount)}  →  ${money(r.balanceAfter)}`,
      );
    doc.font(BODY_FONT).text(`${r.description}${r.reference ? ` · ${r.reference}` : ''} · ${r.id}`);
    doc.fontSize(7).fillColor('#555555').text(`hash ${r.hash}`).fillColor('black');
    doc.moveDown(0.3);
  }

  doc.moveDown().fontSize(8);
  doc.text(`Final hash: ${s.finalHash}`);
  doc.text(`Signature (Ed25519, key ${h.keyId}): ${s.signature}`);
  doc.moveDown(0.5);
  doc.text(
    `Each row's hash covers the row and the hash before it; the final hash is signed by ${h.issuer}, whose public keys are at /.well-known/statement-keys. Check this file with "npm run verify-statement <file>" or in the console.`,
  );
  doc.end();
  return done;
}
