import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../../shared/api/invoices.js';
import { textIn } from '../../i18n/text.js';
import { renderInvoicePdf } from './pdf.js';

/** The PDF's text, any run of spaces or line breaks (a wrapped line, vi-VN's no-break space) as one space. */
async function textOf(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  const { text } = await parser.getText();
  await parser.destroy();
  return text.replace(/\s+/g, ' ');
}

/** A receipt for a top-up, its line as receipt.ts stores it (English), one line a person typed. */
const receipt: Invoice = {
  id: 'inv_1',
  customerId: 'cus_1',
  number: 'TEST-2030-000001',
  status: 'paid',
  currency: 'USD',
  lines: [
    {
      description: textIn('en').t('pdf.invoice.line.topUpReceiptTest', { currency: 'USD', payment: 'pay_9' }),
      quantity: 1,
      unitAmount: 123_456,
      taxRateBps: null,
      amount: 123_456,
    },
    { description: 'Wallet top-up, by hand', quantity: 1_200, unitAmount: 0, taxRateBps: 825, amount: 0 },
  ],
  subtotal: 123_456,
  tax: 0,
  total: 123_456,
  amountPaid: 123_456,
  amountRefunded: 0,
  amountDue: 0,
  memo: null,
  dueDate: null,
  autoPay: null,
  methodLastUsed: null,
  payments: [],
  pendingPaymentId: null,
  topUpWalletId: null,
  test: true,
  issuedAt: '2030-12-31T23:59:00.000Z',
  paidAt: '2030-12-31T23:59:00.000Z',
  voidedAt: null,
  createdAt: '2030-12-31T23:59:00.000Z',
  updatedAt: '2030-12-31T23:59:00.000Z',
};
const parties = { reseller: 'Mây Xanh', customer: 'Nguyễn Văn Anh', customerEmail: 'anh@example.vn' };

describe('the invoice PDF in a language', () => {
  it('Vietnamese words the server’s own lines, test banner, status and numbers; a typed line stays', async () => {
    const text = await textOf(await renderInvoicePdf(receipt, parties, 'vi'));
    expect(text).toContain('Biên nhận thử nghiệm TEST-2030-000001');
    expect(text).toContain('CHẾ ĐỘ THỬ NGHIỆM');
    expect(text).toContain('Trạng thái: Đã thanh toán');
    // The UTC day, whatever the server's time zone; no due date is a dash.
    expect(text).toContain('Ngày hóa đơn: 31/12/2030');
    expect(text).toContain('Hạn thanh toán: -');
    expect(text).toContain(
      'Nạp tiền vào ví ở chế độ thử nghiệm (ví USD), khoản thanh toán pay_9 ×1 @ 1.234,56 US$ thuế - = 1.234,56 US$',
    );
    expect(text).toContain('Wallet top-up, by hand ×1.200 @ 0,00 US$ thuế 8,25% = 0,00 US$');
    expect(text).not.toContain('Test-mode wallet top-up');
  });

  it('English keeps every line as stored and the numbers as the PDF always wrote them', async () => {
    const text = await textOf(await renderInvoicePdf(receipt, parties, 'en'));
    expect(text).toContain('Test receipt TEST-2030-000001');
    expect(text).toContain('Invoice date: 2030-12-31');
    expect(text).toContain('Due date: -');
    expect(text).toContain(
      'Test-mode wallet top-up (USD wallet), payment pay_9 ×1 @ 1234.56 USD tax - = 1234.56 USD',
    );
    expect(text).toContain('Wallet top-up, by hand ×1200 @ 0.00 USD tax 8.25% = 0.00 USD');
    // Without a language, English: what callers from before languages get.
    expect(await textOf(await renderInvoicePdf(receipt, parties))).toBe(text);
  });

  it('words the server’s own memo in the PDF’s language, from either language it was stored in', async () => {
    // A top-up invoice issued to a Vietnamese customer (transfer.ts), read by English-speaking staff.
    const vi = textIn('vi');
    const transfer: Invoice = {
      ...receipt,
      number: 'INV-2030-000007',
      status: 'open',
      test: false,
      total: 275_000,
      amountPaid: 0,
      amountDue: 275_000,
      currency: 'VND',
      lines: [
        {
          description: vi.t('pdf.invoice.line.topUp', { currency: 'VND' }),
          quantity: 1,
          unitAmount: 275_000,
          taxRateBps: null,
          amount: 275_000,
        },
      ],
      memo: vi.t('pdf.invoice.memo.bankTransfer', {
        amount: vi.money(275_000, 'VND'),
        bank: vi.t('pdf.invoice.memo.noBankDetails'),
        reference: 'INV-2030-000007',
      }),
      paidAt: null,
    };
    const english = await textOf(await renderInvoicePdf(transfer, parties, 'en'));
    expect(english).toContain('Wallet top-up (VND wallet) ×1');
    expect(english).toContain(
      'Pay ₫275,000 by bank transfer to: Ask your provider for its bank details. Reference: INV-2030-000007',
    );
    expect(english).not.toMatch(/Chuyển khoản|Nạp tiền/);
    const vietnamese = await textOf(await renderInvoicePdf(transfer, parties, 'vi'));
    expect(vietnamese).toContain('Chuyển khoản 275.000 ₫ tới: Hãy hỏi nhà cung cấp');
    expect(vietnamese).toContain('Nội dung chuyển khoản: INV-2030-000007');

    // A receipt stored in English (as every receipt was before languages), read in Vietnamese.
    const memo = textIn('en').t('pdf.invoice.memo.receiptTest', { day: '2030-12-31' });
    const inVietnamese = await textOf(await renderInvoicePdf({ ...receipt, memo }, parties, 'vi'));
    expect(inVietnamese).toContain(
      'Biên nhận thử nghiệm cho khoản nạp tiền ở chế độ thử nghiệm, thanh toán ngày 31/12/2030',
    );
    expect(inVietnamese).not.toContain('Test receipt for');
    // A memo a person typed prints as typed, in any language.
    const typed = await textOf(
      await renderInvoicePdf({ ...receipt, memo: 'Pay by Friday please' }, parties, 'vi'),
    );
    expect(typed).toContain('Pay by Friday please');
  });
});
