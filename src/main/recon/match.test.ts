import { describe, expect, it } from 'vitest';
import type { StatementLine } from '../../shared/recon.js';
import { MEMO_PREFIX, memoCheckSymbol } from '../../shared/vietqr-memo.js';
import { matchLines, type OpenInvoice, type PendingTopUp, type SettledItem } from './match.js';

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
const owner = { customerId: 'cus_1', walletId: 'wal_1' };
const topUps: PendingTopUp[] = [
  { id: 'pay_a', memo: A, amount: 1_500_000, currency: 'VND', ...owner },
  { id: 'pay_b', memo: B, amount: 300_000, currency: 'VND', ...owner },
];
const invoices: OpenInvoice[] = [
  { id: 'inv_7', number: 'INV-2026-0007', amountDue: 250_000, currency: 'VND', ...owner },
  // minor units: 6380 = 63.80 USD
  { id: 'inv_usd', number: 'INV-2026-0009', amountDue: 6_380, currency: 'USD', ...owner, walletId: null },
];
const C = memo('3Q9T4RX6');
const settled: SettledItem[] = [
  { target: { kind: 'invoice', id: 'inv_5', reference: 'INV-2026-0005', ...owner }, status: 'paid' },
  { target: { kind: 'payment', id: 'pay_c', reference: C, ...owner }, status: 'expired' },
];
const candidates = { topUps, invoices, settled };
const match = (l: StatementLine) => matchLines([l], candidates)[0];

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

  it('proposes an item to one line of a statement: a second line naming it is left for a person', () => {
    const [first, second, third] = matchLines(
      [
        line('Thanh toan INV-2026-0007', 250_000, 1),
        line('INV-2026-0007 lan 2', 250_000, 2),
        line('CK INV20260007', 250_000, 3),
      ],
      candidates,
    );
    expect(first).toMatchObject({ outcome: 'matched', target: { id: 'inv_7' } });
    for (const later of [second, third]) {
      expect(later).toMatchObject({
        outcome: 'ambiguous',
        candidates: [{ id: 'inv_7' }],
        why: { code: 'claimed', by: 'FT1' },
      });
    }
  });

  it('does not offer by amount alone an item another line of the statement names', () => {
    // The line naming nothing comes first; the one naming the top-up claims it all the same.
    const [byAmount, named] = matchLines(
      [line('chuyen tien', 300_000, 1), line(`CK ${B}`, 300_000, 2)],
      candidates,
    );
    expect(byAmount).toMatchObject({ outcome: 'unmatched', why: { code: 'no_code' } });
    expect(named).toMatchObject({ outcome: 'matched', target: { id: 'pay_b' } });
  });

  it('a line naming an item that waits for nothing any more says so', () => {
    expect(match(line('Thanh toan INV-2026-0005', 1_500_000))).toEqual({
      line: line('Thanh toan INV-2026-0005', 1_500_000),
      outcome: 'unmatched',
      why: {
        code: 'settled',
        status: 'paid',
        target: { kind: 'invoice', id: 'inv_5', reference: 'INV-2026-0005', ...owner },
      },
    });
    expect(match(line(`CK ${C}`, 200_000))).toMatchObject({
      outcome: 'unmatched',
      why: { code: 'settled', status: 'expired', target: { id: 'pay_c' } },
    });
  });

  it('compares in the statement’s currency: a USD line pays a USD invoice, not a dong one', () => {
    const usd = (description: string, amount: number): StatementLine => ({
      ...line(description, amount),
      currency: 'USD',
    });
    expect(match(usd('Payment INV-2026-0009', 6_380))).toMatchObject({
      outcome: 'matched',
      target: { id: 'inv_usd', walletId: null },
    });
    expect(match(usd('wire', 6_380))).toMatchObject({
      outcome: 'ambiguous',
      candidates: [{ id: 'inv_usd' }],
      why: { code: 'only_amount' },
    });
    // 250,000 in cents is not the dong invoice of 250,000 ₫.
    expect(match(usd('wire', 250_000))).toMatchObject({ outcome: 'unmatched' });
  });
});
