import type BetterSqlite3 from 'better-sqlite3';
import type { Invoice } from '../../shared/api/invoices.js';
import type { Payment } from '../../shared/api/payments.js';
import type { Currency } from '../../shared/money.js';
import type { LineMatch, MatchTarget, StatementLine } from '../../shared/recon.js';
import { findMemoCodes } from '../../shared/vietqr-memo.js';

/** A VietQR top-up waiting for its transfer: the memo code its payer was asked to write. */
export interface PendingTopUp {
  id: string;
  memo: string;
  amount: number;
  currency: Currency;
}

/** An invoice with money still due, found in a transfer by its number. */
export interface OpenInvoice {
  id: string;
  number: string;
  amountDue: number;
  currency: Currency;
}

/** What the cache holds that a transfer can pay (read offline, as the last sync left it). */
export function matchCandidates(db: BetterSqlite3.Database): {
  topUps: PendingTopUp[];
  invoices: OpenInvoice[];
} {
  const payments = (
    db
      .prepare(`select data from payments where provider = 'vietqr' and status in ('new', 'processing')`)
      .all() as Array<{ data: string }>
  ).map((r) => JSON.parse(r.data) as Payment);
  const topUps = payments.flatMap((p) =>
    p.checkout?.kind === 'bank_qr'
      ? [{ id: p.id, memo: p.checkout.memo, amount: p.amount, currency: p.currency }]
      : [],
  );
  const invoices = (
    db
      .prepare(`select data from invoices where status in ('open', 'partially_paid') and number is not null`)
      .all() as Array<{ data: string }>
  ).map((r) => JSON.parse(r.data) as Invoice);
  return {
    topUps,
    invoices: invoices.map((i) => ({
      id: i.id,
      number: i.number ?? '',
      amountDue: i.amountDue,
      currency: i.currency,
    })),
  };
}

/** Letters and digits only, uppercased: how banks mangle a transfer's content. */
const squeeze = (text: string) => text.toUpperCase().replace(/[^0-9A-Z]/g, '');

/**
 * Matches statement lines to what waits for a transfer: a VietQR top-up by the memo code in the
 * content, an invoice by its number; then the amount must agree. Never guesses: a line that names
 * two targets, or whose amount differs, is `ambiguous` for a person to decide; a line naming none is
 * `unmatched`, with the one pending target of the same amount offered as a candidate when there is one.
 */
export function matchLines(
  lines: StatementLine[],
  candidates: { topUps: PendingTopUp[]; invoices: OpenInvoice[] },
): LineMatch[] {
  return lines.map((line) => matchLine(line, candidates));
}

function matchLine(
  line: StatementLine,
  { topUps, invoices }: { topUps: PendingTopUp[]; invoices: OpenInvoice[] },
): LineMatch {
  const memos = findMemoCodes(line.description);
  const content = squeeze(line.description);
  const named: Array<{ target: MatchTarget; amount: number; currency: Currency }> = [
    ...topUps
      .filter((t) => memos.includes(t.memo))
      .map((t) => ({ target: topUpTarget(t), amount: t.amount, currency: t.currency })),
    ...invoices
      .filter((i) => i.number !== '' && content.includes(squeeze(i.number)))
      .map((i) => ({ target: invoiceTarget(i), amount: i.amountDue, currency: i.currency })),
  ];
  if (named.length > 1) {
    return {
      line,
      outcome: 'ambiguous',
      candidates: named.map((n) => n.target),
      why: { code: 'names_several', count: named.length },
    };
  }
  const [one] = named;
  if (one) {
    if (one.currency === line.currency && one.amount === line.amount) {
      return { line, outcome: 'matched', target: one.target, why: { code: 'agrees' } };
    }
    // The server applies exact amounts only (a line that differs is a payment review's case): both
    // figures go with it, so staff see what the review is about without doing the sum.
    return {
      line,
      outcome: 'ambiguous',
      candidates: [one.target],
      why: {
        code: 'differs',
        asks: { amount: one.amount, currency: one.currency },
        transfer: { amount: line.amount, currency: line.currency },
      },
    };
  }
  if (memos.length > 0) return { line, outcome: 'unmatched', why: { code: 'memo_unknown', memos } };
  const sameAmount = [
    ...topUps.filter((t) => t.amount === line.amount && t.currency === line.currency).map(topUpTarget),
    ...invoices.filter((i) => i.amountDue === line.amount && i.currency === line.currency).map(invoiceTarget),
  ];
  if (sameAmount.length === 1) {
    return { line, outcome: 'ambiguous', candidates: sameAmount, why: { code: 'only_amount' } };
  }
  return { line, outcome: 'unmatched', why: { code: 'no_code' } };
}

const topUpTarget = (t: PendingTopUp): MatchTarget => ({ kind: 'payment', id: t.id, reference: t.memo });
const invoiceTarget = (i: OpenInvoice): MatchTarget => ({ kind: 'invoice', id: i.id, reference: i.number });
