import { z } from 'zod';
import { paymentSchema } from './payments.js';

/** A crypto transaction hash (hex, 0x optional) or a bank transfer's reference: exactly one. */
export const verifyPaymentBody = z
  .strictObject({
    txHash: z
      .string({ error: 'must be text' })
      .trim()
      .regex(/^(0x)?[0-9a-fA-F]{64}$/, { error: 'must be a transaction hash: 64 hexadecimal characters' })
      .optional(),
    bankReference: z
      .string({ error: 'must be text' })
      .trim()
      .regex(/^[0-9A-Za-z-]{3,64}$/, { error: 'must be the bank reference: 3-64 letters, digits or dashes' })
      .optional(),
  })
  .refine((b) => (b.txHash === undefined) !== (b.bankReference === undefined), {
    error: 'give either txHash (crypto) or bankReference (bank transfer)',
    path: ['txHash'],
  });
export type VerifyPaymentBody = z.infer<typeof verifyPaymentBody>;

export const verifyOutcomes = [
  /** Credited now, or found already credited: the payer's money is in the wallet. */
  'credited',
  /** Seen at the right place; the chain needs more confirmations before it is credited. */
  'waiting_confirmations',
  /** Seen, but sent to another address or account (or in another coin). */
  'wrong_destination',
  /** Seen at the right place, but less than is due arrived (the rest may still be sent). */
  'underpaid',
  /** Arrived after the payment expired: not credited automatically; staff review it. */
  'after_expiry',
  /** On our account without this payment's code: staff can apply it from review. */
  'unrelated_transfer',
  /** Neither the chain nor the bank feed knows this hash or reference. */
  'not_found',
] as const;
export const verifyOutcomeSchema = z.enum(verifyOutcomes);
export type VerifyOutcome = z.infer<typeof verifyOutcomeSchema>;

/**
 * The answer's particulars as data, for a client to word in its person's language (`message` is the
 * server's English). Which are there depends on the outcome: `source` ('chain' or 'bank') always
 * except on credited and after_expiry; waiting_confirmations: `more`, `confirmations`, `required`;
 * wrong_destination: `to` ('address', 'asset', 'network' or 'account') with `asset`, `address`,
 * `network`, `expectedNetwork` or `accountEnding` (its last four digits); underpaid on the chain:
 * `coins` (a decimal string) and `asset`; amounts (credited, underpaid at the bank,
 * unrelated_transfer) are minor units beside `currency`; after_expiry: `expiresAt`.
 */
export const verifyAnswerValuesSchema = z.record(z.string(), z.union([z.string(), z.number()]));
export type VerifyAnswerValues = z.infer<typeof verifyAnswerValuesSchema>;

export const verifyPaymentResponse = z.object({
  outcome: verifyOutcomeSchema,
  /** The answer in words, for the payer or the agent ("Waiting for 2 more confirmations…"). */
  message: z.string(),
  /** waiting_confirmations: how many more blocks are needed. */
  confirmationsNeeded: z.int().nonnegative().nullable(),
  /** underpaid: what is still missing, formatted with its unit ("0.00082000 BTC", "50.000 ₫"). */
  shortBy: z.string().nullable(),
  /** What the answer carries, for the console to word; absent from an API older than it. */
  values: verifyAnswerValuesSchema.optional(),
  /** The payment after the check (paid when it credited). */
  payment: paymentSchema,
});
export type VerifyPaymentResponse = z.infer<typeof verifyPaymentResponse>;
