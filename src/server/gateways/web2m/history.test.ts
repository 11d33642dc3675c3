import { describe, expect, it } from 'vitest';
import { readWeb2mHistory, web2mHistoryResponseSchema } from './history.js';

// Shaped like a historyapimbv3 answer as public integrations read it.
const PAGE = {
  status: true,
  message: 'Thành công',
  transactions: [
    {
      transactionID: 'FT25091123456789',
      amount: 120000,
      description: 'MBVCB.8876543.RC7K2M9QX4A.CT tu 0123456789 NGUYEN VAN A toi 0011001932418',
      transactionDate: '01/04/2025 09:15:02',
      type: 'IN',
    },
    {
      transactionID: 88301,
      amount: '25000',
      description: 'PHI DICH VU SMS',
      transactionDate: '01/04/2025 10:00:00',
      type: 'OUT',
    },
    {
      transactionID: '88302',
      amount: '50000',
      description: 'chuyen tien',
      transactionDate: '01/04/2025 10:05:00',
      type: 'in',
    },
  ],
};

describe('Web2m bank history', () => {
  it('turns incoming lines into bank credits keyed by account and bank transaction id', () => {
    expect(readWeb2mHistory(PAGE, '0011001932418')).toEqual({
      ok: true,
      events: [
        {
          kind: 'bank_credit',
          provider: 'vietqr',
          eventId: 'web2m:0011001932418:FT25091123456789',
          accountNumber: '0011001932418',
          amount: { kind: 'fiat', currency: 'VND', amount: 120000 },
          content: 'MBVCB.8876543.RC7K2M9QX4A.CT tu 0123456789 NGUYEN VAN A toi 0011001932418',
          bookedAt: '01/04/2025 09:15:02',
        },
        {
          kind: 'bank_credit',
          provider: 'vietqr',
          eventId: 'web2m:0011001932418:88302',
          accountNumber: '0011001932418',
          amount: { kind: 'fiat', currency: 'VND', amount: 50000 },
          content: 'chuyen tien',
          bookedAt: '01/04/2025 10:05:00',
        },
      ],
    });
  });

  it('normalises ids, amounts and directions written either way', () => {
    const lines = web2mHistoryResponseSchema.parse(PAGE).transactions;
    expect(lines.map((l) => [l.transactionID, l.amount, l.type])).toEqual([
      ['FT25091123456789', 120000, 'IN'],
      ['88301', 25000, 'OUT'],
      ['88302', 50000, 'IN'],
    ]);
  });

  it('treats status false as a refusal, not as an empty statement', () => {
    expect(readWeb2mHistory({ status: false, message: 'Token het han' }, '1')).toEqual({
      ok: false,
      reason: 'refused',
      detail: 'Token het han',
    });
    expect(readWeb2mHistory({ status: true, message: 'Thành công', transactions: [] }, '1')).toEqual({
      ok: true,
      events: [],
    });
  });

  it('refuses pages it cannot match on exactly', () => {
    const line = PAGE.transactions[0]!;
    for (const body of [
      null,
      'html error page',
      {},
      { status: 'true', transactions: [] },
      { status: true, transactions: [{ ...line, amount: 120000.5 }] },
      { status: true, transactions: [{ ...line, amount: '120.000' }] },
      { status: true, transactions: [{ ...line, amount: -1 }] },
      { status: true, transactions: [{ ...line, type: 'CREDIT' }] },
      { status: true, transactions: [{ ...line, transactionID: '' }] },
      { status: true, transactions: [{ ...line, description: undefined }] },
    ]) {
      expect(readWeb2mHistory(body, '1')).toMatchObject({ ok: false, reason: 'malformed' });
    }
  });
});
