import { createRequire } from 'node:module';
import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../shared/api/invoices.js';
import { STATEMENT_FORMAT, type SignedStatement } from '../../shared/statements/statement.js';
import { CATALOGS } from '../i18n/text.js';
import { renderInvoicePdf } from '../services/invoices/pdf.js';
import { statementPdf } from '../services/statements/statement-files.js';
import { unicodeFontFiles } from './fonts.js';

/** fontkit (pdfkit's own font engine) ships no types: the one call this test makes. */
const fontkit = createRequire(import.meta.url)('fontkit') as {
  openSync(path: string): { glyphsForString(text: string): Array<{ id: number }> };
};

const NAME = 'Nguyễn Văn Anh';
const LINE = 'Gói lưu trữ – tháng 12';

async function textOf(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  const { text } = await parser.getText();
  await parser.destroy();
  return text;
}

/** The fonts the PDF uses, by their BaseFont names (font dictionaries are never in compressed streams). */
const baseFonts = (pdf: Buffer) =>
  [...pdf.toString('latin1').matchAll(/\/BaseFont\s*\/([A-Za-z0-9+_-]+)/g)].map((m) => m[1]!);

const invoice: Invoice = {
  id: 'inv_1',
  customerId: 'cus_1',
  number: 'HD-2026-000042',
  status: 'open',
  currency: 'VND',
  lines: [{ description: LINE, quantity: 1, unitAmount: 250_000, taxRateBps: 1_000, amount: 250_000 }],
  subtotal: 250_000,
  tax: 25_000,
  total: 275_000,
  amountPaid: 0,
  amountRefunded: 0,
  amountDue: 275_000,
  memo: 'Cảm ơn quý khách!',
  dueDate: '2026-12-31',
  autoPay: null,
  methodLastUsed: null,
  payments: [],
  pendingPaymentId: null,
  topUpWalletId: null,
  test: false,
  issuedAt: '2026-12-01T00:00:00.000Z',
  paidAt: null,
  voidedAt: null,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
};

describe('Vietnamese text in PDFs', () => {
  it('DejaVu Sans, which the PDFs embed, has a glyph for every letter of a Vietnamese name', () => {
    const font = fontkit.openSync(unicodeFontFiles.body);
    const missing = [...`${NAME}${LINE}`].filter((c) => font.glyphsForString(c).some((g) => g.id === 0));
    expect(missing).toEqual([]);
  });

  it('both embedded faces draw every Vietnamese letter, ₫, and every character of the PDFs’ own text', () => {
    const lower = 'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ';
    const pdfText = Object.entries(CATALOGS.vi)
      .filter(([key]) => key.startsWith('pdf.') || key.startsWith('ledger.'))
      .map(([, text]) => text)
      .join('');
    // A line break in a text (an invoice's note) starts a new line: it is never drawn.
    const needed = new Set([...`${lower}${lower.toUpperCase()}₫\u00a0\u202f${pdfText}`.replaceAll('\n', '')]);
    for (const file of [unicodeFontFiles.body, unicodeFontFiles.bold]) {
      const font = fontkit.openSync(file);
      const missing = [...needed].filter((c) => font.glyphsForString(c).some((g) => g.id === 0));
      expect(missing, file).toEqual([]);
    }
  });

  it('an invoice for "Nguyễn Văn Anh" embeds DejaVu Sans and reads back as written', async () => {
    const pdf = await renderInvoicePdf(invoice, {
      reseller: 'Công ty TNHH Mây Xanh',
      customer: NAME,
      customerEmail: 'anh@example.vn',
    });
    const fonts = baseFonts(pdf);
    expect(fonts.some((f) => /^[A-Z]{6}\+DejaVuSans$/.test(f))).toBe(true);
    expect(fonts.some((f) => /^[A-Z]{6}\+DejaVuSans-Bold$/.test(f))).toBe(true);
    // No standard (Latin-1 only) font is left to draw any of it.
    expect(fonts.filter((f) => f.startsWith('Helvetica'))).toEqual([]);
    const text = await textOf(pdf);
    expect(text).toContain(`Bill to: ${NAME}`);
    expect(text).toContain('From: Công ty TNHH Mây Xanh');
    expect(text).toContain(LINE);
    expect(text).toContain('Cảm ơn quý khách!');
    expect(text).toContain('Invoice HD-2026-000042');
    expect(text).toContain('Total: 275000 VND');
  });

  it('a signed statement of her wallet prints her name and the rows as written', async () => {
    const statement: SignedStatement = {
      format: STATEMENT_FORMAT,
      header: {
        issuer: 'https://billing.example.vn',
        resellerName: 'Mây Xanh',
        walletId: 'wal_1',
        customerId: 'cus_1',
        customerName: NAME,
        currency: 'VND',
        from: '2026-11-01',
        to: '2026-11-30',
        openingBalance: 0,
        closingBalance: 500_000,
        generatedAt: '2026-12-01T00:00:00.000Z',
        keyId: 'key_1',
      },
      rows: [
        {
          id: 'txn_1',
          createdAt: '2026-11-02T08:00:00.000Z',
          type: 'credit',
          description: 'Nạp tiền vào ví',
          reference: null,
          amount: 500_000,
          balanceAfter: 500_000,
          hash: 'a'.repeat(64),
        },
      ],
      finalHash: 'b'.repeat(64),
      signature: 'sig',
    };
    const pdf = await statementPdf(statement);
    expect(baseFonts(pdf).filter((f) => f.startsWith('Helvetica'))).toEqual([]);
    const text = await textOf(pdf);
    expect(text).toContain(`Customer: ${NAME} (cus_1)`);
    expect(text).toContain('Nạp tiền vào ví');
  });
});
