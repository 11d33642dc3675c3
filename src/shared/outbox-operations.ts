/**
 * What the outbox holds: one operation per write made in the console, as a discriminated union on
 * `kind`. The IPC handlers build them, the outbox stores them (kind in its column, payload as JSON),
 * the sync engine sends them and the Outbox screen lists them — all through these schemas.
 *
 * Stored rows outlive versions of the app: `readStoredOperation` reads what any earlier version
 * wrote (renamed kinds included), and turns a row it cannot read into an `unreadable` operation,
 * which the engine rejects with a clear reason instead of sending it or crashing.
 */
import { z } from 'zod';
import { currencySchema, positiveAmountSchema, signedAmountSchema } from './api/common.js';
import { languageSchema } from './api/language.js';
import { cryptoRailSchema, paymentProviderSchema } from './api/payments.js';

/** The coin and network a crypto payer chose, as a request names it (nothing else). */
export const cryptoRailChoiceSchema = z.strictObject(cryptoRailSchema.shape);

/** A local id: what a record created offline is known by until the server confirms it. */
const localId = z.string().min(1);

export const customerCreateOperation = z.object({
  kind: z.literal('customer.create'),
  payload: z.object({
    localId,
    name: z.string(),
    email: z.string(),
    externalRef: z.string().optional(),
    /** What its emails are written in, as the admin chose (absent: not chosen, English). */
    language: languageSchema.optional(),
  }),
});

export const walletCreateOperation = z.object({
  kind: z.literal('wallet.create'),
  payload: z.object({
    localId,
    currency: currencySchema,
    /** The customer's name when it was queued (shown while the wallet is pending). */
    customerName: z.string().optional(),
    /** Minor units the server credits as the wallet's "Initial balance" when it creates it. */
    initialBalance: positiveAmountSchema.optional(),
  }),
});

/** A merchant credit: staff add money to a wallet (`POST /credits`; "Add credit" on screen). */
export const walletCreditOperation = z.object({
  kind: z.literal('wallet.credit'),
  payload: z.object({ amount: positiveAmountSchema, description: z.string() }),
});

export const walletAdjustOperation = z.object({
  kind: z.literal('wallet.adjust'),
  payload: z.object({ amount: signedAmountSchema, reason: z.string() }),
});

/** A customer's top-up through a payment gateway (`POST /top-ups`). */
export const paymentCreateOperation = z.object({
  kind: z.literal('payment.create'),
  payload: z.object({
    localId,
    amount: positiveAmountSchema,
    provider: paymentProviderSchema,
    payerId: z.string().optional(),
    savedMethodId: z.string().optional(),
    saveMethod: z.boolean().optional(),
    asset: cryptoRailChoiceSchema.optional(),
  }),
});

/** Staff report what provisioning delivered of an order (`POST /v1/orders/:id/fulfilment`). */
export const orderFulfilOperation = z.object({
  kind: z.literal('order.fulfil'),
  payload: z.object({ orderId: z.string(), number: z.string(), provisioned: z.int().min(0) }),
});

/** Auto-renew off for a subscription (`POST /v1/subscriptions/:id/cancel`): it runs to its period end. */
export const subscriptionCancelOperation = z.object({
  kind: z.literal('subscription.cancel'),
  payload: z.object({ subscriptionId: z.string(), productName: z.string() }),
});

/** A staff member's draft invoice for a customer (`POST /v1/customers/:id/invoices`), offline too. */
export const invoiceCreateOperation = z.object({
  kind: z.literal('invoice.create'),
  payload: z.object({
    localId,
    currency: currencySchema,
    lines: z.array(
      z.object({
        description: z.string(),
        quantity: z.int(),
        unitAmount: z.int(),
        taxRateBps: z.int().optional(),
      }),
    ),
    dueDate: z.string().optional(),
    memo: z.string().optional(),
    autoPay: z.boolean().optional(),
  }),
});

/**
 * A support ticket opened in the console (`POST /v1/tickets`), offline too: "Report a problem" on a
 * payment, invoice or order. The customer is the item's customerRef.
 */
export const ticketOpenOperation = z.object({
  kind: z.literal('ticket.open'),
  payload: z.object({
    localId,
    subject: z.string(),
    message: z.string(),
    about: z.object({ kind: z.enum(['payment', 'invoice', 'order']), id: z.string() }).optional(),
  }),
});

/** A message written on a ticket's thread (`POST /v1/tickets/:id/messages`), offline too. */
export const ticketReplyOperation = z.object({
  kind: z.literal('ticket.reply'),
  payload: z.object({ ticketId: z.string(), message: z.string() }),
});

/** Every operation the outbox sends, in one list: the stored form below is these and one more. */
const operations = [
  customerCreateOperation,
  walletCreateOperation,
  walletCreditOperation,
  walletAdjustOperation,
  paymentCreateOperation,
  orderFulfilOperation,
  subscriptionCancelOperation,
  invoiceCreateOperation,
  ticketOpenOperation,
  ticketReplyOperation,
] as const;

export const outboxOperationSchema = z.discriminatedUnion('kind', operations);
export type OutboxOperation = z.infer<typeof outboxOperationSchema>;
export type OutboxKind = OutboxOperation['kind'];
export type OperationOf<K extends OutboxKind> = Extract<OutboxOperation, { kind: K }>;

/** A stored row this version cannot read: kept (so the user sees and discards it), never sent. */
export const unreadableOperation = z.object({
  kind: z.literal('unreadable'),
  payload: z.object({ storedKind: z.string(), reason: z.string() }),
});

/** What an outbox item carries: an operation, or a stored row that could not be read as one. */
export const storedOperationSchema = z.discriminatedUnion('kind', [...operations, unreadableOperation]);
export type StoredOperation = z.infer<typeof storedOperationSchema>;

/** Kinds earlier versions stored under another name, and the name they read as now. */
export const LEGACY_KINDS: Readonly<Record<string, OutboxKind>> = { 'wallet.top_up': 'wallet.credit' };

/** Reads an operation as stored (its kind column and JSON payload), by this or an earlier version. */
export function readStoredOperation(kind: string, payloadJson: string): StoredOperation {
  const storedKind = kind;
  let payload: unknown;
  try {
    payload = JSON.parse(payloadJson);
  } catch {
    return { kind: 'unreadable', payload: { storedKind, reason: 'its stored payload is not JSON' } };
  }
  const parsed = outboxOperationSchema.safeParse({ kind: LEGACY_KINDS[kind] ?? kind, payload });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.join('.') ?? '';
  return {
    kind: 'unreadable',
    payload: { storedKind, reason: `${where ? `${where}: ` : ''}${issue?.message ?? 'invalid'}` },
  };
}
