import Stripe from 'stripe';
import { z } from 'zod';
import type { RefundFailureCode } from '../../../shared/api/refunds.js';
import { CURRENCY_DIGITS } from '../../../shared/money.js';
import type {
  CheckoutPresentation,
  CheckoutRequest,
  GatewayEnvironment,
  IncomingWebhook,
  PaymentProvider,
  RefundAnswer,
  RefundRequest,
  ReversalSnapshot,
  SavedMethodCharge,
  WebhookDelivery,
} from '../provider.js';
import { deliveryOf, IdempotencyKeyInUse } from '../provider.js';
import type { StripeCredentials } from './credentials.js';
import { verifyStripeWebhook } from './signature.js';
import {
  checkoutSessionSchema,
  intentSnapshot,
  paymentIntentSchema,
  sessionSnapshot,
  type StripePaymentSnapshot,
} from './snapshot.js';

/**
 * Stripe through its official SDK (Checkout Sessions, PaymentIntents). Every call the SDK makes goes
 * to `env.apiBaseUrl` when it is set (the loopback emulator), else to api.stripe.com.
 */
export function stripeClient(secretKey: string, env: Pick<GatewayEnvironment, 'apiBaseUrl'>): Stripe {
  const config: Stripe.StripeConfig = {
    // Telemetry headers describe our earlier requests to Stripe; nothing we need to send.
    telemetry: false,
    // POSTs carry our idempotency key, so the SDK's retries never create a second object.
    maxNetworkRetries: 2,
    timeout: 20_000,
  };
  if (env.apiBaseUrl !== undefined) {
    const url = new URL(env.apiBaseUrl);
    const protocol = url.protocol === 'http:' ? 'http' : 'https';
    config.protocol = protocol;
    config.host = url.hostname;
    config.port = url.port === '' ? (protocol === 'http' ? 80 : 443) : Number(url.port);
  }
  return new Stripe(secretKey, config);
}

const accountSchema = z.object({ id: z.string().regex(/^acct_\w+$/) });
const refundSchema = z.object({
  id: z.string().regex(/^re_\w+$/),
  object: z.literal('refund'),
  amount: z.int().min(0),
  status: z.string().nullable(),
  failure_reason: z.string().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
});
const disputeSchema = z.object({
  id: z.string().regex(/^dp_\w+$/),
  object: z.literal('dispute'),
  amount: z.int().min(0),
  status: z.string(),
  created: z.int(),
});

/** Stripe's smallest chargeable unit for three-decimal currencies is 10 (the last digit must be 0). */
function checkChargeable(amount: number, currency: keyof typeof CURRENCY_DIGITS) {
  if (CURRENCY_DIGITS[currency] === 3 && amount % 10 !== 0) {
    throw new RangeError(`Stripe charges ${currency} in multiples of 10 minor units; got ${amount}`);
  }
}

/**
 * Stripe accepts a Checkout Session expiry between 30 minutes and 24 hours after creation
 * (https://docs.stripe.com/api/checkout/sessions/create#create_checkout_session-expires_at). A
 * shorter payment is lengthened to Stripe's minimum, and the presentation reports the session's real
 * expiry, so the payment never closes while its checkout can still take money.
 */
export function sessionExpiry(requested: Date, now: Date): number {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const earliest = nowSeconds + 30 * 60 + 60; // a minute's margin for clock skew and latency
  const latest = nowSeconds + 24 * 3600 - 60;
  return Math.min(latest, Math.max(earliest, Math.floor(requested.getTime() / 1000)));
}

export class StripeProvider implements PaymentProvider {
  readonly id = 'stripe' as const;
  /** The account payments must reach: the expected recipient of every payment this provider makes. */
  readonly recipient: string;
  private readonly stripe: Stripe;
  private keyAccount: Promise<string> | undefined;

  constructor(
    private readonly credentials: StripeCredentials,
    private readonly env: GatewayEnvironment,
  ) {
    this.recipient = credentials.accountId;
    this.stripe = stripeClient(credentials.secretKey, env);
  }

  async createCheckout(request: CheckoutRequest, signal?: AbortSignal): Promise<CheckoutPresentation> {
    signal?.throwIfAborted();
    checkChargeable(request.amount, request.currency);
    const session = await this.stripe.checkout.sessions
      .create(
        {
          mode: 'payment',
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: request.currency.toLowerCase(),
                unit_amount: request.amount,
                product_data: { name: request.description },
              },
            },
          ],
          client_reference_id: request.reference,
          metadata: { reference: request.reference },
          // Intents carry the reference too, so their own events and off-session lookups lead back.
          payment_intent_data: {
            metadata: { reference: request.reference },
            ...(request.saveMethod ? { setup_future_usage: 'off_session' as const } : {}),
          },
          // A saved card belongs to a customer: without one there is nothing to charge later.
          ...(request.saveMethod ? { customer_creation: 'always' as const } : {}),
          expires_at: sessionExpiry(request.expiresAt, this.env.now()),
          success_url: request.returnUrl,
          cancel_url: request.cancelUrl,
        },
        { idempotencyKey: request.idempotencyKey },
      )
      .catch(rethrowKeyInUse);
    const parsed = checkoutSessionSchema.parse(session);
    if (!parsed.url) throw new Error('Stripe created a Checkout Session without a hosted page URL');
    return {
      kind: 'redirect',
      providerPaymentId: parsed.id,
      url: parsed.url,
      expiresAt: new Date(parsed.expires_at * 1000).toISOString(),
    };
  }

  /** POST /v1/checkout/sessions/:id/expire: an open session's payer can no longer pay it. */
  async expireCheckout(providerPaymentId: string, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    await this.stripe.checkout.sessions.expire(providerPaymentId);
  }

  async verifyWebhook(webhook: IncomingWebhook): Promise<WebhookDelivery> {
    const secrets = [this.credentials.webhookSecret, this.credentials.previousWebhookSecret].filter(
      (secret): secret is string => secret !== undefined,
    );
    const verified = verifyStripeWebhook(webhook, { secrets });
    return deliveryOf(verified);
  }

  async fetchStatus(
    payment: { providerPaymentId: string; reference: string },
    signal?: AbortSignal,
  ): Promise<StripePaymentSnapshot> {
    signal?.throwIfAborted();
    const recipient = await this.accountOfKey();
    if (payment.providerPaymentId.startsWith('pi_')) {
      const intent = await this.stripe.paymentIntents.retrieve(payment.providerPaymentId, {
        expand: ['payment_method'],
      });
      return intentSnapshot(paymentIntentSchema.parse(intent), recipient);
    }
    const session = await this.stripe.checkout.sessions.retrieve(payment.providerPaymentId, {
      expand: ['payment_intent', 'payment_intent.payment_method'],
    });
    return sessionSnapshot(checkoutSessionSchema.parse(session), recipient);
  }

  async chargeSavedMethod(charge: SavedMethodCharge, signal?: AbortSignal): Promise<StripePaymentSnapshot> {
    signal?.throwIfAborted();
    checkChargeable(charge.amount, charge.currency);
    const [customer, paymentMethod, ...rest] = charge.methodToken.split('/');
    if (!customer?.startsWith('cus_') || !paymentMethod?.startsWith('pm_') || rest.length > 0) {
      throw new Error('not a Stripe saved-method token ("cus_…/pm_…")');
    }
    const recipient = await this.accountOfKey();
    try {
      const intent = await this.stripe.paymentIntents.create(
        {
          amount: charge.amount,
          currency: charge.currency.toLowerCase(),
          customer,
          payment_method: paymentMethod,
          // The payer is not present: Stripe must not ask for authentication it cannot get.
          off_session: true,
          confirm: true,
          metadata: { reference: charge.reference },
        },
        { idempotencyKey: charge.idempotencyKey },
      );
      return intentSnapshot(paymentIntentSchema.parse(intent), recipient);
    } catch (error) {
      // A decline (or a card that needs the absent payer) is an answer about this payment, not a
      // fault: Stripe returns the failed intent with the error.
      if (error instanceof Stripe.errors.StripeError && error.payment_intent) {
        return intentSnapshot(paymentIntentSchema.parse(error.payment_intent), recipient);
      }
      return rethrowKeyInUse(error);
    }
  }

  /**
   * The off-session PaymentIntent carrying our reference among the customer's intents created since
   * the charge started (a minute's margin for clocks), or null: Stripe made no charge for it. Listed,
   * not searched: Stripe's search index trails its writes, a list does not.
   */
  async findSavedMethodCharge(
    charge: { reference: string; methodToken: string; since: Date },
    signal?: AbortSignal,
  ): Promise<StripePaymentSnapshot | null> {
    signal?.throwIfAborted();
    const [customer] = charge.methodToken.split('/');
    if (!customer?.startsWith('cus_')) throw new Error('not a Stripe saved-method token ("cus_…/pm_…")');
    const recipient = await this.accountOfKey();
    const since = Math.floor(charge.since.getTime() / 1000) - 60;
    for await (const listed of this.stripe.paymentIntents.list({
      customer,
      created: { gte: since },
      limit: 100,
    })) {
      signal?.throwIfAborted();
      const intent = paymentIntentSchema.parse(listed);
      if (intent.metadata?.['reference'] === charge.reference) return intentSnapshot(intent, recipient);
    }
    return null;
  }

  /**
   * A refund of the payment's PaymentIntent (POST /v1/refunds), under our refund id as Stripe's
   * idempotency key. Stripe's refusals (4xx: more than is left, a disputed charge) are answers.
   */
  async refund(request: RefundRequest, signal?: AbortSignal): Promise<RefundAnswer> {
    signal?.throwIfAborted();
    const intent = await this.intentOf(request.providerPaymentId);
    if (intent === null)
      return { outcome: 'refused', reason: 'Stripe holds no charge for this payment', code: 'no_charge' };
    try {
      const refund = refundSchema.parse(
        await this.stripe.refunds.create(
          {
            payment_intent: intent,
            amount: request.amount,
            reason: 'requested_by_customer',
            metadata: { reference: request.reference, refund: request.refundId },
          },
          { idempotencyKey: request.refundId },
        ),
      );
      return refundAnswer(refund);
    } catch (error) {
      // 409: another request under this refund's key is still at Stripe (idempotency_key_in_use),
      // which may well be refunding the card: no answer, never a refusal that credits the wallet back.
      if (
        error instanceof Stripe.errors.StripeError &&
        error.statusCode !== undefined &&
        error.statusCode >= 400 &&
        error.statusCode < 500 &&
        error.statusCode !== 409 &&
        error.statusCode !== 429 &&
        error.statusCode !== 401
      ) {
        return {
          outcome: 'refused',
          reason: `Stripe: ${error.code ?? error.type}: ${error.message}`,
          code: stripeRefusalCode(error.code),
        };
      }
      return rethrowKeyInUse(error);
    }
  }

  /**
   * A refund of ours as Stripe holds it now (GET /v1/refunds/:id): one it accepted that failed later
   * at the card's bank reads refused, with the code of its failure_reason.
   */
  async fetchRefund(
    request: { providerRefundId: string; refundId: string },
    signal?: AbortSignal,
  ): Promise<RefundAnswer> {
    signal?.throwIfAborted();
    const refund = refundSchema.parse(await this.stripe.refunds.retrieve(request.providerRefundId));
    if (refund.metadata?.['refund'] !== request.refundId) {
      throw new Error(`Stripe refund ${refund.id} was not made for refund ${request.refundId}`);
    }
    return refundAnswer(refund);
  }

  /**
   * The refund Stripe made under our refund id, found among its PaymentIntent's refunds by the
   * metadata every refund of ours carries; null when Stripe holds none (GET /v1/refunds).
   */
  async findRefund(
    request: { providerPaymentId: string; refundId: string },
    signal?: AbortSignal,
  ): Promise<RefundAnswer | null> {
    signal?.throwIfAborted();
    const intent = await this.intentOf(request.providerPaymentId);
    if (intent === null) return null;
    // Every page (starting_after while has_more): ours may be behind a hundred newer refunds, and
    // missing it here would make it a second time.
    for await (const listed of this.stripe.refunds.list({ payment_intent: intent, limit: 100 })) {
      const refund = refundSchema.parse(listed);
      if (refund.metadata?.['refund'] === request.refundId) return refundAnswer(refund);
    }
    return null;
  }

  /** Refunds and disputes of the payment's PaymentIntent, as Stripe lists them (invariant 7). */
  async fetchReversal(
    payment: { providerPaymentId: string },
    signal?: AbortSignal,
  ): Promise<ReversalSnapshot> {
    signal?.throwIfAborted();
    const intent = await this.intentOf(payment.providerPaymentId);
    if (intent === null) return { refunded: 0, reversed: 0, dispute: null };
    // Every page of each (starting_after while has_more): totals over one page would miss some.
    const refunds = z
      .array(refundSchema)
      .parse(
        await this.stripe.refunds
          .list({ payment_intent: intent, limit: 100 })
          .autoPagingToArray({ limit: 10_000 }),
      );
    const disputes = z
      .array(disputeSchema)
      .parse(
        await this.stripe.disputes
          .list({ payment_intent: intent, limit: 100 })
          .autoPagingToArray({ limit: 10_000 }),
      );
    const refunded = refunds
      .filter((r) => r.status === 'succeeded' || r.status === 'pending')
      .reduce((sum, r) => sum + r.amount, 0);
    // Funds stay withdrawn while a dispute is open or lost; a won dispute gave them back.
    const standing = disputes.filter((d) => d.status !== 'won' && d.status !== 'warning_closed');
    const newest = [...disputes].sort((a, b) => b.created - a.created)[0];
    return {
      refunded,
      reversed: standing.reduce((sum, d) => sum + d.amount, 0),
      dispute: newest ? (newest.status === 'won' ? 'won' : newest.status === 'lost' ? 'lost' : 'open') : null,
    };
  }

  /** Our reference on a PaymentIntent (its metadata), for events that name the intent only. */
  async referenceOf(providerObjectId: string, signal?: AbortSignal): Promise<string | null> {
    signal?.throwIfAborted();
    if (!providerObjectId.startsWith('pi_')) return null;
    const intent = paymentIntentSchema.parse(await this.stripe.paymentIntents.retrieve(providerObjectId));
    return intent.metadata?.['reference'] ?? null;
  }

  /** The PaymentIntent behind a payment's Stripe id (its own, or its Checkout Session's). */
  private async intentOf(providerPaymentId: string): Promise<string | null> {
    if (providerPaymentId.startsWith('pi_')) return providerPaymentId;
    const session = checkoutSessionSchema.parse(
      await this.stripe.checkout.sessions.retrieve(providerPaymentId),
    );
    const intent = session.payment_intent;
    return typeof intent === 'string' ? intent : (intent?.id ?? null);
  }

  /** The account the secret key authenticates as, asked once per provider instance. */
  private accountOfKey(): Promise<string> {
    this.keyAccount ??= this.stripe.accounts.retrieveCurrent().then(
      (account) => accountSchema.parse(account).id,
      (error: unknown) => {
        this.keyAccount = undefined;
        throw error;
      },
    );
    return this.keyAccount;
  }
}

/**
 * Stripe's refusal of a request because another one under the same idempotency key is still being
 * processed (409 `idempotency_key_in_use`; the SDK retried it and gave up) as IdempotencyKeyInUse:
 * no answer about what was asked, which that other request may be doing. Other errors as they are.
 */
function rethrowKeyInUse(error: unknown): never {
  if (error instanceof Stripe.errors.StripeError && error.code === 'idempotency_key_in_use') {
    throw new IdempotencyKeyInUse(`stripe: ${error.message}`);
  }
  throw error;
}

/**
 * Stripe's error codes refusing POST /v1/refunds (https://docs.stripe.com/error-codes) as our refund
 * failure codes, worded as PayPal's are (paypal/provider.ts paypalRefusalCode). Any other code
 * (charge_not_refundable, whose reason Stripe does not say, among them) is a plain refusal.
 */
function stripeRefusalCode(code: string | undefined): RefundFailureCode {
  switch (code) {
    case 'charge_already_refunded':
      return 'no_charge';
    case 'amount_too_large':
      return 'more_than_left';
    case 'charge_disputed':
    case 'refund_disputed_payment':
      return 'disputed';
    // The reseller's Stripe balance cannot cover the refund (where Stripe refuses instead of waiting).
    case 'balance_insufficient':
      return 'provider_balance_low';
    default:
      return 'refused';
  }
}

/** A Stripe refund as our answer: failed or canceled (at once or later) is refused, with its code. */
function refundAnswer(refund: z.infer<typeof refundSchema>): RefundAnswer {
  if (refund.status === 'failed' || refund.status === 'canceled') {
    const why = refund.failure_reason ? `: ${refund.failure_reason}` : '';
    return {
      outcome: 'refused',
      reason: `Stripe refund ${refund.id} ${refund.status}${why}`,
      code: stripeFailedRefundCode(refund.failure_reason),
    };
  }
  return { outcome: 'accepted', providerRefundId: refund.id, settled: refund.status === 'succeeded' };
}

/**
 * A refund Stripe created already failed, or that failed later, by its failure_reason
 * (https://docs.stripe.com/api/refunds/object#refund_object-failure_reason): the Stripe balance could
 * not cover it, or the charge was disputed meanwhile. Any other (a card lost or closed, declined,
 * unknown) is a plain refusal.
 */
function stripeFailedRefundCode(failureReason: string | null | undefined): RefundFailureCode {
  switch (failureReason) {
    case 'insufficient_funds':
      return 'provider_balance_low';
    case 'charge_for_pending_refund_disputed':
      return 'disputed';
    default:
      return 'refused';
  }
}
