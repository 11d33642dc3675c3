import { z } from 'zod';
import { isCurrency, minorUnits } from '../../../shared/money.js';
import type { ProviderPaymentSnapshot, ProviderStatus } from '../provider.js';
import { fromTazapayAmount } from './amount.js';

/**
 * A Tazapay checkout session as POST /v3/checkout and GET /v3/checkout/{id} return it
 * (https://docs.tazapay.com/reference/checkout-object), and what it means for our payment.
 *
 * Two statuses: `payment_status` (unpaid → processing → paid, docs "Checkout" states) says where the
 * money is; `status` says whether the page is still open (`active`) or has `expired`. A paid checkout
 * may well be `expired` too (the docs' own example), so money decides first.
 */
export const checkoutSchema = z.object({
  id: z.string().min(1).max(100),
  invoice_currency: z.string().min(3).max(3),
  /** Two implied decimals whatever the currency (amount.ts). */
  amount: z.int().nonnegative(),
  amount_paid: z.int().nonnegative().nullish(),
  reference_id: z.string().nullish(),
  url: z.string().min(1),
  status: z.string().min(1),
  payment_status: z.string().min(1),
  expires_at: z.string().nullish(),
  payin: z.string().nullish(),
});
export type TazapayCheckout = z.infer<typeof checkoutSchema>;

/** A payin as GET /v3/payin/{id} returns it: only the reference is read (referenceOf). */
export const payinSchema = z.object({ id: z.string().min(1), reference_id: z.string().nullish() });

function statusOf(checkout: TazapayCheckout): ProviderStatus {
  switch (checkout.payment_status) {
    case 'paid':
      return 'paid';
    // Money on its way (a bank transfer): never final until Tazapay calls it paid.
    case 'processing':
      return 'processing';
    default:
      // unpaid (a declined card leaves it so: the payer may try again on the same page). Only the
      // page closing makes it final; an unknown status waits rather than closing too early.
      return checkout.status === 'expired' ? 'expired' : 'pending';
  }
}

export function checkoutSnapshot(checkout: TazapayCheckout, recipient: string): ProviderPaymentSnapshot {
  // Webhook examples spell the currency in lower case; the API answers in capitals.
  const currency = checkout.invoice_currency.toUpperCase();
  if (!isCurrency(currency)) {
    throw new Error(`Tazapay answered with an unknown invoice currency "${checkout.invoice_currency}"`);
  }
  const status = statusOf(checkout);
  // amount_paid is what arrived; a paid checkout without it was paid in full.
  const paid = checkout.amount_paid ?? (status === 'paid' ? checkout.amount : 0);
  return {
    providerPaymentId: checkout.id,
    reference: checkout.reference_id ?? null,
    status,
    received: { kind: 'fiat', currency, amount: minorUnits(fromTazapayAmount(paid, currency)) },
    recipient,
  };
}
