/**
 * Tazapay as a payment provider: a hosted checkout through Tazapay's API v3.
 *
 * Sources (public): Tazapay's API reference, https://developer.tazapay.com (Create Checkout Session
 * POST /v3/checkout, Fetch Checkout GET /v3/checkout/{id}, Fetching a payin GET /v3/payin/{id},
 * Checkout webhooks, Webhook Authentication, Webhook Retry Policy) and https://docs.tazapay.com
 * (checkout object and states, decimal currencies); and Tazapay's own open-source WooCommerce
 * plugin, github.com/tazapay/woocommerce-plugin (includes/tazapay-apis.php: Basic auth, the
 * Idempotency-Key on create, the live and sandbox hosts, re-fetching the checkout and checking its
 * reference_id and currency before trusting a webhook).
 *
 * Flow: createCheckout opens a checkout session for our payment (reference_id = our payment id,
 * webhook_url = this reseller's webhook route) and sends the payer to its `url`. Tazapay's signed
 * webhook (signature.ts) is only a hint: the payment service then asks GET /v3/checkout/{id}
 * (fetchStatus) and credits on that answer alone (invariant 3).
 *
 * Not built: refunds (POST /v3/refund exists, but Tazapay documents no idempotency key for it, so a
 * retried refund could pay out twice; a Tazapay top-up is refunded by a manual payout staff record).
 */
import { resellerFetchOf } from '../../outbound/guarded-fetch.js';
import {
  deliveryOf,
  type CheckoutPresentation,
  type CheckoutRequest,
  type GatewayEnvironment,
  type IncomingWebhook,
  type PaymentProvider,
  type ProviderPaymentSnapshot,
  type WebhookDelivery,
} from '../provider.js';
import { toTazapayAmount } from './amount.js';
import { checkoutSchema, checkoutSnapshot, payinSchema } from './checkout.js';
import { TazapayClient } from './client.js';
import { TAZAPAY_API_BASE, type TazapayCredentials } from './credentials.js';
import { tazapayInstant, verifyTazapayWebhook } from './signature.js';

/** transaction_description is shown on Tazapay's page; its reference states no limit, so ours is kept short. */
const MAX_DESCRIPTION = 255;

export class TazapayProvider implements PaymentProvider {
  readonly id = 'tazapay' as const;
  /**
   * Tazapay's answers do not name the merchant account; a checkout read with this account's API key
   * is this account's, which is what every snapshot reports (as PayPal's app recipient does).
   */
  readonly recipient: string;
  private readonly client: TazapayClient;

  constructor(
    private readonly credentials: TazapayCredentials,
    private readonly env: GatewayEnvironment,
  ) {
    this.recipient = `tazapay-key:${credentials.apiKey}`;
    const baseUrl = env.apiBaseUrl ?? TAZAPAY_API_BASE[credentials.environment];
    // Tazapay's own hosts through the outbound guard (https, public addresses, deadline, size cap);
    // the operator's loopback emulator (tests, the demo) with plain fetch, as every provider does.
    const http = env.apiBaseUrl ? fetch : resellerFetchOf(env);
    this.client = new TazapayClient(baseUrl, credentials.apiKey, credentials.apiSecret, http);
  }

  async createCheckout(request: CheckoutRequest, signal?: AbortSignal): Promise<CheckoutPresentation> {
    if (!request.payer) throw new Error('a Tazapay checkout needs the payer’s name and email');
    const body = {
      invoice_currency: request.currency,
      amount: toTazapayAmount(request.amount, request.currency),
      customer_details: {
        name: request.payer.name,
        email: request.payer.email,
        country: this.credentials.customerCountry,
      },
      success_url: request.returnUrl,
      cancel_url: request.cancelUrl,
      webhook_url: this.env.webhookUrl,
      transaction_description: request.description.slice(0, MAX_DESCRIPTION),
      // Our payment id: every checkout answer and event carries it back.
      reference_id: request.reference,
      expires_at: request.expiresAt.toISOString(),
    };
    const checkout = checkoutSchema.parse(
      await this.client.request({
        method: 'POST',
        path: '/v3/checkout',
        body,
        idempotencyKey: request.idempotencyKey,
        ...(signal ? { signal } : {}),
      }),
    );
    if (checkout.reference_id !== request.reference) {
      throw new Error(
        `Tazapay opened checkout ${checkout.id} for "${checkout.reference_id}", not ${request.reference}`,
      );
    }
    const expiresAt = checkout.expires_at ? tazapayInstant(checkout.expires_at) : null;
    return {
      kind: 'redirect',
      providerPaymentId: checkout.id,
      url: checkout.url,
      // The checkout's own end, as Tazapay set it.
      expiresAt: new Date(expiresAt ?? request.expiresAt.getTime()).toISOString(),
    };
  }

  async verifyWebhook(webhook: IncomingWebhook): Promise<WebhookDelivery> {
    return deliveryOf(verifyTazapayWebhook(webhook, { secret: this.credentials.webhookSecret }));
  }

  async fetchStatus(
    payment: { providerPaymentId: string; reference: string },
    signal?: AbortSignal,
  ): Promise<ProviderPaymentSnapshot> {
    const checkout = checkoutSchema.parse(
      await this.client.request({
        method: 'GET',
        path: `/v3/checkout/${encodeURIComponent(payment.providerPaymentId)}`,
        ...(signal ? { signal } : {}),
      }),
    );
    return checkoutSnapshot(checkout, this.recipient);
  }

  /** Payment attempt and payin events name the payin (pay_…): Tazapay's payin says whose it is. */
  async referenceOf(payinId: string, signal?: AbortSignal): Promise<string | null> {
    const payin = payinSchema.parse(
      await this.client.request({
        method: 'GET',
        path: `/v3/payin/${encodeURIComponent(payinId)}`,
        ...(signal ? { signal } : {}),
      }),
    );
    return payin.reference_id ?? null;
  }
}
