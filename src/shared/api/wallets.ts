import { z } from 'zod';
import {
  currencySchema,
  cursorSchema,
  idSchema,
  limitSchema,
  positiveAmountSchema,
  signedAmountSchema,
  timestampSchema,
} from './common.js';
import { ledgerWordingWireSchema } from './ledger-wording.js';

const description = z.string().trim().min(1, { error: 'must not be empty' }).max(500);
const reference = z.string().trim().min(1).max(200);

export const walletStatusSchema = z.enum(['active', 'closed']);
export const walletSchema = z.object({
  id: idSchema,
  customerId: idSchema,
  currency: currencySchema,
  status: walletStatusSchema,
  /** Minor units. */
  balance: z.int(),
  pendingCharges: z.int(),
  availableBalance: z.int(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  /** True while a reversed payment left this wallet owing money: no new spending until it is settled. */
  onHold: z.boolean().optional(),
});
export type Wallet = z.infer<typeof walletSchema>;

export const createWalletBody = z.strictObject({
  currency: currencySchema,
  initialBalance: z
    .int({ error: 'must be an integer count of minor units' })
    .min(0, { error: 'must not be negative' })
    .max(1e14, { error: 'must be at most 100000000000000 minor units' })
    .optional(),
});
export const walletListSchema = z.object({ items: z.array(walletSchema) });

/**
 * A ledger row's type: `credit` a merchant's own credit of a wallet (staff "Add credit", a wallet's
 * initial balance), `top_up` a customer's top-up through a gateway or an applied bank transfer.
 */
export const transactionTypes = ['credit', 'top_up', 'payment', 'refund', 'adjustment'] as const;
export const transactionTypeSchema = z.enum(transactionTypes);
export type TransactionType = z.infer<typeof transactionTypeSchema>;

export const transactionSchema = z.object({
  id: idSchema,
  walletId: idSchema,
  customerId: idSchema,
  type: transactionTypeSchema,
  /** Signed minor units: positive credit, negative debit. */
  amount: z.int(),
  balanceAfter: z.int(),
  currency: currencySchema,
  status: z.enum(['completed']),
  description: z.string(),
  reference: z.string().nullable(),
  /** For refunds, the payment refunded; for captures, the hold captured. */
  relatedId: z.string().nullable(),
  /**
   * True on a test-mode movement (a top-up through the sandbox test gateway): no real money moved.
   * Feed entries written before the flag existed carry none and read as false.
   */
  test: z.boolean().default(false),
  /** A row the server wrote itself, as a kind and its figures (ledger-wording.ts); absent on the rest. */
  wording: ledgerWordingWireSchema.optional(),
  createdAt: timestampSchema,
});
export type WalletTransaction = z.infer<typeof transactionSchema>;

export const holdSchema = z.object({
  id: idSchema,
  walletId: idSchema,
  customerId: idSchema,
  amount: z.int(),
  capturedAmount: z.int(),
  currency: currencySchema,
  status: z.enum(['pending', 'captured', 'released']),
  description: z.string(),
  transactionId: z.string().nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Hold = z.infer<typeof holdSchema>;

export const creditBody = z.strictObject({
  amount: positiveAmountSchema,
  description,
  reference: reference.optional(),
});
export const debitBody = creditBody;
export const adjustmentBody = z.strictObject({ amount: signedAmountSchema, reason: description });
export const holdBody = z.strictObject({ amount: positiveAmountSchema, description });
export const captureBody = z.strictObject({ amount: positiveAmountSchema.optional() });
export const releaseBody = z.strictObject({});
export const refundBody = z.strictObject({ amount: positiveAmountSchema.optional(), reason: description });

/** What every movement answers: the row it wrote and the wallet after it. */
export const movementResponse = z.object({ transaction: transactionSchema, wallet: walletSchema });
export const holdResponse = z.object({ hold: holdSchema, wallet: walletSchema });
export const captureResponse = z.object({
  hold: holdSchema,
  transaction: transactionSchema,
  wallet: walletSchema,
});

export const listTransactionsQuery = z.strictObject({
  type: transactionTypeSchema.optional(),
  from: z.iso.datetime({ error: 'must be an ISO 8601 date-time' }).optional(),
  to: z.iso.datetime({ error: 'must be an ISO 8601 date-time' }).optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});
export const transactionListSchema = z.object({
  items: z.array(transactionSchema),
  nextCursor: z.string().nullable(),
});
export const holdListSchema = z.object({ items: z.array(holdSchema) });
