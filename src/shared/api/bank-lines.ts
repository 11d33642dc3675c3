import { z } from 'zod';
import { currencySchema, idSchema, positiveAmountSchema, timestampSchema } from './common.js';

/** What a confirmed bank-statement line pays: a pending top-up (VietQR) or an open invoice. */
export const bankLineTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('payment'), id: idSchema }),
  z.strictObject({ kind: z.literal('invoice'), id: idSchema }),
]);
export type BankLineTarget = z.infer<typeof bankLineTargetSchema>;

/**
 * POST /v1/bank-lines/apply: one line of an imported bank statement, as staff confirmed it. The
 * bank's own reference is the idempotency anchor: the same line applied twice credits once.
 * `amount` is minor units of `currency` (VND has none: whole dong).
 */
export const applyBankLineBody = z.strictObject({
  bankReference: z.string().trim().min(1).max(100),
  date: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }),
  amount: positiveAmountSchema,
  currency: currencySchema,
  description: z.string().max(500),
  target: bankLineTargetSchema,
  reason: z.string().trim().max(500).optional(),
});
export type ApplyBankLine = z.infer<typeof applyBankLineBody>;

export const bankLineApplicationSchema = z.object({
  bankReference: z.string(),
  target: bankLineTargetSchema,
  walletId: idSchema,
  transactionId: idSchema,
  amount: z.int(),
  currency: currencySchema,
  appliedAt: timestampSchema,
  /** True when this line had been applied before: nothing more was credited. */
  alreadyApplied: z.boolean(),
});
export type BankLineApplication = z.infer<typeof bankLineApplicationSchema>;
