import { z } from 'zod';
import { MAX_AMOUNT } from '../money.js';
import {
  currencySchema,
  cursorSchema,
  idSchema,
  limitSchema,
  positiveAmountSchema,
  timestampSchema,
} from './common.js';
import { cryptoRailSchema, heldUnanswered, paymentProviderSchema, type Payment } from './payments.js';

export const invoiceStatuses = ['draft', 'open', 'partially_paid', 'paid', 'void'] as const;
export const invoiceStatusSchema = z.enum(invoiceStatuses);
export type InvoiceStatus = z.infer<typeof invoiceStatusSchema>;
/**
 * The Invoices list's status filter, as its badges read: a stored status, or, for an invoice still
 * due, `processing` (the payment it tracks awaits confirmation) or `payment_held` (that payment was
 * paid but is held for staff). `open` and `partially_paid` then mean neither.
 */
export const invoiceListStatuses = [
  'draft',
  'open',
  'processing',
  'payment_held',
  'partially_paid',
  'paid',
  'void',
] as const;
export const invoiceListStatusSchema = z.enum(invoiceListStatuses);
export type InvoiceListStatus = z.infer<typeof invoiceListStatusSchema>;

/**
 * What the payment an invoice still due tracks (`pendingPaymentId`) makes it read, wherever the
 * console shows its status (its page, the Invoices list and its filter, search): `payment_held` while
 * that payment was paid but is held for staff; `processing` while its provider confirms it, or while
 * it is the off-session charge of a saved method not answered yet (`new` with a saved method:
 * nobody has anything to pay, and the API refuses another payment or a void meanwhile), held for
 * staff too (heldUnanswered: whether it was made is unknown); null when
 * the stored status reads. The cache's status filter says the same in SQL (invoice-reads.ts).
 */
export function payingStatus(
  payment: Pick<Payment, 'status'> & Partial<Pick<Payment, 'heldForReview' | 'savedMethodId' | 'checkout'>>,
): 'payment_held' | 'processing' | null {
  if (payment.heldForReview) {
    // Its charge unanswered, held for staff to look up: nothing arrived that anyone knows of.
    return heldUnanswered({ ...payment, heldForReview: true }) ? 'processing' : 'payment_held';
  }
  if (payment.status === 'processing') return 'processing';
  if (payment.status === 'new' && payment.savedMethodId) return 'processing';
  return null;
}

/** Largest quantity on one line; quantity × unit amount must still fit MAX_AMOUNT. */
export const MAX_QUANTITY = 1_000_000;

const dateSchema = z.iso.date({ error: 'must be a date as YYYY-MM-DD' });

export const invoiceLineInput = z.strictObject({
  description: z.string().trim().min(1, { error: 'must not be empty' }).max(500),
  quantity: z
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(MAX_QUANTITY, { error: `must be at most ${MAX_QUANTITY}` }),
  /** Minor units per unit (1000 = 10.00 USD). */
  unitAmount: z
    .int({ error: 'must be an integer count of minor units' })
    .min(0, { error: 'must not be negative' })
    .max(MAX_AMOUNT, { error: `must be at most ${MAX_AMOUNT} minor units` }),
  /** Basis points: 1000 = 10%. */
  taxRateBps: z
    .int({ error: 'must be a whole number of basis points' })
    .min(0, { error: 'must not be negative' })
    .max(10_000, { error: 'must be at most 10000 (100%)' })
    .optional(),
});
export type InvoiceLineInput = z.infer<typeof invoiceLineInput>;

const linesInput = z
  .array(invoiceLineInput)
  .min(1, { error: 'an invoice needs at least one line' })
  .max(200, { error: 'at most 200 lines' });
const memo = z.string().trim().max(2000);

export const createInvoiceBody = z.strictObject({
  currency: currencySchema,
  dueDate: dateSchema.optional(),
  lines: linesInput,
  memo: memo.optional(),
  /** Overrides the customer's auto-pay setting for this invoice. */
  autoPay: z.boolean().optional(),
});
export type CreateInvoiceBody = z.infer<typeof createInvoiceBody>;

export const updateInvoiceBody = z
  .strictObject({
    currency: currencySchema.optional(),
    dueDate: dateSchema.nullable().optional(),
    lines: linesInput.optional(),
    memo: memo.nullable().optional(),
    autoPay: z.boolean().nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { error: 'nothing to change' });
export type UpdateInvoiceBody = z.infer<typeof updateInvoiceBody>;

export const payInvoiceBody = z.strictObject({ source: z.literal('wallet', { error: 'must be "wallet"' }) });

/** A checkout for the amount due, on any rail the reseller offers (as a top-up's body, without amount). */
export const invoiceCheckoutBody = z.strictObject({
  provider: paymentProviderSchema,
  payerId: idSchema.optional(),
  savedMethodId: idSchema.optional(),
  asset: z.strictObject(cryptoRailSchema.shape).optional(),
});

export const invoiceLineSchema = z.object({
  description: z.string(),
  quantity: z.int(),
  unitAmount: z.int(),
  taxRateBps: z.int().nullable(),
  /** quantity × unitAmount, before tax. */
  amount: z.int(),
});
export type InvoiceLine = z.infer<typeof invoiceLineSchema>;

export const invoiceApplicationSchema = z.object({
  /**
   * wallet: paid from the wallet; gateway: a payment settled into the wallet then applied; refund:
   * given back to the wallet; transfer: a bank transfer staff recorded; receipt: the paid top-up a
   * receipt invoice documents (its `top_up` ledger row; nothing else moved).
   */
  kind: z.enum(['wallet', 'gateway', 'refund', 'transfer', 'receipt']),
  /** Minor units; negative for a refund. */
  amount: z.int(),
  /** The ledger row (`payment`, or `refund`) that moved it. */
  transactionId: z.string(),
  /** For `gateway`: the payment and its `top_up` ledger row. */
  paymentId: z.string().nullable(),
  topUpTransactionId: z.string().nullable(),
  method: z.string(),
  at: timestampSchema,
  /** True when the money was a test-mode (sandbox) payment: no real money moved. Absent on older entries. */
  test: z.boolean().optional(),
  /** For `transfer`: the bank's reference and the day the money arrived, when staff gave them. */
  reference: z.string().nullable().optional(),
  receivedOn: z.string().nullable().optional(),
});
export type InvoiceApplication = z.infer<typeof invoiceApplicationSchema>;

export const invoiceSchema = z.object({
  id: idSchema,
  customerId: idSchema,
  number: z.string().nullable(),
  status: invoiceStatusSchema,
  currency: currencySchema,
  lines: z.array(invoiceLineSchema),
  subtotal: z.int(),
  tax: z.int(),
  total: z.int(),
  amountPaid: z.int(),
  amountRefunded: z.int(),
  amountDue: z.int(),
  memo: z.string().nullable(),
  dueDate: z.string().nullable(),
  autoPay: z.boolean().nullable(),
  methodLastUsed: z.string().nullable(),
  payments: z.array(invoiceApplicationSchema),
  /** The gateway payment opened for this invoice and not settled yet (crypto: awaiting confirmations). */
  pendingPaymentId: z.string().nullable(),
  /** "Invoice" as a top-up method: the wallet a bank transfer for it credits (no goods: it is the top-up). */
  topUpWalletId: z.string().nullable(),
  /** A receipt: the paid top-up (payment) this invoice was issued for, on the customer's request. */
  receiptPaymentId: z.string().nullable().optional(),
  /**
   * A test-mode receipt (for a sandbox top-up): no real money, numbered `TEST-…` apart from the
   * reseller's series. False on feed entries from before it existed, which were all real.
   */
  test: z.boolean().default(false),
  issuedAt: timestampSchema.nullable(),
  paidAt: timestampSchema.nullable(),
  voidedAt: timestampSchema.nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Invoice = z.infer<typeof invoiceSchema>;

export const listInvoicesQuery = z.strictObject({
  customerId: idSchema.optional(),
  status: invoiceStatusSchema.optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});
export const invoiceListSchema = z.object({
  items: z.array(invoiceSchema),
  nextCursor: z.string().nullable(),
});

export const invoiceCustomerSettingsSchema = z.object({ customerId: idSchema, autoPay: z.boolean() });
export const invoiceCustomerSettingsBody = z.strictObject({ autoPay: z.boolean() });

export const invoiceSeriesSchema = z.object({
  prefix: z.string(),
  lastNumber: z.int(),
  bankDetails: z.string().nullable(),
  /** Whether customers are offered "Invoice" (bank transfer to `bankDetails`) on Top Up. */
  offerTopUp: z.boolean(),
});
export type InvoiceSeries = z.infer<typeof invoiceSeriesSchema>;
export const invoiceSeriesBody = z.strictObject({
  prefix: z
    .string()
    .regex(/^[A-Za-z0-9{}/_-]{1,20}$/, {
      error: 'letters, digits, "-", "_", "/" and {YYYY}; 1-20 characters',
    })
    // TEST-… numbers are test-mode receipts' (they are no real invoices): a real series never looks like one.
    .refine((p) => !/^test/i.test(p), { error: 'must not start with "TEST": that marks test-mode receipts' }),
  bankDetails: z.string().trim().min(1).max(1000).nullable().optional(),
  offerTopUp: z.boolean().optional(),
});

/** "Invoice" as a top-up method: an open invoice for the amount, paid by bank transfer. */
export const topUpInvoiceBody = z.strictObject({ amount: positiveAmountSchema });
/**
 * Staff record a bank transfer that arrived for the invoice: `amount` in minor units (1000 = 10.00
 * USD), at most the amount due, the whole amount due when left out; less leaves it partly paid.
 */
export const markInvoicePaidBody = z.strictObject({
  amount: positiveAmountSchema.optional(),
  /** The bank's reference for the transfer, as on the statement. */
  reference: z.string().trim().min(1).max(200).optional(),
  /** The day the money arrived, as the bank states it (the ledger row is written when it is recorded). */
  receivedOn: dateSchema.optional(),
});
export type MarkInvoicePaidBody = z.infer<typeof markInvoicePaidBody>;
