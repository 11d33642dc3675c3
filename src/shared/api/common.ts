import { z } from 'zod';
import { CURRENCIES, MAX_AMOUNT, type Currency } from '../money.js';

export const currencySchema = z.enum(CURRENCIES as [Currency, ...Currency[]], {
  error: (issue) =>
    `unknown currency ${JSON.stringify(issue.input)}: expected an ISO 4217 code from the allow-list (${CURRENCIES.join(', ')})`,
});

/** A positive amount in minor units (1000 = 10.00 USD). */
export const positiveAmountSchema = z
  .int({ error: 'must be an integer count of minor units' })
  .min(1, { error: 'must be greater than zero' })
  .max(MAX_AMOUNT, { error: `must be at most ${MAX_AMOUNT} minor units` });

/** A signed, non-zero amount in minor units, for adjustments. */
export const signedAmountSchema = z
  .int({ error: 'must be an integer count of minor units' })
  .min(-MAX_AMOUNT, { error: `must be at least -${MAX_AMOUNT} minor units` })
  .max(MAX_AMOUNT, { error: `must be at most ${MAX_AMOUNT} minor units` })
  .refine((n) => n !== 0, { error: 'must not be zero' });

/**
 * An email address a request must carry. Absent or blank it is missing ("is required", reason
 * `field_required`), not a malformed address ("must be an email address", `field_not_email`): a
 * person who left the field empty is told to fill it in, not that what they typed is wrong.
 * An optional address keeps the plain schema: there, a blank one is not "required".
 */
export const requiredEmailSchema = z.email({
  error: (issue) =>
    issue.input === undefined || (typeof issue.input === 'string' && issue.input.trim() === '')
      ? 'is required'
      : 'must be an email address',
});

export const idSchema = z.string().min(1).max(64);
export const timestampSchema = z.string().describe('ISO 8601 UTC timestamp');
export const limitSchema = z.coerce
  .number()
  .int({ error: 'must be an integer' })
  .min(1, { error: 'must be at least 1' })
  .max(500, { error: 'must be at most 500' })
  .default(50);
export const cursorSchema = z.string().max(200).optional();

export const errorCodes = [
  'validation',
  'invalid_json',
  'payload_too_large',
  'unsupported_media_type',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'insufficient_funds',
  'wallet_closed',
  'balance_limit',
  'hold_not_pending',
  'not_refundable',
  'refund_exceeds_payment',
  'idempotency_key_missing',
  'idempotency_key_reused',
  /** A staff movement (merchant credit, adjustment) above the reseller's maximum per movement. */
  'movement_limit',
  /** A top-up outside the reseller's minimum/maximum for the currency. */
  'top_up_limit',
  /** The payment method is not enabled (or not configured) for this reseller. */
  'method_unavailable',
  /** A payment that is no longer `new` cannot be cancelled, and so on. */
  'payment_not_open',
  /** Gateway credentials cannot be stored: no CREDENTIALS_KEY configured. */
  'credentials_key_missing',
  /**
   * The payment gateway, or the chain, bank feed or rate source a check needs, failed or did not
   * answer; nothing was charged. A checkout that could not open ends its payment (`failed` when the
   * gateway did not answer, `cancelled` when a live coin rate was missing or too old); a verification
   * changes nothing.
   */
  'gateway_unavailable',
  /**
   * The change feed was compacted past this cursor (entries it never saw were folded away): sync
   * again from cursor 0, keeping queued writes.
   */
  'cursor_expired',
  /** The wallet is on hold after a reversed payment left it owing money: no new spending. */
  'wallet_on_hold',
  /** The payment cannot be refunded (not paid, or nothing of it is left to refund). */
  'payment_not_refundable',
  /**
   * The provider refused the refund; the wallet was credited back. One that failed later, after its
   * wallet was closed (asked again under its key), was not: its money waits in a payment review, and
   * the refusal's reason says so (`refund_refused_review`).
   */
  'refund_refused',
  /** Something still depends on the wallet (a hold, a subscription): it cannot be closed yet. */
  'wallet_in_use',
  /** The wallet still holds money: closing it needs a `refund` instruction saying where it goes. */
  'refund_required',
  /**
   * A payment review of a refund held for staff (its provider never answered, and it could be
   * neither looked up nor asked again) is resolved only saying what staff found at the provider:
   * `refund` "made" or "not_made" (POST /v1/payment-reviews/:id/resolve).
   */
  'refund_outcome_required',
  /**
   * The invoice is Processing: a checkout opened for it is being confirmed by its provider (coins
   * awaiting confirmations), so it takes no other payment until that one ends. A void refused so
   * says it with its own reasons (`invoice_void_processing`, `invoice_void_payment_held`).
   */
  'invoice_processing',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/**
 * A refusal's particulars as data, for a client to word in its person's language (`message` is the
 * server's English). `key` names the wording; amounts are minor units beside their `currency`.
 */
export const refusalReasonSchema = z.object({
  key: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type RefusalReason = z.infer<typeof refusalReasonSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
    reason: refusalReasonSchema.optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** For actions that take no parameters: no body, `null`, or `{}` — and nothing else. */
export const emptyBodySchema = z.strictObject({}).nullish();
