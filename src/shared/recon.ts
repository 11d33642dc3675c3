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
export interface StatementLine {
  /** 1 for the first data row (the header is row 0), as the file shows it. */
  row: number;
  date: string;
  amount: number;
  currency: z.infer<typeof currencySchema>;
  description: string;
  bankReference: string;
}

export type MatchTarget =
  { kind: 'payment'; id: string; label: string } | { kind: 'invoice'; id: string; label: string };

/**
 * What the console makes of one line: `matched` (one target, code and amount agree: ready to
 * apply), `ambiguous` (a person must choose or check: several targets, or the amount differs), or
 * `unmatched` (nothing waiting fits). `reason` says why, in words.
 */
export type LineMatch =
  | { line: StatementLine; outcome: 'matched'; target: MatchTarget; reason: string }
  | { line: StatementLine; outcome: 'ambiguous'; candidates: MatchTarget[]; reason: string }
  | { line: StatementLine; outcome: 'unmatched'; reason: string };
