import { z } from 'zod';
import { isCurrency, minorUnits, type Currency } from '../../../shared/money.js';
import type { ProviderPaymentSnapshot, ProviderStatus } from '../provider.js';
import { fromPayPalValue } from './amount.js';

/**
 * An Orders v2 order as PayPal returns it (https://developer.paypal.com/docs/api/orders/v2/), only the
 * fields a top-up acts on, and what it means for our payment.
 */

const moneySchema = z.object({ currency_code: z.string(), value: z.string() });

const captureSchema = z.object({
  id: z.string().min(1),
  status: z.string(),
  amount: moneySchema,
});

export const orderSchema = z.object({
  id: z.string().min(1),
  status: z.string(),
  purchase_units: z
    .array(
      z.object({
        reference_id: z.string().optional(),
        custom_id: z.string().optional(),
        amount: moneySchema,
        payee: z.object({ merchant_id: z.string().optional() }).optional(),
        payments: z
          .object({ captures: z.array(captureSchema).optional(), refunds: z.array(captureSchema).optional() })
          .optional(),
      }),
    )
    .min(1),
  payment_source: z
    .object({
      paypal: z
        .object({
          email_address: z.string().optional(),
          attributes: z
            .object({
              vault: z.object({ id: z.string().optional(), status: z.string().optional() }).optional(),
            })
            .optional(),
        })
        .optional(),
    })
    .optional(),
  links: z.array(z.object({ href: z.string(), rel: z.string() })).optional(),
  /** When the order last changed (an approval among others): what tells one approval from the next. */
  update_time: z.string().optional(),
});
export type PayPalOrder = z.infer<typeof orderSchema>;

/** PayPal's snapshots are the shared contract's (savedMethod: the vault id); the name stays for callers. */
export type PayPalPaymentSnapshot = ProviderPaymentSnapshot;

/** Capture statuses that mean PayPal took the money (a later partial refund does not undo the capture). */
const TAKEN = new Set(['COMPLETED', 'PARTIALLY_REFUNDED']);

function currencyOf(code: string): Currency {
  if (!isCurrency(code)) throw new Error(`PayPal answered with an unknown currency "${code}"`);
  return code;
}

function orderStatus(order: PayPalOrder): ProviderStatus {
  const captures = order.purchase_units[0]?.payments?.captures ?? [];
  switch (order.status) {
    case 'COMPLETED':
      if (captures.some((c) => TAKEN.has(c.status))) return 'paid';
      if (captures.some((c) => c.status === 'PENDING')) return 'processing';
      // DECLINED, FAILED, or REFUNDED before we credited: no money stays with the merchant.
      return 'failed';
    case 'VOIDED':
      return 'cancelled';
    case 'APPROVED':
      // Approved but not captured (the capture is attempted before this is read): still moving.
      return 'processing';
    default:
      // CREATED, SAVED, PAYER_ACTION_REQUIRED: the payer has not approved yet.
      return 'pending';
  }
}

/**
 * `recipient`: the payee PayPal names when a merchant id is configured; otherwise the app itself,
 * since PayPal only shows an app the orders it created.
 */
export function orderSnapshot(
  order: PayPalOrder,
  recipient: { merchantId: string } | { app: string },
  override?: { status: ProviderStatus },
): PayPalPaymentSnapshot {
  const unit = order.purchase_units[0]!;
  const currency = currencyOf(unit.amount.currency_code);
  let received = 0;
  for (const capture of unit.payments?.captures ?? []) {
    if (!TAKEN.has(capture.status)) continue;
    if (capture.amount.currency_code !== currency) {
      throw new Error(`PayPal captured ${capture.amount.currency_code} on a ${currency} order`);
    }
    received += fromPayPalValue(capture.amount.value, currency);
  }
  const status = override?.status ?? orderStatus(order);
  const snapshot: PayPalPaymentSnapshot = {
    providerPaymentId: order.id,
    reference: unit.custom_id ?? unit.reference_id ?? null,
    status,
    received: { kind: 'fiat', currency, amount: minorUnits(received) },
    recipient: 'merchantId' in recipient ? (unit.payee?.merchant_id ?? '') : recipient.app,
  };
  const paypal = order.payment_source?.paypal;
  const vault = paypal?.attributes?.vault;
  if (status === 'paid' && vault?.status === 'VAULTED' && vault.id) {
    snapshot.savedMethod = { token: vault.id, label: `PayPal ${paypal?.email_address ?? ''}`.trim() };
  }
  return snapshot;
}
