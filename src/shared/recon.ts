import { z } from 'zod';
import { currencySchema } from './api/common.js';

/**
 * The reconciliation workbench's shapes, shared by the desktop core and the renderer: how a bank's
 * CSV columns map to a statement line, the lines read, and what each line matched.
 */

/** Column headers, as the bank's file names them (matched trimmed and case-insensitively). */
export const bankColumnMappingSchema = z.strictObject({
  date: z.string().trim().min(1).max(100),
  amount: z.string().trim().min(1).max(100),
  description: z.string().trim().min(1).max(100),
  reference: z.string().trim().min(1).max(100),
  /** How the bank writes dates; Vietnamese banks mostly day first. */
  dateFormat: z.enum(['DD/MM/YYYY', 'YYYY-MM-DD', 'MM/DD/YYYY']).default('DD/MM/YYYY'),
  /** The account's currency: a statement is of one account. */
  currency: currencySchema.default('VND'),
});
export type BankColumnMapping = z.infer<typeof bankColumnMappingSchema>;

/** One incoming transfer of the statement; `amount` in minor units of `currency` (VND: whole dong). */
export const statementLineSchema = z.object({
  /** 1 for the first data row (the header is row 0), as the file shows it. */
  row: z.int(),
  date: z.iso.date(),
  amount: z.int().positive(),
  currency: currencySchema,
  description: z.string().max(500),
  bankReference: z.string().min(1).max(100),
});
export type StatementLine = z.infer<typeof statementLineSchema>;

/** What a line can pay: a pending VietQR top-up (by its memo code) or an open invoice (by its number). */
export const matchTargetSchema = z.object({
  kind: z.enum(['payment', 'invoice']),
  id: z.string().min(1).max(64),
  /** The top-up's memo code or the invoice's number: what the transfer's content names. */
  reference: z.string(),
  /**
   * Whose it is, and the wallet it credits when known (an invoice that is not a top-up has none):
   * where staff credit a transfer the server cannot apply to it (another amount, already paid).
   */
  customerId: z.string(),
  walletId: z.string().nullable(),
});
export type MatchTarget = z.infer<typeof matchTargetSchema>;

const moneySchema = z.object({ amount: z.int(), currency: currencySchema });

/**
 * Why a line matched as it did, as a code with its figures: the console words it in its own
 * language. `differs`: the target's code is in the content but the transfer's amount (or currency)
 * is not what it asks; the server applies exact amounts only, so staff credit what arrived to the
 * customer's wallet instead. `claimed`: an earlier line of the same statement already matches the
 * item it names (`by`: that line's bank reference), so this one is not proposed for it too.
 * `settled`: the content names an item that waits for nothing any more (paid, void, ended).
 */
export const matchWhySchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('agrees') }),
  z.object({ code: z.literal('names_several'), count: z.int() }),
  z.object({ code: z.literal('differs'), asks: moneySchema, transfer: moneySchema }),
  z.object({ code: z.literal('claimed'), by: z.string() }),
  z.object({
    code: z.literal('settled'),
    target: matchTargetSchema,
    status: z.enum(['paid', 'void', 'cancelled', 'expired', 'failed']),
  }),
  z.object({ code: z.literal('memo_unknown'), memos: z.array(z.string()) }),
  z.object({ code: z.literal('only_amount') }),
  z.object({ code: z.literal('no_code') }),
]);
export type MatchWhy = z.infer<typeof matchWhySchema>;

/**
 * What the console makes of one line: `matched` (one target, code and amount agree: ready to
 * apply), `ambiguous` (a person must choose or check: several targets, or the amount differs), or
 * `unmatched` (nothing waiting fits). `why` says why.
 */
export const lineMatchSchema = z.discriminatedUnion('outcome', [
  z.object({
    line: statementLineSchema,
    outcome: z.literal('matched'),
    target: matchTargetSchema,
    why: matchWhySchema,
  }),
  z.object({
    line: statementLineSchema,
    outcome: z.literal('ambiguous'),
    candidates: z.array(matchTargetSchema),
    why: matchWhySchema,
  }),
  z.object({ line: statementLineSchema, outcome: z.literal('unmatched'), why: matchWhySchema }),
]);
export type LineMatch = z.infer<typeof lineMatchSchema>;

/** A line staff confirmed, and how the server answered it (a refusal in the server's words). */
export const appliedLineSchema = z.discriminatedUnion('outcome', [
  z.object({ bankReference: z.string(), outcome: z.literal('applied'), credited: moneySchema }),
  z.object({ bankReference: z.string(), outcome: z.literal('already_applied'), appliedAt: z.string() }),
  z.object({ bankReference: z.string(), outcome: z.literal('refused'), message: z.string() }),
]);
export type AppliedLine = z.infer<typeof appliedLineSchema>;

/** One wallet's cached ledger against the server (src/main/recon/drift.ts); minor units. */
export const walletDriftSchema = z.object({
  walletId: z.string(),
  currency: z.string(),
  serverBalance: z.int(),
  cachedBalance: z.int().nullable(),
  rowCount: z.int(),
  sum: z.int(),
  lastBalanceAfter: z.int().nullable(),
  drifted: z.boolean(),
  rows: z.array(
    z.object({
      id: z.string(),
      ordinal: z.int(),
      amount: z.int(),
      balanceAfter: z.int(),
      expectedBalanceAfter: z.int(),
    }),
  ),
});
