import { z } from 'zod';
import { currencySchema, idSchema, positiveAmountSchema, timestampSchema } from './common.js';
import { paymentProviderSchema } from './payments.js';
import { walletSchema } from './wallets.js';

/**
 * Why a provider refused a refund, as a code a console words in its own language (`failureReason`
 * keeps the provider's or the server's English, for API callers and support): the provider holds no
 * charge of the payment left to refund, the refund is more than it has left, the payment is
 * disputed, the provider does not refund by itself, it is too long since the payment to refund it,
 * the reseller's balance at the provider is too low to refund it, the provider refunds it only in
 * full, it was refunded as many times as the provider allows, or it refused for a reason of its own.
 */
export const refundFailureCodes = [
  'no_charge',
  'more_than_left',
  'disputed',
  'not_supported',
  'too_late',
  'provider_balance_low',
  'full_refund_only',
  'too_many_refunds',
  'refused',
] as const;
export const refundFailureCodeSchema = z.enum(refundFailureCodes);
export type RefundFailureCode = z.infer<typeof refundFailureCodeSchema>;

/**
 * Money sent back out of a wallet: a gateway top-up refunded to its source (the provider refunds
 * it), or a manual payout staff make themselves (crypto and bank transfers, a closed wallet's rest).
 * Amounts are minor units of the wallet's currency.
 */
export const refundSchema = z.object({
  id: idSchema,
  walletId: idSchema,
  customerId: idSchema,
  /** The top-up refunded; null for a manual payout that refunds no one payment. */
  paymentId: idSchema.nullable(),
  provider: paymentProviderSchema.nullable(),
  /** `provider`: the provider was asked to refund; `manual`: staff paid it out to `destination`. */
  method: z.enum(['provider', 'manual']),
  amount: z.int(),
  currency: currencySchema,
  reason: z.string(),
  /**
   * `pending`: the provider has not answered yet, or (with `providerRefundId`) accepted by it but not
   * settled at the card's bank yet (Stripe's `pending`, PayPal's `PENDING`). `failed`: the provider
   * refused, at once or later, and the wallet was credited back (`compensationId`); one whose wallet
   * was closed by then has no compensation, and its money waits in a payment review for staff.
   */
  status: z.enum(['pending', 'succeeded', 'failed']),
  destination: z.string().nullable(),
  reference: z.string().nullable(),
  providerRefundId: z.string().nullable(),
  failureReason: z.string().nullable(),
  /**
   * `failureReason` as a code (refused refunds only; null otherwise). Absent from older servers; a
   * code this release does not know (from a newer server) reads as absent: `failureReason` says it.
   */
  failureCode: refundFailureCodeSchema.nullable().optional().catch(undefined),
  transactionId: idSchema,
  compensationId: idSchema.nullable(),
  /**
   * Pending and held for staff: its provider never answered, may have made it, and can neither be
   * asked again (it could refund twice) nor searched for it, so staff check it with the provider.
   * Not confirmed either way. Absent from older servers (never held there).
   */
  heldForReview: z.boolean().optional(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Refund = z.infer<typeof refundSchema>;

const text = (max: number) => z.string().trim().min(1, { error: 'must not be empty' }).max(max);

/** Where staff sent a manual payout (an address, an IBAN, an account) and its reference (a tx hash, a transfer id). */
const payout = { destination: text(200).optional(), reference: text(200).optional() };

export const createRefundBody = z.strictObject({
  /** Minor units; omitted: everything of the payment still refundable. */
  amount: positiveAmountSchema.optional(),
  reason: text(500),
  ...payout,
});
export type CreateRefundBody = z.infer<typeof createRefundBody>;

export const refundListSchema = z.object({ items: z.array(refundSchema) });

export const closeWalletBody = z.strictObject({
  refund: z.discriminatedUnion('to', [
    /** Newest top-ups first, each to its source; the rest (if any) paid out to `destination`. */
    z.strictObject({ to: z.literal('original'), reason: text(500).optional(), ...payout }),
    z.strictObject({
      to: z.literal('manual'),
      reason: text(500).optional(),
      destination: text(200),
      reference: text(200),
    }),
  ]),
});
export type CloseWalletBody = z.infer<typeof closeWalletBody>;

export const closeWalletResponse = z.object({ wallet: walletSchema, refunds: z.array(refundSchema) });
