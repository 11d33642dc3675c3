import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { auditListSchema } from '../../shared/api/audit.js';
import { bankLineApplicationSchema, type ApplyBankLine } from '../../shared/api/bank-lines.js';
import {
  createUserResponse,
  loginResponse,
  meResponse,
  resetPasswordResponse,
  userSchema,
  type createUserBody,
  type UpdateUser,
} from '../../shared/api/auth.js';
import { errorBodySchema, type RefusalReason } from '../../shared/api/common.js';
import {
  webhookDeliveryListSchema,
  webhookDeliverySchema,
  webhookEndpointListSchema,
  webhookEndpointSchema,
  webhookEndpointWithSecretSchema,
  type createWebhookEndpointBody,
  type UpdateWebhookEndpoint,
} from '../../shared/api/webhooks.js';
import {
  customerSchema,
  type createCustomerBody,
  type updateCustomerBody,
} from '../../shared/api/customers.js';
import { myLanguageResponse, type Language } from '../../shared/api/language.js';
import {
  payerListSchema,
  payerSchema,
  paymentProviderSchema,
  paymentReviewListSchema,
  paymentReviewSchema,
  paymentSchema,
  paymentSettingsSchema,
  savedMethodListSchema,
  savedMethodSchema,
  topUpLinkListSchema,
  topUpLinkSchema,
  topUpOptionsSchema,
  type createTopUpBody,
  type HeldRefundOutcome,
  type PaymentProviderId,
  type updatePaymentSettingsBody,
} from '../../shared/api/payments.js';
import { movementLimitsSchema, type UpdateMovementLimits } from '../../shared/api/movement-limits.js';
import {
  alertSettingsSchema,
  autoTopUpAttemptListSchema,
  autoTopUpSchema,
  type AlertSettingsBody,
  type AutoTopUpBody,
} from '../../shared/api/alerts.js';
import { gatewayActivitySchema } from '../../shared/api/gateway-activity.js';
import {
  refundListSchema,
  refundSchema,
  type CloseWalletBody,
  type CreateRefundBody,
} from '../../shared/api/refunds.js';
import { changesResponse } from '../../shared/api/sync.js';
import { batchResponse, type BatchOperation } from '../../shared/api/batch.js';
import {
  invoiceListSchema,
  invoiceSchema,
  invoiceSeriesSchema,
  type createInvoiceBody,
  type invoiceCheckoutBody,
  type invoiceSeriesBody,
  type MarkInvoicePaidBody,
} from '../../shared/api/invoices.js';
import {
  movementResponse,
  transactionListSchema,
  walletSchema,
  type createWalletBody,
} from '../../shared/api/wallets.js';
import type { createProductBody, updateProductBody } from '../../shared/api/orders.js';
import {
  ticketSchema,
  type openTicketBody,
  type replyTicketBody,
  type updateTicketBody,
  ticketAssigneeListSchema,
} from '../../shared/api/tickets.js';
import { verifyPaymentResponse, type verifyPaymentBody } from '../../shared/api/payment-verify.js';
import {
  batchRefundResponse,
  fulfilmentResponse,
  orderListSchema,
  orderResponse,
  productListSchema,
  productSchema,
  renewResponse,
  subscriptionListSchema,
  subscriptionSchema,
} from '../../shared/api/orders.js';
import { cryptoAddressesSchema, paymentDerivationSchema } from '../../shared/api/crypto-addresses.js';

/** The server answered with a refusal (4xx/5xx) and said why. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** The refusal's particulars, for the renderer to word in its language (RefusalReason). */
    readonly reason?: RefusalReason,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /**
   * A refusal that will not change by sending the same request again. Not 401: the credential
   * expired or was revoked, and the same write may well succeed once the user signs in again.
   * `gateway_unavailable` (502) is the API's own verdict, not a proxy's: the write it answers under
   * this idempotency key is over (a checkout that could not open ended failed or cancelled; nothing
   * was charged), and every replay of the key answers the same 502.
   */
  get permanent(): boolean {
    if (this.code === 'gateway_unavailable') return true;
    return (
      this.status >= 400 &&
      this.status < 500 &&
      this.status !== 401 &&
      this.status !== 408 &&
      this.status !== 429
    );
  }
}

/** The server could not be reached, or answered something that is not this API. */
export class NetworkError extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'NetworkError';
  }
}

export type ApiClient = ReturnType<typeof createApiClient>;

/**
 * A page of the change feed, its frame checked here; the sync engine checks each change against its
 * entity's own schema (entityChangeSchema), once — checking `data` here as well doubled the cost.
 */
const changesPage = changesResponse.extend({ changes: z.array(z.unknown()) });

/** Names each request in the API's logs (it answers the id back, and logs it as reqId). */
export const REQUEST_ID_HEADER = 'x-request-id';

const statementKeysSchema = z.object({
  keys: z.array(z.object({ keyId: z.string(), publicKey: z.string() })),
});

/** A typed client of the billing API: every response is validated before anyone uses it. */
export function createApiClient(baseUrl: string, token: string | null, options: { timeoutMs?: number } = {}) {
  const root = baseUrl.replace(/\/+$/, '');

  async function request<T extends z.ZodType>(
    method: string,
    path: string,
    schema: T,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<z.output<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    // A fresh id per attempt, a retry of an outbox item included: the Idempotency-Key already ties the
    // attempts together, and a distinct id tells the operator which attempt each log line is about.
    headers[REQUEST_ID_HEADER] = randomUUID();
    let response: Response;
    try {
      response = await fetch(`${root}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new NetworkError(`cannot reach ${root}: ${(error as Error).message}`, { cause: error });
    }
    const text = await response.text().catch(() => '');
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      throw new NetworkError(`${root} answered ${response.status} with something that is not JSON`);
    }
    if (!response.ok) {
      const parsed = errorBodySchema.safeParse(json);
      if (parsed.success) {
        const e = parsed.data.error;
        throw new ApiError(response.status, e.code, e.message, e.field, e.reason);
      }
      throw new ApiError(response.status, 'http_error', `the server answered ${response.status}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new NetworkError(
        `${root}${path} answered an unexpected shape: ${parsed.error.issues[0]?.message ?? ''}`,
      );
    }
    return parsed.data;
  }

  /** A file the API answers (a statement's CSV or PDF): its bytes and type, or the API's refusal. */
  async function download(path: string): Promise<{ bytes: Buffer; contentType: string }> {
    const headers: Record<string, string> = { [REQUEST_ID_HEADER]: randomUUID() };
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await fetch(`${root}${path}`, {
        headers,
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new NetworkError(`cannot reach ${root}: ${(error as Error).message}`, { cause: error });
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    if (!response.ok) {
      const parsed = errorBodySchema.safeParse(JSON.parse(bytes.toString('utf8') || 'null'));
      if (parsed.success)
        throw new ApiError(
          response.status,
          parsed.data.error.code,
          parsed.data.error.message,
          parsed.data.error.field,
          parsed.data.error.reason,
        );
      throw new ApiError(response.status, 'http_error', `the server answered ${response.status}`);
    }
    return { bytes, contentType: response.headers.get('content-type') ?? 'application/octet-stream' };
  }

  return {
    baseUrl: root,
    /** The sign-in this client speaks for: the feed worker opens its own client with it. */
    token,
    login: (email: string, password: string) =>
      request('POST', '/v1/auth/login', loginResponse, { email, password }),
    logout: () => request('POST', '/v1/auth/logout', z.null()),
    me: () => request('GET', '/v1/me', meResponse),
    /** The signed-in user's own language (what their emails are written in). */
    setMyLanguage: (language: Language) =>
      request('PUT', '/v1/me/language', myLanguageResponse, { language }),
    /** Compacted: a page leaves out the wallet states it supersedes itself (see routes/sync.ts). */
    changes: (cursor: number, limit: number) =>
      request('GET', `/v1/sync/changes?cursor=${cursor}&limit=${limit}&compact=true`, changesPage),
    /** Many writes in one request, each with its own key and answer (see routes/batch.ts). */
    batch: (operations: BatchOperation[]) => request('POST', '/v1/batch', batchResponse, { operations }),
    createCustomer: (body: z.input<typeof createCustomerBody>, key: string) =>
      request('POST', '/v1/customers', customerSchema, body, key),
    updateCustomer: (customerId: string, body: z.input<typeof updateCustomerBody>) =>
      request('PATCH', `/v1/customers/${encodeURIComponent(customerId)}`, customerSchema, body),
    createWallet: (customerId: string, body: z.input<typeof createWalletBody>, key: string) =>
      request('POST', `/v1/customers/${encodeURIComponent(customerId)}/wallets`, walletSchema, body, key),
    credit: (walletId: string, body: { amount: number; description: string }, key: string) =>
      request('POST', `/v1/wallets/${encodeURIComponent(walletId)}/credits`, movementResponse, body, key),
    adjust: (walletId: string, body: { amount: number; reason: string }, key: string) =>
      request('POST', `/v1/wallets/${encodeURIComponent(walletId)}/adjustments`, movementResponse, body, key),

    topUpOptions: (walletId: string) =>
      request('GET', `/v1/wallets/${encodeURIComponent(walletId)}/top-up-options`, topUpOptionsSchema),
    createTopUp: (walletId: string, body: z.input<typeof createTopUpBody>, key: string) =>
      request('POST', `/v1/wallets/${encodeURIComponent(walletId)}/top-ups`, paymentSchema, body, key),
    payment: (paymentId: string) =>
      request('GET', `/v1/payments/${encodeURIComponent(paymentId)}`, paymentSchema),
    cancelPayment: (paymentId: string, key: string) =>
      request('POST', `/v1/payments/${encodeURIComponent(paymentId)}/cancel`, paymentSchema, {}, key),
    createTopUpLink: (
      customerId: string,
      body: { walletId: string; amount?: number | undefined; expiresAt: string },
      key: string,
    ) =>
      request(
        'POST',
        `/v1/customers/${encodeURIComponent(customerId)}/top-up-links`,
        topUpLinkSchema,
        body,
        key,
      ),
    topUpLinks: (customerId: string) =>
      request('GET', `/v1/customers/${encodeURIComponent(customerId)}/top-up-links`, topUpLinkListSchema),
    revokeTopUpLink: (linkId: string) =>
      request('POST', `/v1/top-up-links/${encodeURIComponent(linkId)}/revoke`, topUpLinkSchema, {}),

    paymentSettings: () => request('GET', '/v1/payment-settings', paymentSettingsSchema),
    cryptoAddresses: () => request('GET', '/v1/payment-settings/crypto-addresses', cryptoAddressesSchema),
    /** Staff only: where a crypto payment's address sits in the reseller's wallet. */
    paymentDerivation: (paymentId: string) =>
      request('GET', `/v1/payments/${encodeURIComponent(paymentId)}/crypto-address`, paymentDerivationSchema),
    updatePaymentSettings: (body: z.input<typeof updatePaymentSettingsBody>) =>
      request('PATCH', '/v1/payment-settings', paymentSettingsSchema, body),
    /** Write-only; the answer is parsed to `{provider, configured}`, so nothing else gets through. */
    setGatewayCredentials: (provider: PaymentProviderId, credentials: Record<string, unknown>) =>
      request(
        'PUT',
        `/v1/payment-settings/credentials/${encodeURIComponent(provider)}`,
        z.object({ provider: paymentProviderSchema, configured: z.literal(true) }),
        { credentials },
      ),
    payers: (customerId: string) =>
      request('GET', `/v1/customers/${encodeURIComponent(customerId)}/payers`, payerListSchema),
    createPayer: (
      customerId: string,
      body: { name: string; email?: string; isDefault?: boolean },
      key: string,
    ) => request('POST', `/v1/customers/${encodeURIComponent(customerId)}/payers`, payerSchema, body, key),
    savedMethods: (customerId: string, payerId?: string) =>
      request(
        'GET',
        `/v1/customers/${encodeURIComponent(customerId)}/payment-methods${payerId ? `?payerId=${encodeURIComponent(payerId)}` : ''}`,
        savedMethodListSchema,
      ),
    setDefaultSavedMethod: (methodId: string) =>
      request('POST', `/v1/payment-methods/${encodeURIComponent(methodId)}/default`, savedMethodSchema, {}),
    deleteSavedMethod: (methodId: string) =>
      request('DELETE', `/v1/payment-methods/${encodeURIComponent(methodId)}`, z.null()),
    paymentReviews: (
      filter: { status?: 'open' | 'resolved' | undefined; cursor?: string | undefined } = {},
    ) => {
      const query = new URLSearchParams({ limit: '100' });
      if (filter.status) query.set('status', filter.status);
      if (filter.cursor) query.set('cursor', filter.cursor);
      return request('GET', `/v1/payment-reviews?${query}`, paymentReviewListSchema);
    },
    /** `refund`: what staff found at the provider, for the review of a refund held for staff. */
    resolvePaymentReview: (reviewId: string, refund?: HeldRefundOutcome) =>
      request(
        'POST',
        `/v1/payment-reviews/${encodeURIComponent(reviewId)}/resolve`,
        paymentReviewSchema,
        refund ? { refund } : {},
      ),
    applyPaymentReview: (
      reviewId: string,
      target: { paymentId: string } | { walletId: string } | { invoice: true },
      idempotencyKey: string,
    ) =>
      request(
        'POST',
        `/v1/payment-reviews/${encodeURIComponent(reviewId)}/apply`,
        paymentReviewSchema,
        target,
        idempotencyKey,
      ),
    refundPayment: (paymentId: string, body: CreateRefundBody, idempotencyKey: string) =>
      request(
        'POST',
        `/v1/payments/${encodeURIComponent(paymentId)}/refunds`,
        refundSchema,
        body,
        idempotencyKey,
      ),
    paymentRefunds: (paymentId: string) =>
      request('GET', `/v1/payments/${encodeURIComponent(paymentId)}/refunds`, refundListSchema),
    closeWallet: (walletId: string, body: CloseWalletBody, idempotencyKey: string) =>
      request(
        'POST',
        `/v1/wallets/${encodeURIComponent(walletId)}/close`,
        walletSchema.extend({ refunds: z.array(refundSchema).optional() }),
        body,
        idempotencyKey,
      ),

    movementLimits: () => request('GET', '/v1/movement-limits', movementLimitsSchema),
    setMovementLimits: (body: UpdateMovementLimits) =>
      request('PUT', '/v1/movement-limits', movementLimitsSchema, body),

    setAlertSettings: (walletId: string, body: AlertSettingsBody) =>
      request('PUT', `/v1/wallets/${encodeURIComponent(walletId)}/alert-settings`, alertSettingsSchema, body),
    setAutoTopUp: (walletId: string, body: AutoTopUpBody) =>
      request('PUT', `/v1/wallets/${encodeURIComponent(walletId)}/auto-top-up`, autoTopUpSchema, body),
    autoTopUpAttempts: (walletId: string, limit: number) =>
      request(
        'GET',
        `/v1/wallets/${encodeURIComponent(walletId)}/auto-top-up/attempts?limit=${limit}`,
        autoTopUpAttemptListSchema,
      ),
    gatewayActivity: () => request('GET', '/v1/gateway-activity', gatewayActivitySchema),

    users: () => request('GET', '/v1/users', z.object({ items: z.array(userSchema) })),
    createUser: (body: z.input<typeof createUserBody>) =>
      request('POST', '/v1/users', createUserResponse, body),
    updateUser: (userId: string, body: UpdateUser) =>
      request('PATCH', `/v1/users/${encodeURIComponent(userId)}`, userSchema, body),
    resetPassword: (userId: string, body: { password?: string }) =>
      request('POST', `/v1/users/${encodeURIComponent(userId)}/password`, resetPasswordResponse, body),

    /** `language`: the PDF's (the API's default is the customer's); a CSV has none. */
    statementFile: (
      walletId: string,
      period: { from: string; to: string },
      format: 'csv' | 'pdf',
      language?: Language,
    ) => {
      const lang = format === 'pdf' && language ? `&lang=${language}` : '';
      return download(
        `/v1/wallets/${encodeURIComponent(walletId)}/statement.${format}?from=${period.from}&to=${period.to}${lang}`,
      );
    },
    statementKeys: () => request('GET', '/.well-known/statement-keys', statementKeysSchema),
    wallet: (walletId: string) => request('GET', `/v1/wallets/${encodeURIComponent(walletId)}`, walletSchema),
    walletTransactions: (walletId: string, cursor: string | null) =>
      request(
        'GET',
        `/v1/wallets/${encodeURIComponent(walletId)}/transactions?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        transactionListSchema,
      ),
    audit: (query: Record<string, string>) =>
      request('GET', `/v1/audit?${new URLSearchParams(query).toString()}`, auditListSchema),
    applyBankLine: (body: ApplyBankLine, key: string) =>
      request('POST', '/v1/bank-lines/apply', bankLineApplicationSchema, body, key),
    products: () => request('GET', '/v1/products?limit=500', productListSchema),
    createProduct: (body: z.input<typeof createProductBody>) =>
      request('POST', '/v1/products', productSchema, body),
    updateProduct: (productId: string, body: z.input<typeof updateProductBody>) =>
      request('PATCH', `/v1/products/${encodeURIComponent(productId)}`, productSchema, body),
    orders: (filters: { customerId?: string | undefined; status?: string | undefined }) => {
      const query = new URLSearchParams({ limit: '500' });
      if (filters.customerId) query.set('customerId', filters.customerId);
      if (filters.status) query.set('status', filters.status);
      return request('GET', `/v1/orders?${query.toString()}`, orderListSchema);
    },
    placeOrder: (
      customerId: string,
      body: { productId: string; quantity: number; currency: string },
      key: string,
    ) => request('POST', `/v1/customers/${encodeURIComponent(customerId)}/orders`, orderResponse, body, key),
    reportFulfilment: (orderId: string, body: { provisioned: number }, key: string) =>
      request('POST', `/v1/orders/${encodeURIComponent(orderId)}/fulfilment`, fulfilmentResponse, body, key),
    batchRefund: (body: { orderIds: string[]; reason: string; dryRun: boolean }, key: string) =>
      request('POST', '/v1/order-refunds', batchRefundResponse, body, key),
    subscriptions: (filters: { customerId?: string | undefined; renewingBefore?: string | undefined }) => {
      const query = new URLSearchParams({ limit: '500' });
      if (filters.customerId) query.set('customerId', filters.customerId);
      if (filters.renewingBefore) query.set('renewingBefore', filters.renewingBefore);
      return request('GET', `/v1/subscriptions?${query.toString()}`, subscriptionListSchema);
    },
    renewSubscription: (subscriptionId: string, key: string) =>
      request(
        'POST',
        `/v1/subscriptions/${encodeURIComponent(subscriptionId)}/renew`,
        renewResponse,
        {},
        key,
      ),
    cancelSubscription: (subscriptionId: string, key: string) =>
      request(
        'POST',
        `/v1/subscriptions/${encodeURIComponent(subscriptionId)}/cancel`,
        subscriptionSchema,
        {},
        key,
      ),
    webhookEndpoints: () => request('GET', '/v1/webhook-endpoints', webhookEndpointListSchema),
    createWebhookEndpoint: (body: z.input<typeof createWebhookEndpointBody>) =>
      request('POST', '/v1/webhook-endpoints', webhookEndpointWithSecretSchema, body),
    updateWebhookEndpoint: (endpointId: string, body: UpdateWebhookEndpoint) =>
      request(
        'PATCH',
        `/v1/webhook-endpoints/${encodeURIComponent(endpointId)}`,
        webhookEndpointSchema,
        body,
      ),
    deleteWebhookEndpoint: (endpointId: string) =>
      request('DELETE', `/v1/webhook-endpoints/${encodeURIComponent(endpointId)}`, z.null()),
    rotateWebhookSecret: (endpointId: string) =>
      request(
        'POST',
        `/v1/webhook-endpoints/${encodeURIComponent(endpointId)}/rotate-secret`,
        webhookEndpointWithSecretSchema,
        {},
      ),
    webhookDeliveries: (
      endpointId: string,
      query: { status?: string; eventType?: string; limit?: number },
    ) => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
      const qs = params.toString();
      return request(
        'GET',
        `/v1/webhook-endpoints/${encodeURIComponent(endpointId)}/deliveries${qs ? `?${qs}` : ''}`,
        webhookDeliveryListSchema,
      );
    },
    redeliverWebhook: (deliveryId: string) =>
      request(
        'POST',
        `/v1/webhook-deliveries/${encodeURIComponent(deliveryId)}/redeliver`,
        webhookDeliverySchema,
        {},
      ),
    sendTestWebhook: (endpointId: string) =>
      request(
        'POST',
        `/v1/webhook-endpoints/${encodeURIComponent(endpointId)}/test`,
        webhookDeliverySchema,
        {},
      ),
    openTicket: (body: z.input<typeof openTicketBody>, key: string) =>
      request('POST', '/v1/tickets', ticketSchema, body, key),
    replyToTicket: (ticketId: string, body: z.input<typeof replyTicketBody>, key: string) =>
      request('POST', `/v1/tickets/${encodeURIComponent(ticketId)}/messages`, ticketSchema, body, key),
    ticketAssignees: () => request('GET', '/v1/tickets/assignees', ticketAssigneeListSchema),
    updateTicket: (ticketId: string, body: z.input<typeof updateTicketBody>, key: string) =>
      request('PATCH', `/v1/tickets/${encodeURIComponent(ticketId)}`, ticketSchema, body, key),
    verifyPayment: (paymentId: string, body: z.input<typeof verifyPaymentBody>) =>
      request('POST', `/v1/payments/${encodeURIComponent(paymentId)}/verify`, verifyPaymentResponse, body),
    createInvoice: (customerId: string, body: z.input<typeof createInvoiceBody>, key: string) =>
      request('POST', `/v1/customers/${encodeURIComponent(customerId)}/invoices`, invoiceSchema, body, key),
    invoice: (invoiceId: string) =>
      request('GET', `/v1/invoices/${encodeURIComponent(invoiceId)}`, invoiceSchema),
    invoices: (query: string) => request('GET', `/v1/invoices${query}`, invoiceListSchema),
    invoiceAction: (invoiceId: string, action: 'finalize' | 'void', key: string) =>
      request('POST', `/v1/invoices/${encodeURIComponent(invoiceId)}/${action}`, invoiceSchema, {}, key),
    payInvoiceFromWallet: (invoiceId: string, key: string) =>
      request(
        'POST',
        `/v1/invoices/${encodeURIComponent(invoiceId)}/pay`,
        invoiceSchema,
        { source: 'wallet' },
        key,
      ),
    payInvoiceByCheckout: (invoiceId: string, body: z.input<typeof invoiceCheckoutBody>, key: string) =>
      request('POST', `/v1/invoices/${encodeURIComponent(invoiceId)}/payments`, paymentSchema, body, key),
    invoiceSettings: () => request('GET', '/v1/invoice-settings', invoiceSeriesSchema),
    updateInvoiceSettings: (body: z.input<typeof invoiceSeriesBody>) =>
      request('PUT', '/v1/invoice-settings', invoiceSeriesSchema, body),
    topUpInvoice: (walletId: string, amount: number, key: string) =>
      request(
        'POST',
        `/v1/wallets/${encodeURIComponent(walletId)}/invoice-top-ups`,
        invoiceSchema,
        { amount },
        key,
      ),
    /** A receipt invoice for a paid top-up: one per payment, so asking again answers the same one. */
    requestReceiptInvoice: (paymentId: string) =>
      request('POST', `/v1/payments/${encodeURIComponent(paymentId)}/invoice`, invoiceSchema, {}),
    markInvoicePaid: (invoiceId: string, body: MarkInvoicePaidBody, key: string) =>
      request('POST', `/v1/invoices/${encodeURIComponent(invoiceId)}/mark-paid`, invoiceSchema, body, key),
    /**
     * The invoice's PDF, as base64: the one answer of this API that is not JSON. In `language`; without
     * it, the API writes it in the customer's.
     */
    async invoicePdf(invoiceId: string, language?: Language): Promise<string> {
      const headers: Record<string, string> = {
        accept: 'application/pdf',
        [REQUEST_ID_HEADER]: randomUUID(),
      };
      if (token) headers.authorization = `Bearer ${token}`;
      let response: Response;
      try {
        const query = language ? `?lang=${language}` : '';
        response = await fetch(`${root}/v1/invoices/${encodeURIComponent(invoiceId)}/pdf${query}`, {
          headers,
          signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
        });
      } catch (error) {
        throw new NetworkError(`cannot reach ${root}: ${(error as Error).message}`, { cause: error });
      }
      if (!response.ok) {
        const parsed = errorBodySchema.safeParse(await response.json().catch(() => null));
        if (parsed.success) {
          const e = parsed.data.error;
          throw new ApiError(response.status, e.code, e.message, e.field, e.reason);
        }
        throw new ApiError(response.status, 'http_error', `the server answered ${response.status}`);
      }
      return Buffer.from(await response.arrayBuffer()).toString('base64');
    },

    /**
     * Follows the server's live stream: calls `onCursor` with each newest feed position. Resolves
     * when the stream ends; rejects when it cannot be opened or breaks.
     */
    async stream(signal: AbortSignal, onCursor: (cursor: number) => void): Promise<void> {
      let response: Response;
      try {
        response = await fetch(`${root}/v1/sync/stream`, {
          headers: {
            accept: 'text/event-stream',
            [REQUEST_ID_HEADER]: randomUUID(),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          signal,
        });
      } catch (error) {
        throw new NetworkError(`cannot reach ${root}: ${(error as Error).message}`, { cause: error });
      }
      if (!response.ok || !response.body)
        throw new ApiError(response.status, 'stream_refused', `live stream refused (${response.status})`);
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trim())
            .join('');
          if (!data) continue;
          const parsed = z.object({ cursor: z.int() }).safeParse(JSON.parse(data));
          if (parsed.success) onCursor(parsed.data.cursor);
        }
      }
    },
  };
}
