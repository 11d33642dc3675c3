import { z } from 'zod';

/** The failure reason the server writes on an order its provisioning never reported in time. */
export const PROVISIONING_TIMEOUT_REASON = 'provisioning timed out';

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
  /**
   * A renewal charged while its order was provisioning, refunded when the order settled: all of it
   * when the order failed (`missing` = `quantity`), else the unprovisioned share. `from`/`to`: the
   * period that renewal paid for.
   */
  z.object({
    kind: z.literal('renewal_refund'),
    order,
    missing: z.int(),
    quantity: z.int(),
    product: text,
    from: day,
    to: day,
  }),
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

/** The fields of a ledger row its wording is read back from. */
interface OlderRow {
  type: string;
  description: string;
  relatedId: string | null;
  reference: string | null;
}

const DAY = String.raw`(\d{4}-\d{2}-\d{2})`;

/**
 * The wording of a row written before rows carried one, read back from the English the server wrote
 * then (the same sentences it writes today as `description`; ledger-wording.test.ts holds the two
 * together). Only the row types and links the server's own rows have are read, so a description a
 * person typed that happens to look alike is left as written: undefined.
 */
export function wordingOfOlderRow(row: OlderRow): LedgerWording | undefined {
  const { type, description: d, relatedId, reference } = row;
  const linked = (prefix: string) => relatedId?.startsWith(`${prefix}_`) === true;
  let m: RegExpExecArray | null;
  switch (type) {
    case 'payment':
      if (linked('ord') && (m = /^Order (\S+): (\d+) × (.+)$/su.exec(d)))
        return { kind: 'order', order: m[1]!, quantity: Number(m[2]), product: m[3]! };
      if (linked('sub') && (m = new RegExp(`^Renewal: (\\d+) × (.+), ${DAY} to ${DAY}$`, 'su').exec(d)))
        return { kind: 'renewal', quantity: Number(m[1]), product: m[2]!, from: m[3]!, to: m[4]! };
      if (linked('inv') && (m = /^Invoice (\S+)$/u.exec(d))) return { kind: 'invoice', invoice: m[1]! };
      return undefined;
    case 'refund':
      if (reference?.startsWith('ORD-')) {
        if ((m = /^Refund: order (\S+) failed(?: \((.*)\))?$/su.exec(d)))
          return { kind: 'order_failed', order: m[1]!, reason: m[2] ?? null };
        if ((m = /^Refund: (\d+) of (\d+) × (.+) not provisioned \((\S+)\)$/su.exec(d)))
          return {
            kind: 'order_unprovisioned',
            order: m[4]!,
            missing: Number(m[1]),
            quantity: Number(m[2]),
            product: m[3]!,
          };
        return undefined;
      }
      if (linked('inv') && (m = /^Refund of void invoice (\S+)$/u.exec(d)))
        return { kind: 'invoice_void_refund', invoice: m[1]! };
      if (reference?.startsWith('rfd_')) {
        if (linked('pay') && (m = /^Refund of top-up (\S+): (.*)$/su.exec(d)))
          return { kind: 'payment_refund', payment: m[1]!, reason: m[2]! };
        if (relatedId === null && (m = /^Payout: (.*)$/su.exec(d))) return { kind: 'payout', reason: m[1]! };
      }
      return undefined;
    case 'top_up':
      if (linked('pay')) {
        if ((m = /^Test top-up via (.+) — no real money$/su.exec(d)))
          return { kind: 'top_up', method: m[1]!, test: true };
        if ((m = /^Top-up via (.+)$/su.exec(d))) return { kind: 'top_up', method: m[1]!, test: false };
        if ((m = /^Bank transfer (.+) matched by staff$/su.exec(d)))
          return { kind: 'bank_transfer_matched', reference: m[1]! };
      }
      if ((linked('pay') || linked('rev')) && (m = /^Bank transfer applied from review by (.+)$/su.exec(d)))
        return { kind: 'bank_transfer_from_review', actor: m[1]! };
      if (linked('inv') && (m = /^Bank transfer for invoice (\S+)(?: \((.*)\))?$/su.exec(d)))
        return { kind: 'invoice_bank_transfer', invoice: m[1]!, reference: m[2] ?? null };
      return undefined;
    case 'adjustment':
      if (
        linked('pay') &&
        reference?.startsWith('rfd_') &&
        (m = /^Refund (\S+) refused by (.+): returned to the wallet$/su.exec(d))
      )
        return { kind: 'refund_refused', refund: m[1]!, provider: m[2] === 'the provider' ? null : m[2]! };
      if (linked('pay') && (m = /^(Dispute|Reversal) of top-up (\S+): (\S+) took the money back$/u.exec(d)))
        return { kind: 'reversal_taken', payment: m[2]!, provider: m[3]!, dispute: m[1] === 'Dispute' };
      if (
        linked('pay') &&
        (m = /^(Dispute|Reversal) of top-up (\S+) resolved in the merchant's favour: restored$/u.exec(d))
      )
        return { kind: 'reversal_restored', payment: m[2]!, dispute: m[1] === 'Dispute' };
      return undefined;
    case 'credit':
      return relatedId === null && d === 'Initial balance' ? { kind: 'initial_balance' } : undefined;
    default:
      return undefined;
  }
}

/** The sentences a wording reads as: a console and the server each word them from their own catalog. */
export const WORDING_SENTENCES = [
  'order',
  'orderFailed',
  'orderFailedBecause',
  'orderFailedTimedOut',
  'orderUnprovisioned',
  'renewal',
  'renewalRefundOrderFailed',
  'renewalRefundUnprovisioned',
  'topUp',
  'testTopUp',
  'invoice',
  'invoiceVoidRefund',
  'invoiceBankTransfer',
  'invoiceBankTransferRef',
  'initialBalance',
  'paymentRefund',
  'payout',
  'refundRefused',
  'refundRefusedBy',
  'reversalTaken',
  'disputeTaken',
  'reversalRestored',
  'disputeRestored',
  'bankTransferMatched',
  'bankTransferFromReview',
] as const;
export type WordingSentence = (typeof WORDING_SENTENCES)[number];

/**
 * Which sentence a wording reads as, and its figures as the wording holds them: `from` and `to` are
 * ISO days and `provider` a provider id, for the reader to write in its language (a day as its
 * locale writes one, a provider by its label).
 */
export function wordingSentence(w: LedgerWording): {
  sentence: WordingSentence;
  values: Record<string, string | number>;
} {
  switch (w.kind) {
    case 'order':
      return { sentence: 'order', values: { order: w.order, quantity: w.quantity, product: w.product } };
    case 'order_failed':
      // The server's own reason is worded in the reader's language; the provisioning system's, as written.
      if (w.reason === PROVISIONING_TIMEOUT_REASON)
        return { sentence: 'orderFailedTimedOut', values: { order: w.order } };
      return w.reason
        ? { sentence: 'orderFailedBecause', values: { order: w.order, reason: w.reason } }
        : { sentence: 'orderFailed', values: { order: w.order } };
    case 'order_unprovisioned':
      return {
        sentence: 'orderUnprovisioned',
        values: { order: w.order, missing: w.missing, quantity: w.quantity, product: w.product },
      };
    case 'renewal':
      return {
        sentence: 'renewal',
        values: { quantity: w.quantity, product: w.product, from: w.from, to: w.to },
      };
    case 'renewal_refund': {
      const { order, missing, quantity, product, from, to } = w;
      return {
        sentence: missing >= quantity ? 'renewalRefundOrderFailed' : 'renewalRefundUnprovisioned',
        values: { order, missing, quantity, product, from, to },
      };
    }
    case 'top_up':
      return { sentence: w.test ? 'testTopUp' : 'topUp', values: { method: w.method } };
    case 'invoice':
      return { sentence: 'invoice', values: { invoice: w.invoice } };
    case 'invoice_void_refund':
      return { sentence: 'invoiceVoidRefund', values: { invoice: w.invoice } };
    case 'invoice_bank_transfer':
      return w.reference
        ? { sentence: 'invoiceBankTransferRef', values: { invoice: w.invoice, reference: w.reference } }
        : { sentence: 'invoiceBankTransfer', values: { invoice: w.invoice } };
    case 'initial_balance':
      return { sentence: 'initialBalance', values: {} };
    case 'payment_refund':
      return { sentence: 'paymentRefund', values: { payment: w.payment, reason: w.reason } };
    case 'payout':
      return { sentence: 'payout', values: { reason: w.reason } };
    case 'refund_refused':
      return w.provider
        ? { sentence: 'refundRefusedBy', values: { refund: w.refund, provider: w.provider } }
        : { sentence: 'refundRefused', values: { refund: w.refund } };
    case 'reversal_taken':
      return {
        sentence: w.dispute ? 'disputeTaken' : 'reversalTaken',
        values: { payment: w.payment, provider: w.provider },
      };
    case 'reversal_restored':
      return { sentence: w.dispute ? 'disputeRestored' : 'reversalRestored', values: { payment: w.payment } };
    case 'bank_transfer_matched':
      return { sentence: 'bankTransferMatched', values: { reference: w.reference } };
    case 'bank_transfer_from_review':
      return { sentence: 'bankTransferFromReview', values: { actor: w.actor } };
  }
}
