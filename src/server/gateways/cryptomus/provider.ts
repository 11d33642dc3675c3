import { isCurrency, parseAmount, toDecimalString } from '../../../shared/money.js';
import type {
  CheckoutPresentation,
  CheckoutRequest,
  GatewayEnvironment,
  IncomingWebhook,
  PaymentProvider,
  ProviderPaymentSnapshot,
  WebhookDelivery,
  ReversalSnapshot,
} from '../provider.js';
import { deliveryOf } from '../provider.js';
import { CRYPTOMUS_API_BASE, type CryptomusCredentials } from './credentials.js';
import { invoiceResponseSchema, invoiceSnapshot, type CryptomusInvoice } from './invoice.js';
import { cryptomusBody, signRequestBody, type PlainJson } from './request-body.js';
import { verifyCryptomusWebhook } from './signature.js';

/**
 * Cryptomus invoices: POST /v1/payment opens one (its hosted page lets the payer choose a coin and
 * shows the address and QR code), POST /v1/payment/info reads it. Requests carry the `merchant` uuid
 * and a `sign` of the exact body (request-body.ts). Lifetime: Cryptomus takes 300 s to 12 h.
 */
const MIN_LIFETIME_S = 300;
const MAX_LIFETIME_S = 43_200;

export class CryptomusProvider implements PaymentProvider {
  readonly id = 'cryptomus' as const;
  /**
   * The merchant payments reach. Cryptomus's answers do not name it; an invoice read with this
   * merchant's signed request is this merchant's, which is what the snapshot reports.
   */
  readonly recipient: string;
  private readonly baseUrl: string;

  constructor(
    private readonly credentials: CryptomusCredentials,
    private readonly env: GatewayEnvironment,
  ) {
    this.recipient = credentials.merchantId;
    this.baseUrl = env.apiBaseUrl ?? CRYPTOMUS_API_BASE;
  }

  private async call(path: string, data: { [key: string]: PlainJson }, signal?: AbortSignal) {
    const body = cryptomusBody(data);
    const timeout = AbortSignal.timeout(20_000);
    const response = await fetch(new URL(path, this.baseUrl), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        merchant: this.credentials.merchantId,
        sign: signRequestBody(body, this.credentials.paymentApiKey),
      },
      body,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`Cryptomus ${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
    return invoiceResponseSchema.parse(JSON.parse(text)).result;
  }

  async createCheckout(request: CheckoutRequest, signal?: AbortSignal): Promise<CheckoutPresentation> {
    const seconds = Math.floor((request.expiresAt.getTime() - this.env.now().getTime()) / 1000);
    const lifetime = Math.min(MAX_LIFETIME_S, Math.max(MIN_LIFETIME_S, seconds));
    const invoice: CryptomusInvoice = await this.call(
      '/v1/payment',
      {
        amount: toDecimalString(request.amount, request.currency),
        currency: request.currency,
        // Our payment id: Cryptomus returns the open invoice for a repeated order_id, which makes a
        // retried create land on the same invoice.
        order_id: request.reference,
        url_callback: this.env.webhookUrl,
        url_return: request.cancelUrl,
        url_success: request.returnUrl,
        lifetime,
        additional_data: request.description.slice(0, 255),
      },
      signal,
    );
    return {
      kind: 'redirect',
      providerPaymentId: invoice.uuid,
      url: invoice.url,
      // The invoice's own end, which may differ from the request after Cryptomus's lifetime bounds.
      expiresAt: new Date(invoice.expired_at * 1000).toISOString(),
    };
  }

  async verifyWebhook(webhook: IncomingWebhook): Promise<WebhookDelivery> {
    const verified = verifyCryptomusWebhook(webhook, { apiKey: this.credentials.paymentApiKey });
    return deliveryOf(verified);
  }

  async fetchStatus(
    payment: { providerPaymentId: string; reference: string },
    signal?: AbortSignal,
  ): Promise<ProviderPaymentSnapshot> {
    const invoice = await this.call('/v1/payment/info', { uuid: payment.providerPaymentId }, signal);
    return invoiceSnapshot(invoice, this.recipient);
  }

  /**
   * A paid invoice Cryptomus later refunded to the payer (`refund_paid`, made at Cryptomus): the
   * whole invoice amount went back (invariant 7). Cryptomus refunds whole invoices only.
   */
  async fetchReversal(
    payment: { providerPaymentId: string },
    signal?: AbortSignal,
  ): Promise<ReversalSnapshot> {
    const invoice = await this.call('/v1/payment/info', { uuid: payment.providerPaymentId }, signal);
    if (invoice.status !== 'refund_paid' || !isCurrency(invoice.currency)) {
      return { refunded: 0, reversed: 0, dispute: null };
    }
    const amount = parseAmount(invoice.amount, invoice.currency);
    return { refunded: amount.ok ? amount.value : 0, reversed: 0, dispute: null };
  }
}
