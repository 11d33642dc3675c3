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

export const matchTargetSchema = z.object({
  kind: z.enum(['payment', 'invoice']),
  id: z.string().min(1).max(64),
  label: z.string(),
});
export type MatchTarget = z.infer<typeof matchTargetSchema>;

/**
 * What the console makes of one line: `matched` (one target, code and amount agree: ready to
 * apply), `ambiguous` (a person must choose or check: several targets, or the amount differs), or
 * `unmatched` (nothing waiting fits). `reason` says why, in words.
 */
export const lineMatchSchema = z.discriminatedUnion('outcome', [
  z.object({
    line: statementLineSchema,
    outcome: z.literal('matched'),
    target: matchTargetSchema,
    reason: z.string(),
  }),
  z.object({
    line: statementLineSchema,
    outcome: z.literal('ambiguous'),
    candidates: z.array(matchTargetSchema),
    reason: z.string(),
  }),
  z.object({ line: statementLineSchema, outcome: z.literal('unmatched'), reason: z.string() }),
]);
export type LineMatch = z.infer<typeof lineMatchSchema>;

/** A line staff confirmed, and how the server answered it. */
export const appliedLineSchema = z.object({
  bankReference: z.string(),
  outcome: z.enum(['applied', 'already_applied', 'refused']),
  message: z.string(),
});

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
