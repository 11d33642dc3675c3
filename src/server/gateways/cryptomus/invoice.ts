import { z } from 'zod';
import {
  isCurrency,
  minorUnits,
  parseAmount,
  type Currency,
  type MinorUnits,
} from '../../../shared/money.js';
import type { ProviderPaymentSnapshot, ProviderStatus } from '../provider.js';

/**
 * A Cryptomus invoice as POST /v1/payment and /v1/payment/info return it
 * (https://doc.cryptomus.com/payments/creating-invoice, /payments/payment-information), and what it
 * means for our payment. Amounts are decimal strings: `amount` in the invoice currency (our fiat),
 * `payer_amount` what the payer was asked in `payer_currency`, `payment_amount` what actually arrived.
 */

const decimal = z.string().regex(/^\d{1,20}(?:\.\d{1,18})?$/);

export const invoiceSchema = z.object({
  uuid: z.string().min(1),
  order_id: z.string().min(1),
  amount: decimal,
  currency: z.string().min(1),
  payment_amount: decimal.nullish(),
  payer_amount: decimal.nullish(),
  payer_currency: z.string().nullish(),
  status: z.string().min(1),
  is_final: z.boolean(),
  url: z.string(),
  expired_at: z.int(),
  txid: z.string().nullish(),
});
export type CryptomusInvoice = z.infer<typeof invoiceSchema>;

/** Every API answer: {state: 0, result} on success. */
export const invoiceResponseSchema = z.object({ state: z.literal(0), result: invoiceSchema });

function statusOf(invoice: CryptomusInvoice): ProviderStatus {
  switch (invoice.status) {
    // wrong_amount is final with less than asked: reported as paid so the amount check sends it to review.
    case 'paid':
    case 'paid_over':
    case 'wrong_amount':
      return 'paid';
    case 'check':
      return 'pending';
    case 'process':
    case 'confirm_check':
    case 'wrong_amount_waiting':
    case 'locked':
      return 'processing';
    // "cancel": the invoice's lifetime ran out without payment.
    case 'cancel':
      return 'expired';
    default:
      // fail, system_fail, refund_*: no money stays with the merchant. An unknown status waits
      // until Cryptomus calls it final.
      return invoice.is_final ? 'failed' : 'processing';
  }
}

/** "15.00" USD → 1500; refuses what is not a plain decimal within the currency's digits. */
export function fiatMinorUnits(text: string, currency: Currency): MinorUnits {
  const parsed = /^\d+(?:\.\d+)?$/.test(text) ? parseAmount(text, currency) : undefined;
  if (!parsed?.ok) throw new Error(`Cryptomus sent an unreadable ${currency} amount "${text}"`);
  return parsed.value;
}

/** A decimal string as an exact fraction: "1.50" → 150 / 10^2. */
function fraction(text: string): { numerator: bigint; scale: bigint } {
  const [whole = '0', part = ''] = text.split('.');
  return { numerator: BigInt(whole + part), scale: 10n ** BigInt(part.length) };
}

/**
 * The fiat worth of what arrived: the invoice amount × payment_amount / payer_amount, all exact
 * (the payer's coin amount was quoted for the whole invoice), rounded down to a minor unit.
 */
function receivedMinorUnits(invoice: CryptomusInvoice, due: MinorUnits, status: ProviderStatus): number {
  if (invoice.payment_amount && invoice.payer_amount) {
    const paid = fraction(invoice.payment_amount);
    const asked = fraction(invoice.payer_amount);
    if (asked.numerator > 0n) {
      return Number((BigInt(due) * paid.numerator * asked.scale) / (asked.numerator * paid.scale));
    }
  }
  return status === 'paid' && invoice.status !== 'wrong_amount' ? due : 0;
}

export function invoiceSnapshot(invoice: CryptomusInvoice, recipient: string): ProviderPaymentSnapshot {
  if (!isCurrency(invoice.currency)) {
    throw new Error(`Cryptomus answered with an unknown invoice currency "${invoice.currency}"`);
  }
  const currency = invoice.currency;
  const status = statusOf(invoice);
  const due = fiatMinorUnits(invoice.amount, currency);
  return {
    providerPaymentId: invoice.uuid,
    reference: invoice.order_id,
    status,
    received: { kind: 'fiat', currency, amount: minorUnits(receivedMinorUnits(invoice, due, status)) },
    recipient,
  };
}
