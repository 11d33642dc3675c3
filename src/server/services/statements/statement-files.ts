import PDFDocument from 'pdfkit';
import { stringify } from 'csv-stringify/sync';
import type { Language } from '../../../shared/api/language.js';
import type { LedgerWording } from '../../../shared/api/ledger-wording.js';
import { statementCsvRecords, type SignedStatement } from '../../../shared/statements/statement.js';
import { ledgerWords } from '../../i18n/ledger-words.js';
import { textIn, type Text } from '../../i18n/text.js';
import { BODY_FONT, BOLD_FONT, useUnicodeFonts } from '../../pdf/fonts.js';

/** The attachment inside a statement PDF that verifiers read: the signed statement as JSON. */
export const STATEMENT_PDF_ATTACHMENT = 'statement.json';

export function statementFileName(s: SignedStatement, extension: 'csv' | 'pdf' | 'json'): string {
  return `statement-${s.header.walletId}-${s.header.from}-to-${s.header.to}.${extension}`;
}

export function statementCsv(s: SignedStatement): string {
  return stringify(statementCsvRecords(s));
}

/** A row's moment to the second (UTC): English as the PDF always wrote it, Vietnamese time then day. */
const viStamp = new Intl.DateTimeFormat('vi-VN', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});
const rowMoment = (iso: string, text: Text) =>
  text.lang === 'en'
    ? iso.slice(0, 19).replace('T', ' ')
    : `${viStamp.format(new Date(iso))} ${text.day(iso)}`;

/**
 * The statement for people, in `lang`: header, rows with amounts and balances, each row's hash, the
 * final hash and the signature, and how to check it. The signed statement itself travels inside as a
 * JSON attachment, which `npm run verify-statement` and the console read back: the language changes
 * only what people read, never what is signed. Descriptions are the ledger's, as written, but for
 * the rows the server wrote itself (`wordings`, by row id), which read in `lang`.
 */
export function statementPdf(
  s: SignedStatement,
  lang: Language = 'en',
  wordings: ReadonlyMap<string, LedgerWording> = new Map(),
): Promise<Buffer> {
  const h = s.header;
  const text = textIn(lang);
  const t = text.t;
  const money = (minor: number) => text.money(minor, h.currency);
  const period = { from: text.day(h.from), to: text.day(h.to) };
  const doc = new PDFDocument({
    size: 'A4',
    margin: 40,
    info: {
      Title: t('pdf.statement.title', { wallet: h.walletId, ...period }),
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
    description: t('pdf.statement.attachment'),
  });
  // Embedded DejaVu Sans: customer names and descriptions in Vietnamese print as written.
  useUnicodeFonts(doc);
  doc.fontSize(18).text(t('pdf.statement.heading', { reseller: h.resellerName }));
  doc.moveDown(0.5).fontSize(10);
  doc.text(t('pdf.statement.customer', { customer: h.customerName, id: h.customerId }));
  doc.text(t('pdf.statement.wallet', { wallet: h.walletId, currency: h.currency }));
  doc.text(t('pdf.statement.period', period));
  doc.text(
    t('pdf.statement.balances', { opening: money(h.openingBalance), closing: money(h.closingBalance) }),
  );
  doc.text(t('pdf.statement.generated', { at: text.moment(h.generatedAt), issuer: h.issuer }));
  doc.moveDown();

  if (s.rows.length === 0) doc.text(t('pdf.statement.empty'));
  for (const [i, r] of s.rows.entries()) {
    doc
      .fontSize(9)
      .font(BOLD_FONT)
      .text(
        `${i + 1}. ${rowMoment(r.createdAt, text)}  ${t(`pdf.statement.type.${r.type}`)}  ${money(r.amount)}  →  ${money(r.balanceAfter)}`,
      );
    // The server's own rows in the PDF's language; English, and what a person typed, as stored.
    const wording = lang === 'en' ? undefined : wordings.get(r.id);
    const description = wording ? ledgerWords(text, wording) : r.description;
    doc.font(BODY_FONT).text(`${description}${r.reference ? ` · ${r.reference}` : ''} · ${r.id}`);
    doc
      .fontSize(7)
      .fillColor('#555555')
      .text(t('pdf.statement.rowHash', { hash: r.hash }))
      .fillColor('black');
    doc.moveDown(0.3);
  }

  doc.moveDown().fontSize(8);
  doc.text(t('pdf.statement.finalHash', { hash: s.finalHash }));
  doc.text(t('pdf.statement.signature', { keyId: h.keyId, signature: s.signature }));
  doc.moveDown(0.5);
  doc.text(t('pdf.statement.howToCheck', { issuer: h.issuer }));
  doc.end();
  return done;
}
