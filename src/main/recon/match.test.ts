import { describe, expect, it } from 'vitest';
import type { StatementLine } from '../../shared/recon.js';
import { MEMO_PREFIX, memoCheckSymbol } from '../../shared/vietqr-memo.js';
import { matchLines, type OpenInvoice, type PendingTopUp } from './match.js';

const memo = (body: string) => `${MEMO_PREFIX}${body}${memoCheckSymbol(body)}`;
const A = memo('7K2M9QX4');
const B = memo('5H3N8PW2');
const line = (description: string, amount: number, row = 1): StatementLine => ({
  row,
  date: '2026-12-01',
  amount,
  currency: 'VND',
  description,
  bankReference: `FT${row}`,
});
const topUps: PendingTopUp[] = [
  { id: 'pay_a', memo: A, amount: 1_500_000, currency: 'VND' },
  { id: 'pay_b', memo: B, amount: 300_000, currency: 'VND' },
];
const invoices: OpenInvoice[] = [
  { id: 'inv_7', number: 'INV-2026-0007', amountDue: 250_000, currency: 'VND' },
];
const match = (l: StatementLine) => matchLines([l], { topUps, invoices })[0];

describe('matching statement lines to pending top-ups and open invoices', () => {
  it('matches a top-up by the memo code in mangled bank content, and an invoice by its number', () => {
    const mangled = `MBVCB.4567.${A.slice(0, 5)}.${A.slice(5).toLowerCase()}.CT tu NGUYEN VAN A`;
    expect(match(line(mangled, 1_500_000))).toMatchObject({
      outcome: 'matched',
      target: { kind: 'payment', id: 'pay_a', reference: A },
      why: { code: 'agrees' },
    });
    expect(match(line('Thanh toan INV 2026 0007', 250_000))).toMatchObject({
      outcome: 'matched',
      target: { kind: 'invoice', id: 'inv_7', reference: 'INV-2026-0007' },
    });
  });

  it('a code with another amount, or two codes, is ambiguous, with both figures', () => {
    expect(match(line(`CK ${A}`, 1_400_000))).toMatchObject({
      outcome: 'ambiguous',
      candidates: [{ id: 'pay_a' }],
      why: {
        code: 'differs',
        asks: { amount: 1_500_000, currency: 'VND' },
        transfer: { amount: 1_400_000, currency: 'VND' },
      },
    });
    expect(match(line('Thanh toan INV-2026-0007', 260_000))).toMatchObject({
      outcome: 'ambiguous',
      candidates: [{ id: 'inv_7' }],
      why: { code: 'differs', asks: { amount: 250_000 }, transfer: { amount: 260_000 } },
    });
    expect(match({ ...line(`CK ${B}`, 300_000), currency: 'USD' })).toMatchObject({
      outcome: 'ambiguous',
      why: {
        code: 'differs',
        asks: { amount: 300_000, currency: 'VND' },
        transfer: { amount: 300_000, currency: 'USD' },
      },
    });
    expect(match(line(`${A} ${B}`, 300_000))).toMatchObject({
      outcome: 'ambiguous',
      candidates: [{ id: 'pay_a' }, { id: 'pay_b' }],
      why: { code: 'names_several', count: 2 },
    });
  });

  it('a line naming nothing is unmatched, or ambiguous when only its amount fits one item', () => {
    expect(match(line('chuyen tien', 999))).toEqual(
      expect.objectContaining({
        outcome: 'unmatched',
        why: { code: 'no_code' },
      }),
    );
    expect(match(line('chuyen tien', 300_000))).toMatchObject({
      outcome: 'ambiguous',
      candidates: [{ id: 'pay_b' }],
      why: { code: 'only_amount' },
    });
    const unknown = memo('ZZZZZZZZ');
    expect(match(line(`CK ${unknown}`, 300_000))).toMatchObject({
      outcome: 'unmatched',
      why: { code: 'memo_unknown', memos: [unknown] },
    });
  });
});
