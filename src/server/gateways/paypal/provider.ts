import {
  headerValue,
  deliveryOf,
  rejectWebhook,
  type CheckoutPresentation,
  type CheckoutRequest,
  type GatewayEnvironment,
  type IncomingWebhook,
  type PaymentProvider,
  type RefundAnswer,
  type RefundRequest,
  type ReversalSnapshot,
  type SavedMethodCharge,
  type WebhookDelivery,
} from '../provider.js';
import { z } from 'zod';
import { isCurrency } from '../../../shared/money.js';
import type { RefundFailureCode } from '../../../shared/api/refunds.js';
import { fromPayPalValue, toPayPalValue } from './amount.js';
import { fetchPayPalCertificate } from './certificates.js';
import { PayPalApiError, PayPalClient } from './client.js';
import { PAYPAL_API_BASE, type PayPalCredentials } from './credentials.js';
import { orderSchema, orderSnapshot, type PayPalPaymentSnapshot } from './order.js';
import { PAYPAL_HEADERS, verifyPayPalWebhook, type CertificateFetcher } from './signature.js';

/**
 * PayPal Orders v2: create an order (intent CAPTURE) and send the payer to approve it; once approved,
 * capture it. The capture happens in fetchStatus, which the payment service calls after the
 * CHECKOUT.ORDER.APPROVED webhook (and on its schedules) for payments that are still open only — so
 * an order approved after our payment closed is never captured, and the payer is never charged.
 */

const LOOPBACK = new Set(['127.0.0.1', 'localhost']);
/**
 * Capture statuses a refund is asked of. REFUNDED among them: asked again for a refund whose answer
 * was lost, PayPal replays its first answer under the refund's PayPal-Request-Id (a refund not made
 * yet is refused by PayPal itself, CAPTURE_FULLY_REFUNDED), never refused here while PayPal made it.
 */
const TAKEN_STATUSES = new Set(['COMPLETED', 'PARTIALLY_REFUNDED', 'REFUNDED']);
/**
 * A Payments v2 refund (https://developer.paypal.com/docs/api/payments/v2/#refunds_get): COMPLETED,
 * PENDING (status_details.reason says why: ECHECK, the payer's bank has not taken it yet), FAILED
 * or CANCELLED.
 */
const refundSchema = z.object({
  id: z.string().min(1),
  status: z.string(),
  status_details: z.object({ reason: z.string().optional() }).nullish(),
  /** Our refund id, sent with every refund we ask for (absent from older ones and PayPal's own). */
  invoice_id: z.string().optional(),
});
/** A capture as GET /v2/payments/captures/{id} shows it: custom_id is our payment reference. */
const captureSchema = z.object({ id: z.string().min(1), custom_id: z.string().optional() });
/**
 * PayPal's 422 issues declining a vaulted account's charge (https://developer.paypal.com/docs/api/orders/v2/):
 * nothing was taken, and the payment fails with the issue as its decline code. The funding source
 * declined, PayPal needs the absent payer back, or PayPal refused the transaction.
 */
const SAVED_CHARGE_DECLINES = new Set([
  'INSTRUMENT_DECLINED',
  'PAYER_ACTION_REQUIRED',
  'TRANSACTION_REFUSED',
]);
/**
 * PayPal's 422 issues refusing an approved order's capture for good: nothing was taken, and the
 * payment fails at once with the issue as its decline code, rather than wait, open, for its expiry.
 * The funding source declined, or PayPal refused the transaction (final: asking again is refused
 * again). PAYER_ACTION_REQUIRED is not among them: PayPal wants the payer back on the order's page.
 */
const CAPTURE_REFUSALS = new Set(['INSTRUMENT_DECLINED', 'TRANSACTION_REFUSED']);

export class PayPalProvider implements PaymentProvider {
  readonly id = 'paypal' as const;
  /** What every snapshot of this provider names as recipient when the payment reached us. */
  readonly recipient: string;
  /**
   * PayPal-Request-Id is kept 6 hours by default ("The server stores keys for 6 hours", Orders v2
   * create order; up to 72 hours only by arrangement with PayPal): a vaulted account's charge sent
   * again later is charged again.
   */
  readonly savedChargeKeyMs = 6 * 3600_000;
  private readonly client: PayPalClient;
  private readonly emulatorOrigin: string | undefined;

  constructor(
    private readonly credentials: PayPalCredentials,
    env: GatewayEnvironment,
    private readonly fetchCertificate: CertificateFetcher = fetchPayPalCertificate,
  ) {
    this.recipient = credentials.merchantId ?? this.appRecipient;
    const baseUrl = env.apiBaseUrl ?? PAYPAL_API_BASE[credentials.environment];
    const url = new URL(baseUrl);
    // Certificates served over plain http are trusted only from the loopback emulator the API itself
    // is pointed at (tests, the demo), never in production where apiBaseUrl is unset.
    this.emulatorOrigin = url.protocol === 'http:' && LOOPBACK.has(url.hostname) ? url.origin : undefined;
    this.client = new PayPalClient(baseUrl, credentials.clientId, credentials.clientSecret, () => env.now());
  }

  private get appRecipient() {
    return `paypal-app:${this.credentials.clientId}`;
  }

  private snapshotOf(body: unknown, override?: Parameters<typeof orderSnapshot>[2]): PayPalPaymentSnapshot {
    const recipient = this.credentials.merchantId
      ? { merchantId: this.credentials.merchantId }
      : { app: this.appRecipient };
    return orderSnapshot(orderSchema.parse(body), recipient, override);
  }

  async createCheckout(request: CheckoutRequest, signal?: AbortSignal): Promise<CheckoutPresentation> {
    const body = {
      ...captureOrder(request, { description: request.description.slice(0, 127) }),
      payment_source: {
        paypal: {
          experience_context: {
            return_url: request.returnUrl,
            cancel_url: request.cancelUrl,
            user_action: 'PAY_NOW',
            shipping_preference: 'NO_SHIPPING',
          },
          ...(request.saveMethod
            ? { attributes: { vault: { store_in_vault: 'ON_SUCCESS', usage_type: 'MERCHANT' } } }
            : {}),
        },
      },
    };
    const order = orderSchema.parse(
      await this.client.request({
        method: 'POST',
        path: '/v2/checkout/orders',
        body,
        requestId: request.idempotencyKey,
        ...(signal ? { signal } : {}),
      }),
    );
    const approve = order.links?.find((link) => link.rel === 'payer-action' || link.rel === 'approve');
    if (!approve) throw new Error(`PayPal order ${order.id} came without an approval link`);
    // PayPal orders carry no expiry of their own; the payment's expiry bounds them (see above).
    return {
      kind: 'redirect',
      providerPaymentId: order.id,
      url: approve.href,
      expiresAt: request.expiresAt.toISOString(),
    };
  }

  async verifyWebhook(webhook: IncomingWebhook): Promise<WebhookDelivery> {
    const certUrl = headerValue(webhook.headers, PAYPAL_HEADERS.certUrl);
    if (this.emulatorOrigin !== undefined && certUrl !== undefined && URL.canParse(certUrl)) {
      const url = new URL(certUrl);
      if (url.protocol === 'http:' && url.origin !== this.emulatorOrigin) {
        return rejectWebhook(
          'untrusted_certificate',
          `certificate URL is not the emulator's: ${certUrl}`,
        ) as WebhookDelivery;
      }
    }
    const verified = await verifyPayPalWebhook(webhook, {
      webhookId: this.credentials.webhookId,
      fetchCertificate: this.fetchCertificate,
      allowLoopbackEmulator: this.emulatorOrigin !== undefined,
    });
    return deliveryOf(verified);
  }

  async fetchStatus(
    payment: { providerPaymentId: string; reference: string },
    signal?: AbortSignal,
  ): Promise<PayPalPaymentSnapshot> {
    const path = `/v2/checkout/orders/${encodeURIComponent(payment.providerPaymentId)}`;
    const order = orderSchema.parse(
      await this.client.request({ method: 'GET', path, ...(signal ? { signal } : {}) }),
    );
    if (order.status !== 'APPROVED') return this.snapshotOf(order);
    try {
      const captured = await this.client.request({
        method: 'POST',
        path: `${path}/capture`,
        body: {},
        // One capture per approval, however often this runs: PayPal replays the first answer. An
        // approval the payer gave again after PayPal wanted them back (PAYER_ACTION_REQUIRED) updated
        // the order, and is captured under a key of its own, not answered that refusal again.
        requestId: order.update_time ? `capture-${order.id}-${order.update_time}` : `capture-${order.id}`,
        ...(signal ? { signal } : {}),
      });
      return this.snapshotOf(captured);
    } catch (error) {
      if (!(error instanceof PayPalApiError) || error.status !== 422) throw error;
      // Refused at capture (see CAPTURE_REFUSALS): nothing was taken; the payment ends, with
      // PayPal's issue as its decline code.
      if (error.issue && CAPTURE_REFUSALS.has(error.issue))
        return { ...this.snapshotOf(order, { status: 'failed' }), declineCode: error.issue };
      // Captured meanwhile (another process, a retry), or waiting on its payer again: read what
      // PayPal now holds.
      const now = orderSchema.parse(
        await this.client.request({ method: 'GET', path, ...(signal ? { signal } : {}) }),
      );
      if (error.issue !== 'PAYER_ACTION_REQUIRED') return this.snapshotOf(now);
      // PayPal wants the payer back on the order's page (the payment's own, still open): the
      // payment waits, its decline code telling the payer to go back; their next approval is
      // captured then. An order PayPal still reads approved waits on the payer all the same.
      return {
        ...this.snapshotOf(now, now.status === 'APPROVED' ? { status: 'pending' } : undefined),
        declineCode: error.issue,
      };
    }
  }

  /**
   * Refunds (part of) the order's capture: POST /v2/payments/captures/{id}/refund, with our refund
   * id as PayPal-Request-Id so asking again returns the first refund. PayPal's 422s (more than is
   * left, a capture under dispute, too late, …) are refusals, each with the code its issue says.
   */
  async refund(request: RefundRequest, signal?: AbortSignal): Promise<RefundAnswer> {
    const order = await this.order(request.providerPaymentId, signal);
    const capture = order.purchase_units[0]?.payments?.captures?.find((c) => TAKEN_STATUSES.has(c.status));
    if (!capture)
      return {
        outcome: 'refused',
        reason: 'PayPal holds no completed capture for this order',
        code: 'no_charge',
      };
    try {
      const refund = refundSchema.parse(
        await this.client.request({
          method: 'POST',
          path: `/v2/payments/captures/${encodeURIComponent(capture.id)}/refund`,
          body: {
            amount: {
              value: toPayPalValue(request.amount, request.currency),
              currency_code: request.currency,
            },
            custom_id: request.reference,
            // Our refund id, so the refund can be found at PayPal when our answer was lost (findRefund).
            invoice_id: request.refundId,
            note_to_payer: request.reason.slice(0, 255),
          },
          requestId: request.refundId,
          ...(signal ? { signal } : {}),
        }),
      );
      return refundAnswer(refund);
    } catch (error) {
      if (error instanceof PayPalApiError && error.issue === 'DUPLICATE_REFUND') {
        return this.refundMadeBefore(request, signal);
      }
      if (error instanceof PayPalApiError && (error.status === 422 || error.status === 400)) {
        return { outcome: 'refused', reason: error.message, code: paypalRefusalCode(error.issue) };
      }
      throw error;
    }
  }

  /**
   * PayPal refused the refund as DUPLICATE_REFUND: "Requested invoice_id has been previously
   * refunded" (https://developer.paypal.com/api/payments/v2/errors/duplicate_refund). The invoice_id
   * is our refund id, so PayPal made this refund before and its answer was lost (asked again once
   * PayPal forgot the request id). That refund is the answer. Never a refusal: the wallet would be
   * credited back while the payer has the money. Not found under its order (yet), it throws, and the
   * refund stays pending to be asked about again.
   */
  private async refundMadeBefore(request: RefundRequest, signal?: AbortSignal): Promise<RefundAnswer> {
    const made = await this.findRefund(request, signal);
    if (made) return made;
    throw new Error(
      `PayPal says refund ${request.refundId} was made before, but lists no such refund under order ${request.providerPaymentId}`,
    );
  }

  /**
   * A refund as PayPal holds it now (GET /v2/payments/refunds/{id}): one left PENDING reads accepted
   * but not settled, one that FAILED or was CANCELLED since reads refused. Its invoice_id must be our
   * refund id; one asked for before refunds carried it has none, and its id is then the one PayPal
   * answered our own request with, as recorded on our refund.
   */
  async fetchRefund(
    request: { providerRefundId: string; refundId: string },
    signal?: AbortSignal,
  ): Promise<RefundAnswer> {
    const refund = await this.readRefund(request.providerRefundId, signal);
    if (
      refund.id !== request.providerRefundId ||
      (refund.invoice_id ?? request.refundId) !== request.refundId
    ) {
      throw new Error(`PayPal refund ${refund.id} was not made for refund ${request.refundId}`);
    }
    return refundAnswer(refund);
  }

  /**
   * The refund PayPal made under our refund id (its invoice_id), among the order's refunds, looked up
   * without making one; null when PayPal holds none. PayPal keeps a PayPal-Request-Id 6 hours: asked
   * again after that, a refund whose answer was lost would be made a second time.
   */
  async findRefund(
    request: { providerPaymentId: string; refundId: string },
    signal?: AbortSignal,
  ): Promise<RefundAnswer | null> {
    const order = await this.order(request.providerPaymentId, signal);
    for (const { id } of order.purchase_units[0]?.payments?.refunds ?? []) {
      // Read one by one: the order lists its refunds, the refund itself says whose it is.
      const refund = await this.readRefund(id, signal);
      if (refund.invoice_id === request.refundId) return refundAnswer(refund);
    }
    return null;
  }

  private async readRefund(id: string, signal?: AbortSignal) {
    const path = `/v2/payments/refunds/${encodeURIComponent(id)}`;
    return refundSchema.parse(
      await this.client.request({ method: 'GET', path, ...(signal ? { signal } : {}) }),
    );
  }

  /**
   * Our payment reference for a capture an event names without its order (a refund made at PayPal
   * itself: its resource is the refund, which names the capture only), from the capture's custom_id
   * (GET /v2/payments/captures/{id}); null when PayPal holds no such capture.
   */
  async referenceOf(providerObjectId: string, signal?: AbortSignal): Promise<string | null> {
    const path = `/v2/payments/captures/${encodeURIComponent(providerObjectId)}`;
    try {
      const capture = captureSchema.parse(
        await this.client.request({ method: 'GET', path, ...(signal ? { signal } : {}) }),
      );
      return capture.custom_id ?? null;
    } catch (error) {
      if (error instanceof PayPalApiError && error.status === 404) return null;
      throw error;
    }
  }

  /** The order's refunds and reversed captures, as PayPal's order details list them (invariant 7). */
  async fetchReversal(
    payment: { providerPaymentId: string },
    signal?: AbortSignal,
  ): Promise<ReversalSnapshot> {
    const order = await this.order(payment.providerPaymentId, signal);
    const unit = order.purchase_units[0];
    const currency = unit?.amount.currency_code ?? 'USD';
    const minor = (value: string) => (isCurrency(currency) ? fromPayPalValue(value, currency) : 0);
    const refunded = (unit?.payments?.refunds ?? [])
      .filter((r) => r.status === 'COMPLETED' || r.status === 'PENDING')
      .reduce((sum, r) => sum + minor(r.amount.value), 0);
    const reversed = (unit?.payments?.captures ?? [])
      .filter((c) => c.status === 'REVERSED')
      .reduce((sum, c) => sum + minor(c.amount.value), 0);
    return { refunded, reversed, dispute: reversed > 0 ? 'lost' : null };
  }

  private async order(id: string, signal?: AbortSignal) {
    const path = `/v2/checkout/orders/${encodeURIComponent(id)}`;
    return orderSchema.parse(
      await this.client.request({ method: 'GET', path, ...(signal ? { signal } : {}) }),
    );
  }

  /** A vaulted PayPal account, charged without the payer (Orders v2 with payment_source.paypal.vault_id). */
  async chargeSavedMethod(charge: SavedMethodCharge, signal?: AbortSignal): Promise<PayPalPaymentSnapshot> {
    const body = {
      ...captureOrder(charge),
      payment_source: { paypal: { vault_id: charge.methodToken } },
    };
    try {
      const order = await this.client.request({
        method: 'POST',
        path: '/v2/checkout/orders',
        body,
        requestId: charge.idempotencyKey,
        ...(signal ? { signal } : {}),
      });
      return this.snapshotOf(order);
    } catch (error) {
      if (error instanceof PayPalApiError && error.issue && SAVED_CHARGE_DECLINES.has(error.issue)) {
        return {
          providerPaymentId: `declined:${charge.idempotencyKey}`,
          reference: charge.reference,
          status: 'failed',
          received: { kind: 'fiat', currency: charge.currency, amount: 0 as typeof charge.amount },
          recipient: this.recipient,
          declineCode: error.issue,
        };
      }
      throw error;
    }
  }
}

/** An Orders v2 body that captures one purchase unit, named by our payment reference. */
function captureOrder(
  payment: Pick<CheckoutRequest, 'reference' | 'amount' | 'currency'>,
  extra: { description?: string } = {},
) {
  return {
    intent: 'CAPTURE',
    purchase_units: [
      {
        reference_id: payment.reference,
        // custom_id travels into the capture and its webhooks; reference_id stays on the order.
        custom_id: payment.reference,
        ...extra,
        amount: {
          currency_code: payment.currency,
          value: toPayPalValue(payment.amount, payment.currency),
        },
      },
    ],
  };
}

/**
 * A PayPal refund as our answer: COMPLETED is settled; PENDING (and any status PayPal may add) is
 * accepted but not settled, so it stays pending and is re-read; FAILED or CANCELLED is refused, and
 * the wallet gets the money back (at once, or later through finishRefund's late path).
 */
function refundAnswer(refund: z.infer<typeof refundSchema>): RefundAnswer {
  if (refund.status === 'FAILED' || refund.status === 'CANCELLED') {
    const why = refund.status_details?.reason ? ` (${refund.status_details.reason})` : '';
    return {
      outcome: 'refused',
      reason: `PayPal refund ${refund.id} ${refund.status}${why}`,
      code: 'refused',
    };
  }
  return { outcome: 'accepted', providerRefundId: refund.id, settled: refund.status === 'COMPLETED' };
}

/**
 * PayPal's refund errors (the issue of its 422 to POST /v2/payments/captures/{id}/refund:
 * https://developer.paypal.com/docs/api/payments/v2/#captures_refund) as our refund failure codes;
 * TRANSACTION_REFUSED and any other issue are a plain refusal.
 */
export function paypalRefusalCode(issue: string | undefined): RefundFailureCode {
  switch (issue) {
    case 'CAPTURE_FULLY_REFUNDED':
      return 'no_charge';
    case 'REFUND_AMOUNT_EXCEEDED':
      return 'more_than_left';
    case 'CAPTURE_DISPUTED_PARTIAL_REFUND_NOT_ALLOWED':
    case 'REFUND_NOT_PERMITTED_DUE_TO_CHARGEBACK':
      return 'disputed';
    case 'REFUND_TIME_LIMIT_EXCEEDED':
    case 'REFUND_TIME_EXCEEDED_FOR_PAYMENT_SOURCE':
      return 'too_late';
    case 'REFUND_FAILED_INSUFFICIENT_FUNDS':
      return 'provider_balance_low';
    case 'PARTIAL_REFUND_NOT_ALLOWED':
      return 'full_refund_only';
    case 'MAX_NUMBER_OF_REFUNDS_EXCEEDED':
      return 'too_many_refunds';
    default:
      return 'refused';
  }
}
