import Stripe from 'stripe';
import { z } from 'zod';
import { CURRENCY_DIGITS } from '../../../shared/money.js';
import type {
  CheckoutPresentation,
  CheckoutRequest,
  GatewayEnvironment,
  IncomingWebhook,
  PaymentProvider,
  SavedMethodCharge,
  WebhookDelivery,
} from '../provider.js';
import { deliveryOf } from '../provider.js';
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
    const session = await this.stripe.checkout.sessions.create(
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
    );
    const parsed = checkoutSessionSchema.parse(session);
    if (!parsed.url) throw new Error('Stripe created a Checkout Session without a hosted page URL');
    return {
      kind: 'redirect',
      providerPaymentId: parsed.id,
      url: parsed.url,
      expiresAt: new Date(parsed.expires_at * 1000).toISOString(),
    };
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
      throw error;
    }
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
