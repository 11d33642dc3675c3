import { z } from 'zod';

/**
 * What a ledger row the server wrote itself says, as a kind and its figures, so that a console
 * words it in its own language. `description` says the same in English (API callers, statements,
 * CSV exports); rows a person described (credits, adjustments, API movements) carry no wording.
 *
 * On the wire the wording is checked only for its `kind` (`ledgerWordingWireSchema`): a newer server
 * may write kinds an older console does not know, and those must not stop its sync. The console
 * reads a wording with `ledgerWordingSchema` and falls back to the description when it does not fit.
 */
const order = z.string();
const text = z.string();
const day = z.iso.date();

export const ledgerWordingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('order'), order, quantity: z.int(), product: text }),
  z.object({ kind: z.literal('order_failed'), order, reason: text.nullable() }),
  z.object({
    kind: z.literal('order_unprovisioned'),
    order,
    missing: z.int(),
    quantity: z.int(),
    product: text,
  }),
  z.object({ kind: z.literal('renewal'), quantity: z.int(), product: text, from: day, to: day }),
  /** `method`: the reseller's own label of the payment method. */
  z.object({ kind: z.literal('top_up'), method: text, test: z.boolean() }),
  z.object({ kind: z.literal('invoice'), invoice: text }),
  z.object({ kind: z.literal('invoice_void_refund'), invoice: text }),
  z.object({ kind: z.literal('invoice_bank_transfer'), invoice: text, reference: text.nullable() }),
  z.object({ kind: z.literal('initial_balance') }),
  z.object({ kind: z.literal('payment_refund'), payment: text, reason: text }),
  z.object({ kind: z.literal('payout'), reason: text }),
  z.object({ kind: z.literal('refund_refused'), refund: text, provider: text.nullable() }),
  /** The provider took a top-up's money back (`dispute`: a card dispute, else a reversal). */
  z.object({ kind: z.literal('reversal_taken'), payment: text, provider: text, dispute: z.boolean() }),
  z.object({ kind: z.literal('reversal_restored'), payment: text, dispute: z.boolean() }),
  z.object({ kind: z.literal('bank_transfer_matched'), reference: text }),
  /** `actor`: who applied it, as the audit trail names them. */
  z.object({ kind: z.literal('bank_transfer_from_review'), actor: text }),
]);
export type LedgerWording = z.infer<typeof ledgerWordingSchema>;

export const ledgerWordingWireSchema = z.looseObject({ kind: z.string() });
