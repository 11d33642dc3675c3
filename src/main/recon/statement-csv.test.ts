import { describe, expect, it } from 'vitest';
import { bankColumnMappingSchema } from '../../shared/recon.js';
import { parseStatement, StatementError, statementHeaders } from './statement-csv.js';

/** A Vietcombank-style export: semicolons, day-first dates with times, dot thousands, debits too. */
const VCB = [
  'Ngày giao dịch;Số tham chiếu;Số tiền ghi nợ;Số tiền ghi có;Mô tả',
  '01/12/2026 09:15:02;FT26335001;;1.500.000;MBVCB.4567.RC7K2M9QX4B.CT tu NGUYEN VAN A',
  '01/12/2026 10:00:00;FT26335002;200.000;;Phi dich vu',
  '02/12/2026 11:30:45;FT26335003;;250.000 VND;Thanh toan INV-2026-0007',
].join('\n');

const mapping = bankColumnMappingSchema.parse({
  date: 'Ngày giao dịch',
  amount: 'Số tiền ghi có',
  description: 'Mô tả',
  reference: 'Số tham chiếu',
});

describe('reading a bank statement CSV with a column mapping', () => {
  it('reads incoming transfers in whole dong and skips money going out', () => {
    expect(statementHeaders(VCB)).toContain('Số tiền ghi có');
    expect(parseStatement(VCB, mapping)).toEqual([
      {
        row: 1,
        date: '2026-12-01',
        amount: 1_500_000,
        currency: 'VND',
        description: 'MBVCB.4567.RC7K2M9QX4B.CT tu NGUYEN VAN A',
        bankReference: 'FT26335001',
      },
      {
        row: 3,
        date: '2026-12-02',
        amount: 250_000,
        currency: 'VND',
        description: 'Thanh toan INV-2026-0007',
        bankReference: 'FT26335003',
      },
    ]);
  });

  it('reads commas, a byte-order mark and ISO dates', () => {
    const csv = '\uFEFFDate,Amount,Memo,Ref\n2026-12-03,"1,000,000",RC7K2M9QX4B,TCB-9\n';
    const iso = {
      ...mapping,
      date: 'Date',
      amount: 'Amount',
      description: 'Memo',
      reference: 'Ref',
      dateFormat: 'YYYY-MM-DD' as const,
    };
    expect(parseStatement(csv, iso)).toMatchObject([
      { date: '2026-12-03', amount: 1_000_000, bankReference: 'TCB-9' },
    ]);
  });

  it('reads amounts in the account’s currency: cents for a USD account, with its code or sign', () => {
    const csv = [
      'Date,Amount,Memo,Ref',
      '2026-12-03,63.80,INV-2026-0009,W-1',
      '2026-12-04,"USD 1,234.50",INV-2026-0010,W-2',
      '2026-12-05,$7,INV-2026-0011,W-3',
    ].join('\n');
    const usd = bankColumnMappingSchema.parse({
      date: 'Date',
      amount: 'Amount',
      description: 'Memo',
      reference: 'Ref',
      dateFormat: 'YYYY-MM-DD',
      currency: 'USD',
    });
    // minor units: 6380 = 63.80 USD
    expect(parseStatement(csv, usd)).toMatchObject([
      { amount: 6_380, currency: 'USD', bankReference: 'W-1' },
      { amount: 123_450, currency: 'USD', bankReference: 'W-2' },
      { amount: 700, currency: 'USD', bankReference: 'W-3' },
    ]);
    const eur = 'Date,Amount,Memo,Ref\n2026-12-03,63.80 €,INV-2026-0012,S-1\n';
    expect(parseStatement(eur, { ...usd, currency: 'EUR' })).toMatchObject([
      { amount: 6_380, currency: 'EUR' },
    ]);
    // The same file read as a dong account: 63.80 is no amount of dong, and the row says so.
    expect(refusal(csv, { ...usd, currency: 'VND' })).toEqual({
      field: 'amount',
      message: 'row 1: the "Amount" column (amount) holds "63.80", not an amount in VND',
    });
  });

  const refusal = (text: string, m = mapping) => {
    try {
      parseStatement(text, m);
    } catch (error) {
      expect(error).toBeInstanceOf(StatementError);
      return { message: (error as StatementError).message, field: (error as StatementError).field };
    }
    throw new Error('the statement was read');
  };

  it('a mapping naming a column the file lacks is refused, naming that column', () => {
    expect(refusal(VCB, { ...mapping, amount: 'Credit' })).toEqual({
      field: 'amount',
      message: expect.stringMatching(
        /the column "Credit" mapped to amount is not in this file \(its columns: Ngày giao dịch, /,
      ),
    });
  });

  it('a wrong mapping (the description read as the amount) names the row and the column', () => {
    expect(refusal(VCB, { ...mapping, amount: 'Mô tả' })).toEqual({
      field: 'amount',
      message:
        'row 1: the "Mô tả" column (amount) holds "MBVCB.4567.RC7K2M9QX4B.CT tu NGUYEN VAN A", not an amount in VND',
    });
    expect(refusal(VCB, { ...mapping, date: 'Số tham chiếu' })).toMatchObject({
      field: 'date',
      message: expect.stringContaining('row 1: the "Số tham chiếu" column (date) holds "FT26335001"'),
    });
  });

  it('a file that is not a statement is refused as such', () => {
    expect(refusal('')).toMatchObject({ field: 'csv' });
    expect(refusal('a,b\n"unterminated,1\n')).toMatchObject({
      field: 'csv',
      message: expect.stringContaining('not a readable CSV'),
    });
    expect(refusal(VCB.replace('FT26335003', ''))).toMatchObject({
      field: 'reference',
      message: expect.stringContaining('row 3'),
    });
  });
});
