import type BetterSqlite3 from 'better-sqlite3';
import type { Invoice } from '../../shared/api/invoices.js';
import type { Payment } from '../../shared/api/payments.js';
import type { Currency } from '../../shared/money.js';
import type { LineMatch, MatchTarget, MatchWhy, StatementLine } from '../../shared/recon.js';
import { findMemoCodes } from '../../shared/vietqr-memo.js';

/** A VietQR top-up waiting for its transfer: the memo code its payer was asked to write. */
export interface PendingTopUp {
  id: string;
  memo: string;
  amount: number;
  currency: Currency;
  customerId: string;
  walletId: string;
}

/** An invoice with money still due, found in a transfer by its number. */
export interface OpenInvoice {
  id: string;
  number: string;
  amountDue: number;
  currency: Currency;
  customerId: string;
  /** The wallet a top-up invoice credits; null for an invoice for goods. */
  walletId: string | null;
}

/** A top-up or invoice that waits for no transfer any more: a line naming it is told so. */
export interface SettledItem {
  target: MatchTarget;
  status: Extract<MatchWhy, { code: 'settled' }>['status'];
}

export interface MatchCandidates {
  topUps: PendingTopUp[];
  invoices: OpenInvoice[];
  settled: SettledItem[];
}

const ENDED = ['paid', 'cancelled', 'expired', 'failed'] as const;

/** What the cache holds that a transfer can pay, or once could (read offline, as the last sync left it). */
export function matchCandidates(db: BetterSqlite3.Database): MatchCandidates {
  const payments = (
    db.prepare(`select data from payments where provider = 'vietqr'`).all() as Array<{ data: string }>
  ).map((r) => JSON.parse(r.data) as Payment);
  const invoices = (
    db
      .prepare(
        `select data from invoices where status in ('open', 'partially_paid', 'paid', 'void') and number is not null`,
      )
      .all() as Array<{ data: string }>
  ).map((r) => JSON.parse(r.data) as Invoice);

  const topUps: PendingTopUp[] = [];
  const open: OpenInvoice[] = [];
  const settled: SettledItem[] = [];
  for (const p of payments) {
    if (p.checkout?.kind !== 'bank_qr') continue;
    const topUp = {
      id: p.id,
      memo: p.checkout.memo,
      amount: p.amount,
      currency: p.currency,
      customerId: p.customerId,
      walletId: p.walletId,
    };
    const ended = ENDED.find((s) => s === p.status);
    if (ended) settled.push({ target: topUpTarget(topUp), status: ended });
    else topUps.push(topUp);
  }
  for (const i of invoices) {
    const invoice = {
      id: i.id,
      number: i.number ?? '',
      amountDue: i.amountDue,
      currency: i.currency,
      customerId: i.customerId,
      walletId: i.topUpWalletId,
    };
    if (i.status === 'paid' || i.status === 'void')
      settled.push({ target: invoiceTarget(invoice), status: i.status });
    else open.push(invoice);
  }
  return { topUps, invoices: open, settled };
}

/** Letters and digits only, uppercased: how banks mangle a transfer's content. */
const squeeze = (text: string) => text.toUpperCase().replace(/[^0-9A-Z]/g, '');

/** Which line of the statement an item is matched to, by `kind:id`. */
type Claims = Map<string, StatementLine>;
const claimKey = (target: Pick<MatchTarget, 'kind' | 'id'>) => `${target.kind}:${target.id}`;

/**
 * Matches statement lines to what waits for a transfer: a VietQR top-up by the memo code in the
 * content, an invoice by its number; then the amount must agree. Never guesses: a line that names
 * two targets, or whose amount differs, is `ambiguous` for a person to decide; a line naming none is
 * `unmatched`, with the one pending target of the same amount offered as a candidate when there is one.
 *
 * One item is proposed to one line of the statement at most: the first line that matches it claims
 * it, and any later line naming it too is `ambiguous` (`claimed`), since the server would refuse
 * the second once the first paid it. Hence two passes: the first finds the claims, the second
 * words every line knowing them (an amount-only candidate is never an item another line matched).
 */
export function matchLines(lines: StatementLine[], candidates: MatchCandidates): LineMatch[] {
  const claims: Claims = new Map();
  for (const line of lines) {
    const first = matchLine(line, candidates, claims);
    if (first.outcome === 'matched' && !claims.has(claimKey(first.target))) {
      claims.set(claimKey(first.target), line);
    }
  }
  return lines.map((line) => matchLine(line, candidates, claims));
}

function matchLine(
  line: StatementLine,
  { topUps, invoices, settled }: MatchCandidates,
  claims: Claims,
): LineMatch {
  const memos = findMemoCodes(line.description);
  const content = squeeze(line.description);
  const names = (reference: string, kind: MatchTarget['kind']) =>
    kind === 'payment' ? memos.includes(reference) : reference !== '' && content.includes(squeeze(reference));
  const named: Array<{ target: MatchTarget; amount: number; currency: Currency }> = [
    ...topUps
      .filter((t) => names(t.memo, 'payment'))
      .map((t) => ({ target: topUpTarget(t), amount: t.amount, currency: t.currency })),
    ...invoices
      .filter((i) => names(i.number, 'invoice'))
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
      const claimant = claims.get(claimKey(one.target));
      if (claimant && claimant.row !== line.row) {
        return {
          line,
          outcome: 'ambiguous',
          candidates: [one.target],
          why: { code: 'claimed', by: claimant.bankReference },
        };
      }
      return { line, outcome: 'matched', target: one.target, why: { code: 'agrees' } };
    }
    // The server applies exact amounts only (what arrived is credited to the wallet instead): both
    // figures go with it, so staff see the difference without doing the sum.
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
  // Named, but no longer waiting (paid since, perhaps by this very statement): say so, rather
  // than that the content names nothing.
  const done = settled.find((s) => names(s.target.reference, s.target.kind));
  if (done) return { line, outcome: 'unmatched', why: { code: 'settled', ...done } };
  if (memos.length > 0) return { line, outcome: 'unmatched', why: { code: 'memo_unknown', memos } };
  const sameAmount = [
    ...topUps.filter((t) => t.amount === line.amount && t.currency === line.currency).map(topUpTarget),
    ...invoices.filter((i) => i.amountDue === line.amount && i.currency === line.currency).map(invoiceTarget),
  ].filter((target) => !claims.has(claimKey(target)));
  if (sameAmount.length === 1) {
    return { line, outcome: 'ambiguous', candidates: sameAmount, why: { code: 'only_amount' } };
  }
  return { line, outcome: 'unmatched', why: { code: 'no_code' } };
}

const topUpTarget = (t: PendingTopUp): MatchTarget => ({
  kind: 'payment',
  id: t.id,
  reference: t.memo,
  customerId: t.customerId,
  walletId: t.walletId,
});
const invoiceTarget = (i: OpenInvoice): MatchTarget => ({
  kind: 'invoice',
  id: i.id,
  reference: i.number,
  customerId: i.customerId,
  walletId: i.walletId,
});
