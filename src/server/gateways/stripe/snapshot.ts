import { z } from 'zod';
import { isCurrency, minorUnits, type Currency } from '../../../shared/money.js';
import type { ProviderPaymentSnapshot, ProviderStatus, SavedMethodReport } from '../provider.js';

/**
 * Stripe's answers, read through zod: the SDK types are only a cast of the JSON it received, and
 * what decides a credit must be checked, not assumed. Only the fields we act on are listed.
 */

const expandable = <T extends z.ZodType>(object: T) => z.union([z.string(), object]).nullish();

const paymentMethodSchema = z.object({
  id: z.string().min(1),
  card: z.object({ brand: z.string(), last4: z.string() }).nullish(),
});

export const paymentIntentSchema = z.object({
  id: z.string().regex(/^pi_\w+$/),
  object: z.literal('payment_intent'),
  status: z.string(),
  amount: z.int().min(0),
  /** Minor units Stripe actually collected: the number a credit is measured against. */
  amount_received: z.int().min(0),
  currency: z.string(),
  customer: expandable(z.object({ id: z.string() })),
  payment_method: expandable(paymentMethodSchema),
  metadata: z.record(z.string(), z.string()).nullish(),
  last_payment_error: z
    .object({ code: z.string().nullish(), decline_code: z.string().nullish(), message: z.string().nullish() })
    .nullish(),
});
export type StripePaymentIntent = z.infer<typeof paymentIntentSchema>;

export const checkoutSessionSchema = z.object({
  id: z.string().regex(/^cs_\w+$/),
  object: z.literal('checkout.session'),
  status: z.string().nullable(),
  payment_status: z.string(),
  amount_total: z.int().min(0).nullable(),
  currency: z.string().nullable(),
  client_reference_id: z.string().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  url: z.string().nullish(),
  expires_at: z.int(),
  customer: expandable(z.object({ id: z.string() })),
  payment_intent: expandable(paymentIntentSchema),
});
export type StripeCheckoutSession = z.infer<typeof checkoutSessionSchema>;

/** Stripe's snapshots are the shared contract's (savedMethod included); the name stays for callers. */
export type StripePaymentSnapshot = ProviderPaymentSnapshot;

function currencyOf(code: string | null): Currency {
  const upper = (code ?? '').toUpperCase();
  // A currency outside our list cannot be compared with a payment of ours: not an answer we can use.
  if (!isCurrency(upper)) throw new Error(`Stripe answered with an unknown currency "${code}"`);
  return upper;
}

const idOf = (value: string | { id: string } | null | undefined) =>
  typeof value === 'string' ? value : (value?.id ?? null);

/** Token "<customer id>/<payment method id>": an off-session charge needs both. */
function savedMethodOf(intent: StripePaymentIntent, customer: string | null): SavedMethodReport | undefined {
  const method = intent.payment_method;
  const methodId = idOf(method);
  if (customer === null || methodId === null) return undefined;
  const card = typeof method === 'object' ? method?.card : undefined;
  return {
    token: `${customer}/${methodId}`,
    label: card ? `${card.brand[0]?.toUpperCase() ?? ''}${card.brand.slice(1)} •••• ${card.last4}` : 'Card',
  };
}

/** A PaymentIntent on its own (off-session charges of saved methods). */
export function intentStatus(intent: StripePaymentIntent): ProviderStatus {
  switch (intent.status) {
    case 'succeeded':
      return 'paid';
    case 'processing':
    case 'requires_capture':
      return 'processing';
    case 'canceled':
      return 'cancelled';
    case 'requires_payment_method':
      // Stripe puts a declined attempt back here: with an error it failed; without, nothing was tried.
      return intent.last_payment_error ? 'failed' : 'pending';
    default:
      return 'pending';
  }
}

/**
 * Why Stripe's last attempt at the intent failed, as a short code: the issuer's `decline_code`
 * (insufficient_funds, lost_card, …), else the error's own `code` (expired_card, incorrect_cvc,
 * processing_error, …). Anything but a plain code is not kept.
 */
function declineCodeOf(intent: StripePaymentIntent | null): string | undefined {
  const error = intent?.last_payment_error;
  const code = error?.decline_code ?? error?.code;
  return code && /^[a-z0-9_]{1,64}$/.test(code) ? code : undefined;
}

export function intentSnapshot(intent: StripePaymentIntent, recipient: string): StripePaymentSnapshot {
  const snapshot: StripePaymentSnapshot = {
    providerPaymentId: intent.id,
    reference: intent.metadata?.['reference'] ?? null,
    status: intentStatus(intent),
    received: {
      kind: 'fiat',
      currency: currencyOf(intent.currency),
      amount: minorUnits(intent.amount_received),
    },
    recipient,
  };
  const saved = savedMethodOf(intent, idOf(intent.customer));
  if (saved && snapshot.status === 'paid') snapshot.savedMethod = saved;
  const declineCode = snapshot.status === 'failed' ? declineCodeOf(intent) : undefined;
  if (declineCode) snapshot.declineCode = declineCode;
  return snapshot;
}

function sessionStatus(session: StripeCheckoutSession, intent: StripePaymentIntent | null): ProviderStatus {
  if (session.status === 'expired') return 'expired';
  if (session.status === 'complete') {
    // The one condition for money: Stripe says the session's payment is paid.
    if (session.payment_status === 'paid') return 'paid';
    if (session.payment_status === 'no_payment_required') return 'failed';
    // Complete but unpaid: a delayed method (bank debit) still settling, or it has failed.
    if (intent && ['requires_payment_method', 'canceled'].includes(intent.status)) return 'failed';
    return 'processing';
  }
  // Open: the payer may still pay (a declined card can be retried on the same page).
  if (intent?.status === 'processing') return 'processing';
  return 'pending';
}

export function sessionSnapshot(session: StripeCheckoutSession, recipient: string): StripePaymentSnapshot {
  const intent = typeof session.payment_intent === 'object' ? session.payment_intent : null;
  const status = sessionStatus(session, intent);
  // amount_received is what arrived; a session's total counts only once Stripe calls it paid.
  const received = intent ? intent.amount_received : status === 'paid' ? (session.amount_total ?? 0) : 0;
  const snapshot: StripePaymentSnapshot = {
    providerPaymentId: session.id,
    reference: session.client_reference_id ?? session.metadata?.['reference'] ?? null,
    status,
    received: {
      kind: 'fiat',
      currency: currencyOf(intent?.currency ?? session.currency),
      amount: minorUnits(received),
    },
    recipient,
  };
  const saved = intent ? savedMethodOf(intent, idOf(session.customer) ?? idOf(intent.customer)) : undefined;
  if (saved && status === 'paid') snapshot.savedMethod = saved;
  const declineCode = status === 'failed' ? declineCodeOf(intent) : undefined;
  if (declineCode) snapshot.declineCode = declineCode;
  return snapshot;
}
