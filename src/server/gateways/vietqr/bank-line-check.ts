import type { ProviderEvent } from '../provider.js';
import { findMemoCodes } from './memo.js';
import type { BankTransferInvoice } from './payment-id.js';

type BankCredit = Extract<ProviderEvent, { kind: 'bank_credit' }>;

/**
 * What the bank feed says about one reference a payer gave for a VietQR payment ("verify my
 * payment"), before anything is credited. The reference is the line's id in the feed: the bank's
 * transaction number (FT…) on Web2m, the statement line id on Pay2s.
 */
export type BankLineCheck =
  | { kind: 'not_found' }
  /** A credit with that reference, but to another of the reseller's accounts. */
  | { kind: 'other_account'; accountNumber: string }
  /** On our account, but its content does not carry this payment's code. */
  | { kind: 'no_code'; amount: number; content: string }
  /** Ours, with the code: `received` is every line carrying the code, `due` what the payment asks (VND). */
  | { kind: 'matched'; amount: number; received: number; due: number };

export function referenceOf(eventId: string): string {
  return eventId.slice(eventId.lastIndexOf(':') + 1);
}

export function checkBankLine(
  credits: BankCredit[],
  accountNumber: string,
  invoice: BankTransferInvoice,
  bankReference: string,
): BankLineCheck {
  const wanted = bankReference.trim().toUpperCase();
  const line = credits.find((c) => referenceOf(c.eventId).toUpperCase() === wanted);
  if (!line) return { kind: 'not_found' };
  if (line.accountNumber !== accountNumber)
    return { kind: 'other_account', accountNumber: line.accountNumber };
  if (!findMemoCodes(line.content).includes(invoice.memo)) {
    return { kind: 'no_code', amount: line.amount.amount, content: line.content };
  }
  const received = credits
    .filter((c) => c.accountNumber === accountNumber && findMemoCodes(c.content).includes(invoice.memo))
    .reduce((sum, c) => sum + c.amount.amount, 0);
  return { kind: 'matched', amount: line.amount.amount, received, due: invoice.due };
}
