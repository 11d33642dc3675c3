import { newId } from '../../src/shared/ids.js';
import { paymentsId } from '../../src/server/lib/ids.js';
import { key } from './api.js';
import { ordersId } from '../../src/server/lib/order-ids.js';
import type { OrderRecords } from './order-records.js';
import type { PaymentRecords, PaymentTenant } from './payment-records.js';
import { PASSWORD, type Tenant } from './tenants.js';

/** What a route's id (in the path, or `customerId` in the body) names. */
export type IdKind =
  | 'customer'
  | 'wallet'
  | 'hold'
  | 'transaction'
  | 'apiKey'
  | 'payment'
  /** The sandbox top-up, which a sweep pays first when it needs the route to answer (a receipt). */
  | 'paidTopUp'
  | 'savedMethod'
  | 'review'
  | 'user'
  | 'product'
  | 'order'
  | 'subscription'
  | 'webhookEndpoint'
  | 'webhookDelivery'
  /** A draft invoice; `openInvoice`: a finalized one with its whole total due. */
  | 'invoice'
  | 'openInvoice'
  /** A support ticket of the customer. */
  | 'ticket'
  /** An active top-up link of the customer. */
  | 'topUpLink';

/**
 * Who may call a route, on the records of their own tenant:
 * - public: no credential (sign-in); own-session: any user signed in with a session, on their own
 *   session or account (sign-out, their own language), never an API key;
 * - operator: the platform operator only (resellers);
 * - read: every role of the tenant (a customer only its own records);
 * - staff-read: the reseller admin and support agents, never a customer (settings, reviews);
 * - admin-read: the reseller admin only (users, API keys);
 * - write / money: the reseller admin only; money also carries an Idempotency-Key;
 * - top-up: the reseller admin, or a customer on its own records (start, cancel, saved methods);
 * - desk: every role, a customer on its own records: tickets (support agents answer them) and
 *   verifying a payment (which credits only through the provider-confirmed settle path);
 * - desk-staff: the reseller admin and support agents (assigning and moving tickets; no money);
 * - webhook: no Bearer credential at all: a payment provider's signature authenticates it, so the
 *   Bearer sweeps leave it out; payments-webhooks.test.ts covers forged, unknown and foreign ids.
 */
export type Access =
  | 'public'
  | 'operator'
  | 'read'
  | 'staff-read'
  | 'admin-read'
  | 'write'
  | 'money'
  | 'top-up'
  | 'own-session'
  | 'desk'
  | 'desk-staff'
  | 'webhook';

export type Role = 'admin' | 'support' | 'customer';

/** The records a request is built from: a tenant's, or fresh ones of the same shapes. */
export type Records = Pick<PaymentTenant, 'resellerId' | 'customerId' | 'walletId'> & Partial<OrderRecords>;

export interface RouteCase {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The route as the OpenAPI document names it. */
  route: string;
  access: Access;
  /** Sends an Idempotency-Key (every money route does; top-ups too). */
  idempotent?: boolean;
  /** The record the id names; the request below is built for that id. */
  idKind?: IdKind;
  /**
   * A valid request (for a reseller admin) on record `id`; `records` gives the other ids a body or
   * path needs (the wallet of the customer `id`, the reseller of a webhook endpoint).
   */
  request(id: string, records?: Records): { url: string; body?: unknown };
}

function need(records: Records | undefined): Records {
  if (!records) throw new Error("this route's request is built from a tenant's records: pass them");
  return records;
}

/**
 * The ids a tenant's own records have, by kind: a valid `id` for every route of the table (payment
 * kinds only for a tenant from createPaymentTenant, or with freshRecords).
 */
export function idOf(
  t: Tenant & Partial<PaymentRecords> & Partial<OrderRecords> & { ticketId?: string },
  kind: IdKind,
): string {
  const id = {
    customer: t.customerId,
    wallet: t.walletId,
    hold: t.holdId,
    transaction: t.paymentId,
    apiKey: t.apiKeyId,
    payment: t.topUpId,
    paidTopUp: t.topUpId,
    savedMethod: t.savedMethodId,
    review: t.reviewId,
    user: t.userId,
    invoice: t.invoiceId,
    openInvoice: t.openInvoiceId,
    ticket: t.ticketId,
    product: t.productId,
    order: t.orderId,
    subscription: t.subscriptionId,
    webhookEndpoint: t.webhookEndpointId,
    webhookDelivery: t.webhookDeliveryId,
    topUpLink: t.topUpLinkId,
  }[kind];
  if (id === undefined) throw new Error(`no ${kind} among these records: use createPaymentTenant`);
  return id;
}

/** The same record kinds of the tenant's second customer (API keys and staff logins belong to none). */
export function otherIdOf(t: PaymentTenant, kind: Exclude<IdKind, 'apiKey' | 'user'>): string {
  return {
    customer: t.otherCustomerId,
    wallet: t.otherWalletId,
    hold: t.otherHoldId,
    transaction: t.otherPaymentId,
    payment: t.otherTopUpId,
    paidTopUp: t.otherTopUpId,
    savedMethod: t.otherSavedMethodId,
    // Reviews are the reseller's, not a customer's: this is the other customer's payment's review.
    review: t.otherReviewId,
    invoice: t.otherInvoiceId,
    openInvoice: t.otherOpenInvoiceId,
    ticket: t.otherTicketId,
    // The catalog is the reseller's, not a customer's: product routes are staff writes only.
    product: t.productId,
    order: t.otherOrderId,
    subscription: t.otherSubscriptionId,
    // Webhook records are the reseller's too: these were made with the other customer's records.
    webhookEndpoint: t.otherWebhookEndpointId,
    webhookDelivery: t.otherWebhookDeliveryId,
    topUpLink: t.otherTopUpLinkId,
  }[kind];
}

/** An id of the right shape that was never issued. */
export function missingId(kind: IdKind): string {
  switch (kind) {
    case 'payment':
    case 'paidTopUp':
      return paymentsId('payment');
    case 'savedMethod':
      return paymentsId('savedMethod');
    case 'review':
      return paymentsId('review');
    case 'invoice':
    case 'openInvoice':
      return `inv${newId('transaction').slice(3)}`;
    case 'product':
    case 'order':
    case 'subscription':
      return ordersId(kind);
    case 'ticket':
      return `tkt${newId('transaction').slice(3)}`;
    case 'webhookEndpoint':
      return `whe${newId('transaction').slice(3)}`;
    case 'webhookDelivery':
      return `whd${newId('transaction').slice(3)}`;
    case 'topUpLink':
      return paymentsId('topUpLink');
    default:
      return newId(kind);
  }
}

/** Whether a role may call the route on its own tenant's records (else 403, before anything else). */
export function mayCall(role: Role, r: RouteCase): boolean {
  switch (r.access) {
    case 'read':
    case 'public':
    case 'own-session':
      return true;
    case 'staff-read':
    case 'desk-staff':
      return role !== 'customer';
    case 'desk':
      return true;
    case 'top-up':
      return role !== 'support';
    case 'admin-read':
    case 'write':
    case 'money':
      return role === 'admin';
    case 'operator':
    case 'webhook':
      return false;
  }
}

/** A future instant for expiries, a week from now. */
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

/** Every route of the API, one valid request each. openapi.test.ts checks that none is missing. */
export const ROUTES: RouteCase[] = [
  {
    method: 'POST',
    route: '/v1/resellers',
    access: 'operator',
    request: () => ({
      url: '/v1/resellers',
      body: { name: 'New', adminEmail: `${key()}@example.com`, adminPassword: PASSWORD },
    }),
  },
  { method: 'GET', route: '/v1/resellers', access: 'operator', request: () => ({ url: '/v1/resellers' }) },
  {
    method: 'POST',
    route: '/v1/auth/login',
    access: 'public',
    request: () => ({ url: '/v1/auth/login', body: { email: 'nobody@example.com', password: 'x' } }),
  },
  {
    method: 'POST',
    route: '/v1/auth/logout',
    access: 'own-session',
    request: () => ({ url: '/v1/auth/logout' }),
  },
  { method: 'GET', route: '/v1/me', access: 'read', request: () => ({ url: '/v1/me' }) },
  {
    method: 'PUT',
    route: '/v1/me/language',
    access: 'own-session',
    request: () => ({ url: '/v1/me/language', body: { language: 'vi' } }),
  },
  {
    method: 'POST',
    route: '/v1/api-keys',
    access: 'write',
    idKind: 'customer',
    request: (id) => ({ url: '/v1/api-keys', body: { name: 'Portal', role: 'customer', customerId: id } }),
  },
  { method: 'GET', route: '/v1/api-keys', access: 'admin-read', request: () => ({ url: '/v1/api-keys' }) },
  {
    method: 'DELETE',
    route: '/v1/api-keys/{id}',
    access: 'write',
    idKind: 'apiKey',
    request: (id) => ({ url: `/v1/api-keys/${id}` }),
  },
  {
    method: 'POST',
    route: '/v1/users',
    access: 'write',
    idKind: 'customer',
    request: (id) => ({
      url: '/v1/users',
      body: { email: `${key()}@example.com`, password: PASSWORD, role: 'customer', customerId: id },
    }),
  },
  { method: 'GET', route: '/v1/users', access: 'admin-read', request: () => ({ url: '/v1/users' }) },
  {
    method: 'PATCH',
    route: '/v1/users/{id}',
    access: 'write',
    idKind: 'user',
    request: (id) => ({ url: `/v1/users/${id}`, body: { role: 'support_agent', disabled: false } }),
  },
  {
    method: 'POST',
    route: '/v1/users/{id}/password',
    access: 'write',
    idKind: 'user',
    request: (id) => ({ url: `/v1/users/${id}/password`, body: { password: PASSWORD } }),
  },
  {
    method: 'GET',
    route: '/v1/movement-limits',
    access: 'staff-read',
    request: () => ({ url: '/v1/movement-limits' }),
  },
  {
    method: 'PUT',
    route: '/v1/movement-limits',
    access: 'write',
    // The defaults, set explicitly: the sweeps' later credits stay within them.
    request: () => ({
      url: '/v1/movement-limits',
      body: { items: [{ currency: 'USD', confirmAbove: 100_000, maxPerMovement: 1_000_000_000 }] },
    }),
  },
  {
    method: 'POST',
    route: '/v1/customers',
    access: 'write',
    request: () => ({ url: '/v1/customers', body: { name: 'New', email: `${key()}@example.com` } }),
  },
  { method: 'GET', route: '/v1/customers', access: 'read', request: () => ({ url: '/v1/customers' }) },
  {
    method: 'GET',
    route: '/v1/customers/{id}',
    access: 'read',
    idKind: 'customer',
    request: (id) => ({ url: `/v1/customers/${id}` }),
  },
  {
    method: 'PATCH',
    route: '/v1/customers/{id}',
    access: 'write',
    idKind: 'customer',
    request: (id) => ({ url: `/v1/customers/${id}`, body: { name: 'Renamed' } }),
  },
  {
    // An initial balance moves money: a key.
    method: 'POST',
    route: '/v1/customers/{id}/wallets',
    access: 'write',
    idempotent: true,
    idKind: 'customer',
    request: (id) => ({ url: `/v1/customers/${id}/wallets`, body: { currency: 'JPY', initialBalance: 100 } }),
  },
  {
    method: 'GET',
    route: '/v1/customers/{id}/wallets',
    access: 'read',
    idKind: 'customer',
    request: (id) => ({ url: `/v1/customers/${id}/wallets` }),
  },
  {
    method: 'GET',
    route: '/v1/wallets/{id}',
    access: 'read',
    idKind: 'wallet',
    request: (id) => ({ url: `/v1/wallets/${id}` }),
  },
  {
    // A wallet that holds money closes only with a refund instruction, which moves money: a key.
    method: 'POST',
    route: '/v1/wallets/{id}/close',
    access: 'write',
    idempotent: true,
    idKind: 'wallet',
    request: (id) => ({
      url: `/v1/wallets/${id}/close`,
      body: { refund: { to: 'manual', destination: 'Bank account 0001', reference: 'CLOSE-1' } },
    }),
  },
  {
    method: 'POST',
    route: '/v1/wallets/{id}/credits',
    access: 'money',
    idKind: 'wallet',
    request: (id) => ({ url: `/v1/wallets/${id}/credits`, body: { amount: 100, description: 'Top-up' } }),
  },
  {
    method: 'POST',
    route: '/v1/wallets/{id}/debits',
    access: 'money',
    idKind: 'wallet',
    request: (id) => ({ url: `/v1/wallets/${id}/debits`, body: { amount: 100, description: 'Order' } }),
  },
  {
    method: 'POST',
    route: '/v1/wallets/{id}/adjustments',
    access: 'money',
    idKind: 'wallet',
    request: (id) => ({ url: `/v1/wallets/${id}/adjustments`, body: { amount: -100, reason: 'Fee' } }),
  },
  {
    method: 'POST',
    route: '/v1/wallets/{id}/holds',
    access: 'money',
    idKind: 'wallet',
    request: (id) => ({ url: `/v1/wallets/${id}/holds`, body: { amount: 100, description: 'Renewal' } }),
  },
  {
    method: 'GET',
    route: '/v1/wallets/{id}/holds',
    access: 'read',
    idKind: 'wallet',
    request: (id) => ({ url: `/v1/wallets/${id}/holds` }),
  },
  ...(['', '.csv', '.pdf'] as const).map((format): RouteCase => ({
    method: 'GET',
    route: `/v1/wallets/{id}/statement${format}`,
    access: 'read',
    idKind: 'wallet',
    request: (id) => ({ url: `/v1/wallets/${id}/statement${format}?from=2030-01-01&to=2030-01-31` }),
  })),
  {
    method: 'GET',
    route: '/.well-known/statement-keys',
    access: 'public',
    request: () => ({ url: '/.well-known/statement-keys' }),
  },
  {
    method: 'GET',
    route: '/v1/wallets/{id}/transactions',
    access: 'read',
    idKind: 'wallet',
    request: (id) => ({ url: `/v1/wallets/${id}/transactions` }),
  },
  {
    method: 'GET',
    route: '/v1/holds/{id}',
    access: 'read',
    idKind: 'hold',
    request: (id) => ({ url: `/v1/holds/${id}` }),
  },
  {
    method: 'POST',
    route: '/v1/holds/{id}/capture',
    access: 'money',
    idKind: 'hold',
    request: (id) => ({ url: `/v1/holds/${id}/capture`, body: { amount: 50 } }),
  },
  {
    method: 'POST',
    route: '/v1/holds/{id}/release',
    access: 'money',
    idKind: 'hold',
    request: (id) => ({ url: `/v1/holds/${id}/release` }),
  },
  {
    method: 'GET',
    route: '/v1/wallet-transactions/{id}',
    access: 'read',
    idKind: 'transaction',
    request: (id) => ({ url: `/v1/wallet-transactions/${id}` }),
  },
  {
    method: 'POST',
    route: '/v1/wallet-transactions/{id}/refunds',
    access: 'money',
    idKind: 'transaction',
    request: (id) => ({
      url: `/v1/wallet-transactions/${id}/refunds`,
      body: { amount: 10, reason: 'Refund' },
    }),
  },
  { method: 'GET', route: '/v1/sync/changes', access: 'read', request: () => ({ url: '/v1/sync/changes' }) },
  // An event stream: answered 200 it never ends, so sweeps only call it where it must be refused.
  { method: 'GET', route: '/v1/sync/stream', access: 'read', request: () => ({ url: '/v1/sync/stream' }) },

  // ---- payments ----------------------------------------------------------------------------------
  {
    method: 'GET',
    route: '/v1/payment-settings',
    access: 'staff-read',
    request: () => ({ url: '/v1/payment-settings' }),
  },
  {
    method: 'GET',
    route: '/v1/payment-settings/crypto-addresses',
    access: 'staff-read',
    request: () => ({ url: '/v1/payment-settings/crypto-addresses' }),
  },
  {
    method: 'PATCH',
    route: '/v1/payment-settings',
    access: 'write',
    request: () => ({
      url: '/v1/payment-settings',
      body: { limits: [{ currency: 'USD', minAmount: 50, maxAmount: 1_500_000, presets: [10_000] }] },
    }),
  },
  {
    method: 'PUT',
    route: '/v1/payment-settings/credentials/{provider}',
    access: 'write',
    request: () => ({
      url: '/v1/payment-settings/credentials/sandbox',
      body: { credentials: { webhookSecret: `sbwhsec_${key('sweep')}` } },
    }),
  },
  {
    method: 'POST',
    route: '/v1/customers/{id}/payers',
    access: 'top-up',
    idKind: 'customer',
    request: (id) => ({ url: `/v1/customers/${id}/payers`, body: { name: 'Accounts payable' } }),
  },
  {
    method: 'GET',
    route: '/v1/customers/{id}/payers',
    access: 'read',
    idKind: 'customer',
    request: (id) => ({ url: `/v1/customers/${id}/payers` }),
  },
  {
    method: 'GET',
    route: '/v1/customers/{id}/payment-methods',
    access: 'read',
    idKind: 'customer',
    request: (id) => ({ url: `/v1/customers/${id}/payment-methods` }),
  },
  {
    method: 'POST',
    route: '/v1/payment-methods/{id}/default',
    access: 'top-up',
    idKind: 'savedMethod',
    request: (id) => ({ url: `/v1/payment-methods/${id}/default` }),
  },
  {
    method: 'DELETE',
    route: '/v1/payment-methods/{id}',
    access: 'top-up',
    idKind: 'savedMethod',
    request: (id) => ({ url: `/v1/payment-methods/${id}` }),
  },
  {
    method: 'GET',
    route: '/v1/wallets/{id}/top-up-options',
    access: 'read',
    idKind: 'wallet',
    request: (id) => ({ url: `/v1/wallets/${id}/top-up-options` }),
  },
  {
    method: 'POST',
    route: '/v1/wallets/{id}/top-ups',
    access: 'top-up',
    idempotent: true,
    idKind: 'wallet',
    request: (id) => ({ url: `/v1/wallets/${id}/top-ups`, body: { amount: 5_000, provider: 'sandbox' } }),
  },
  {
    // Any write may ride in a batch (each answered by its own route): here, a customer's own top-up.
    method: 'POST',
    route: '/v1/batch',
    access: 'top-up',
    request: (_id, records) => ({
      url: '/v1/batch',
      body: {
        operations: [
          {
            path: `/v1/wallets/${need(records).walletId}/top-ups`,
            idempotencyKey: key('batch'),
            body: { amount: 5_000, provider: 'sandbox' },
          },
        ],
      },
    }),
  },
  { method: 'GET', route: '/v1/payments', access: 'read', request: () => ({ url: '/v1/payments' }) },
  {
    method: 'GET',
    route: '/v1/payments/{id}',
    access: 'read',
    idKind: 'payment',
    request: (id) => ({ url: `/v1/payments/${id}` }),
  },
  {
    method: 'GET',
    route: '/v1/payments/{id}/crypto-address',
    access: 'staff-read',
    idKind: 'payment',
    request: (id) => ({ url: `/v1/payments/${id}/crypto-address` }),
  },
  {
    method: 'POST',
    route: '/v1/payments/{id}/cancel',
    access: 'top-up',
    idKind: 'payment',
    request: (id) => ({ url: `/v1/payments/${id}/cancel` }),
  },
  {
    method: 'GET',
    route: '/v1/payment-reviews',
    access: 'staff-read',
    request: () => ({ url: '/v1/payment-reviews' }),
  },
  {
    method: 'POST',
    route: '/v1/payment-reviews/{id}/resolve',
    access: 'write',
    idKind: 'review',
    request: (id) => ({ url: `/v1/payment-reviews/${id}/resolve`, body: { note: 'Refunded by hand' } }),
  },
  {
    // Moves money, so it carries a key; left out of the 'money' sweeps, which need a review that
    // carries a transfer (payment-reviews-apply.test.ts covers replays, races and refusals).
    method: 'POST',
    route: '/v1/payment-reviews/{id}/apply',
    access: 'write',
    idempotent: true,
    idKind: 'review',
    request: (id, records) => ({
      url: `/v1/payment-reviews/${id}/apply`,
      body: { walletId: need(records).walletId },
    }),
  },
  {
    method: 'POST',
    route: '/v1/customers/{id}/top-up-links',
    access: 'write',
    idKind: 'customer',
    request: (id, records) => ({
      url: `/v1/customers/${id}/top-up-links`,
      body: { walletId: need(records).walletId, amount: 5_000, expiresAt: inAWeek() },
    }),
  },
  {
    method: 'GET',
    route: '/v1/customers/{id}/top-up-links',
    access: 'read',
    idKind: 'customer',
    request: (id) => ({ url: `/v1/customers/${id}/top-up-links` }),
  },
  {
    method: 'POST',
    route: '/v1/top-up-links/{id}/revoke',
    access: 'write',
    idKind: 'topUpLink',
    request: (id) => ({ url: `/v1/top-up-links/${id}/revoke` }),
  },
  {
    method: 'POST',
    route: '/v1/webhooks/{provider}/{resellerId}',
    access: 'webhook',
    request: (_, records) => ({
      url: `/v1/webhooks/sandbox/${need(records).resellerId}`,
      body: { id: 'sbevt_unsigned', type: 'checkout.paid' },
    }),
  },
  {
    method: 'GET',
    route: '/v1/products',
    access: 'read',
    request: () => ({ url: '/v1/products' }),
  },
  {
    method: 'POST',
    route: '/v1/products',
    access: 'write',
    request: () => ({
      url: '/v1/products',
      body: { name: 'Datacenter proxy', prices: { USD: 250 }, period: 'none' },
    }),
  },
  {
    method: 'PATCH',
    route: '/v1/products/{id}',
    access: 'write',
    idKind: 'product',
    request: (id) => ({ url: `/v1/products/${id}`, body: { description: 'Renamed plan' } }),
  },
  {
    method: 'POST',
    route: '/v1/customers/{id}/orders',
    access: 'top-up',
    idempotent: true,
    idKind: 'customer',
    request: (id, records) => ({
      url: `/v1/customers/${id}/orders`,
      body: { productId: need(records).productId, quantity: 1, currency: 'USD' },
    }),
  },
  { method: 'GET', route: '/v1/orders', access: 'read', request: () => ({ url: '/v1/orders' }) },
  {
    method: 'GET',
    route: '/v1/orders/{id}',
    access: 'read',
    idKind: 'order',
    request: (id) => ({ url: `/v1/orders/${id}` }),
  },
  {
    // Moves money (a refund of what was not provisioned), so it carries a key; reporting the same
    // outcome again answers it again, which orders-*.test.ts covers with its replays.
    method: 'POST',
    route: '/v1/orders/{id}/fulfilment',
    access: 'write',
    idempotent: true,
    idKind: 'order',
    request: (id) => ({ url: `/v1/orders/${id}/fulfilment`, body: { provisioned: 1 } }),
  },
  {
    method: 'POST',
    route: '/v1/orders/{id}/fail',
    access: 'write',
    idempotent: true,
    idKind: 'order',
    request: (id) => ({ url: `/v1/orders/${id}/fail`, body: { reason: 'Upstream out of stock' } }),
  },
  {
    method: 'POST',
    route: '/v1/order-refunds',
    access: 'write',
    idempotent: true,
    request: (_, records) => ({
      url: '/v1/order-refunds',
      body: {
        orderIds: [records?.orderId ?? ordersId('order')],
        reason: 'Provisioning run failed',
        dryRun: true,
      },
    }),
  },
  {
    method: 'GET',
    route: '/v1/subscriptions',
    access: 'read',
    request: () => ({ url: '/v1/subscriptions' }),
  },
  {
    method: 'GET',
    route: '/v1/subscriptions/{id}',
    access: 'read',
    idKind: 'subscription',
    request: (id) => ({ url: `/v1/subscriptions/${id}` }),
  },
  {
    method: 'POST',
    route: '/v1/subscriptions/{id}/cancel',
    access: 'top-up',
    idKind: 'subscription',
    request: (id) => ({ url: `/v1/subscriptions/${id}/cancel` }),
  },
  {
    method: 'POST',
    route: '/v1/subscriptions/{id}/renew',
    access: 'top-up',
    idempotent: true,
    idKind: 'subscription',
    request: (id) => ({ url: `/v1/subscriptions/${id}/renew` }),
  },
  // Outgoing webhooks: the reseller admin's only, reads included (they show where events go).
  {
    method: 'POST',
    route: '/v1/webhook-endpoints',
    access: 'write',
    request: () => ({
      url: '/v1/webhook-endpoints',
      body: { url: 'https://hooks.example.com/new', events: ['wallet.created'], description: 'ERP' },
    }),
  },
  {
    method: 'GET',
    route: '/v1/webhook-endpoints',
    access: 'admin-read',
    request: () => ({ url: '/v1/webhook-endpoints' }),
  },
  {
    method: 'GET',
    route: '/v1/webhook-endpoints/{id}',
    access: 'admin-read',
    idKind: 'webhookEndpoint',
    request: (id) => ({ url: `/v1/webhook-endpoints/${id}` }),
  },
  {
    method: 'PATCH',
    route: '/v1/webhook-endpoints/{id}',
    access: 'write',
    idKind: 'webhookEndpoint',
    request: (id) => ({ url: `/v1/webhook-endpoints/${id}`, body: { description: 'Renamed' } }),
  },
  {
    method: 'DELETE',
    route: '/v1/webhook-endpoints/{id}',
    access: 'write',
    idKind: 'webhookEndpoint',
    request: (id) => ({ url: `/v1/webhook-endpoints/${id}` }),
  },
  {
    method: 'POST',
    route: '/v1/webhook-endpoints/{id}/rotate-secret',
    access: 'write',
    idKind: 'webhookEndpoint',
    request: (id) => ({ url: `/v1/webhook-endpoints/${id}/rotate-secret` }),
  },
  {
    method: 'GET',
    route: '/v1/webhook-endpoints/{id}/deliveries',
    access: 'admin-read',
    idKind: 'webhookEndpoint',
    request: (id) => ({ url: `/v1/webhook-endpoints/${id}/deliveries` }),
  },
  {
    method: 'POST',
    route: '/v1/webhook-endpoints/{id}/test',
    access: 'write',
    idKind: 'webhookEndpoint',
    request: (id) => ({ url: `/v1/webhook-endpoints/${id}/test` }),
  },
  {
    method: 'POST',
    route: '/v1/webhook-deliveries/{id}/redeliver',
    access: 'write',
    idKind: 'webhookDelivery',
    request: (id) => ({ url: `/v1/webhook-deliveries/${id}/redeliver` }),
  },
  {
    method: 'PUT',
    route: '/v1/wallets/{id}/alert-settings',
    access: 'top-up',
    idKind: 'wallet',
    request: (id) => ({
      url: `/v1/wallets/${id}/alert-settings`,
      body: { threshold: 1_000, runwayDays: 7, channels: ['desktop'] },
    }),
  },
  {
    method: 'GET',
    route: '/v1/wallets/{id}/alert-settings',
    access: 'read',
    idKind: 'wallet',
    request: (id) => ({ url: `/v1/wallets/${id}/alert-settings` }),
  },
  {
    method: 'GET',
    route: '/v1/wallets/{id}/alerts',
    access: 'read',
    idKind: 'wallet',
    request: (id) => ({ url: `/v1/wallets/${id}/alerts` }),
  },
  {
    method: 'GET',
    route: '/v1/wallets/{id}/runway',
    access: 'read',
    idKind: 'wallet',
    request: (id) => ({ url: `/v1/wallets/${id}/runway` }),
  },
  {
    // Switched off, so the sweeps' saved method (pending until paid) may be named.
    method: 'PUT',
    route: '/v1/wallets/{id}/auto-top-up',
    access: 'top-up',
    idKind: 'wallet',
    request: (id, records) => ({
      url: `/v1/wallets/${id}/auto-top-up`,
      body: {
        enabled: false,
        threshold: 1_000,
        amount: 5_000,
        paymentMethodId: (records as Partial<PaymentRecords> | undefined)?.savedMethodId ?? 'pmt_missing',
      },
    }),
  },
  {
    method: 'GET',
    route: '/v1/wallets/{id}/auto-top-up',
    access: 'read',
    idKind: 'wallet',
    request: (id) => ({ url: `/v1/wallets/${id}/auto-top-up` }),
  },
  {
    method: 'GET',
    route: '/v1/wallets/{id}/auto-top-up/attempts',
    access: 'read',
    idKind: 'wallet',
    request: (id) => ({ url: `/v1/wallets/${id}/auto-top-up/attempts` }),
  },
  {
    method: 'GET',
    route: '/v1/gateway-activity',
    access: 'staff-read',
    request: () => ({ url: '/v1/gateway-activity' }),
  },
  {
    method: 'POST',
    route: '/v1/payments/{id}/refunds',
    // Money-moving, but it needs a paid gateway top-up, which the plain tenants of the money sweeps
    // lack: payment-refunds-*.test.ts cover its key; the admin sweep pays one first (paySandboxTopUp).
    access: 'write',
    idempotent: true,
    idKind: 'payment',
    request: (id) => ({ url: `/v1/payments/${id}/refunds`, body: { amount: 100, reason: 'Refund' } }),
  },
  {
    method: 'GET',
    route: '/v1/payments/{id}/refunds',
    access: 'staff-read',
    idKind: 'payment',
    request: (id) => ({ url: `/v1/payments/${id}/refunds` }),
  },
  {
    method: 'GET',
    route: '/v1/wallets/{id}/refunds',
    access: 'staff-read',
    idKind: 'wallet',
    request: (id) => ({ url: `/v1/wallets/${id}/refunds` }),
  },
  {
    method: 'POST',
    route: '/v1/customers/{id}/invoices',
    access: 'write',
    idKind: 'customer',
    request: (id) => ({
      url: `/v1/customers/${id}/invoices`,
      body: { currency: 'USD', lines: [{ description: 'Hosting', quantity: 1, unitAmount: 1_000 }] },
    }),
  },
  {
    method: 'PATCH',
    route: '/v1/invoices/{id}',
    access: 'write',
    idKind: 'invoice',
    request: (id) => ({ url: `/v1/invoices/${id}`, body: { memo: 'Thank you' } }),
  },
  {
    // Moves money (auto-pay), so it carries a key; invoices-core.test.ts covers replays.
    method: 'POST',
    route: '/v1/invoices/{id}/finalize',
    access: 'write',
    idempotent: true,
    idKind: 'invoice',
    request: (id) => ({ url: `/v1/invoices/${id}/finalize` }),
  },
  {
    method: 'POST',
    route: '/v1/invoices/{id}/void',
    access: 'write',
    idempotent: true,
    idKind: 'invoice',
    request: (id) => ({ url: `/v1/invoices/${id}/void` }),
  },
  {
    method: 'POST',
    route: '/v1/invoices/{id}/pay',
    access: 'top-up',
    idempotent: true,
    idKind: 'openInvoice',
    request: (id) => ({ url: `/v1/invoices/${id}/pay`, body: { source: 'wallet' } }),
  },
  {
    method: 'POST',
    route: '/v1/invoices/{id}/payments',
    access: 'top-up',
    idempotent: true,
    idKind: 'openInvoice',
    request: (id) => ({ url: `/v1/invoices/${id}/payments`, body: { provider: 'sandbox' } }),
  },
  {
    method: 'POST',
    route: '/v1/wallets/{id}/invoice-top-ups',
    access: 'top-up',
    idKind: 'wallet',
    request: (id) => ({ url: `/v1/wallets/${id}/invoice-top-ups`, body: { amount: 5_000 } }),
  },
  {
    // One receipt per payment: asking again answers the same invoice, so it needs no key.
    method: 'POST',
    route: '/v1/payments/{id}/invoice',
    access: 'top-up',
    idKind: 'paidTopUp',
    request: (id) => ({ url: `/v1/payments/${id}/invoice` }),
  },
  {
    method: 'POST',
    route: '/v1/invoices/{id}/mark-paid',
    access: 'write',
    idempotent: true,
    idKind: 'openInvoice',
    request: (id) => ({ url: `/v1/invoices/${id}/mark-paid`, body: { reference: 'BANK-REF-1' } }),
  },
  {
    method: 'GET',
    route: '/v1/audit',
    access: 'admin-read',
    request: () => ({ url: '/v1/audit?limit=5' }),
  },
  {
    // A bank-statement line paying the open invoice (1,000 USD minor units due); each request is a
    // line of its own. Exactly-once per line: bank-lines-apply.test.ts.
    method: 'POST',
    route: '/v1/bank-lines/apply',
    access: 'write',
    idempotent: true,
    idKind: 'openInvoice',
    request: (id) => ({
      url: '/v1/bank-lines/apply',
      body: {
        bankReference: key(),
        date: '2026-12-01',
        amount: 1_000,
        currency: 'USD',
        description: 'Transfer for invoice',
        target: { kind: 'invoice', id },
      },
    }),
  },
  {
    method: 'GET',
    route: '/v1/invoices',
    access: 'read',
    request: () => ({ url: '/v1/invoices?status=open' }),
  },
  {
    method: 'GET',
    route: '/v1/invoices/{id}',
    access: 'read',
    idKind: 'invoice',
    request: (id) => ({ url: `/v1/invoices/${id}` }),
  },
  {
    method: 'GET',
    route: '/v1/invoices/{id}/pdf',
    access: 'read',
    idKind: 'openInvoice',
    request: (id) => ({ url: `/v1/invoices/${id}/pdf` }),
  },
  {
    method: 'GET',
    route: '/v1/customers/{id}/invoice-settings',
    access: 'read',
    idKind: 'customer',
    request: (id) => ({ url: `/v1/customers/${id}/invoice-settings` }),
  },
  {
    method: 'PUT',
    route: '/v1/customers/{id}/invoice-settings',
    access: 'write',
    idKind: 'customer',
    request: (id) => ({ url: `/v1/customers/${id}/invoice-settings`, body: { autoPay: false } }),
  },
  {
    method: 'GET',
    route: '/v1/invoice-settings',
    access: 'staff-read',
    request: () => ({ url: '/v1/invoice-settings' }),
  },
  {
    method: 'PUT',
    route: '/v1/invoice-settings',
    access: 'write',
    request: () => ({ url: '/v1/invoice-settings', body: { prefix: 'INV-{YYYY}-' } }),
  },
  {
    method: 'GET',
    route: '/v1/tickets',
    access: 'read',
    request: () => ({ url: '/v1/tickets?status=open' }),
  },
  {
    // The assignee picker: staff only (support agents assign tickets but may not list users).
    method: 'GET',
    route: '/v1/tickets/assignees',
    access: 'staff-read',
    request: () => ({ url: '/v1/tickets/assignees' }),
  },
  {
    method: 'GET',
    route: '/v1/tickets/{id}',
    access: 'read',
    idKind: 'ticket',
    request: (id) => ({ url: `/v1/tickets/${id}` }),
  },
  {
    // Staff name the customer; a customer's own is implied. tickets.test.ts covers roles and replays.
    method: 'POST',
    route: '/v1/tickets',
    access: 'desk',
    idempotent: true,
    idKind: 'customer',
    request: (id) => ({
      url: '/v1/tickets',
      body: { customerId: id, subject: 'Question', message: 'Where is my top-up?' },
    }),
  },
  {
    method: 'POST',
    route: '/v1/tickets/{id}/messages',
    access: 'desk',
    idempotent: true,
    idKind: 'ticket',
    request: (id) => ({ url: `/v1/tickets/${id}/messages`, body: { message: 'Thanks, looking.' } }),
  },
  {
    method: 'PATCH',
    route: '/v1/tickets/{id}',
    access: 'desk-staff',
    idempotent: true,
    idKind: 'ticket',
    request: (id) => ({ url: `/v1/tickets/${id}`, body: { status: 'resolved' } }),
  },
  {
    // The sweeps' payment is a sandbox one: a hash cannot verify it (400 on the admin's own).
    // payments-verify.test.ts covers every outcome on crypto and VietQR payments.
    method: 'POST',
    route: '/v1/payments/{id}/verify',
    access: 'desk',
    idKind: 'payment',
    request: (id) => ({ url: `/v1/payments/${id}/verify`, body: { txHash: 'ab'.repeat(32) } }),
  },
  // Not in the API document, and not Bearer-authenticated: the hosted pages GET/POST /pay/:token
  // (top-up links) and /sandbox/checkout/:id. top-up-links.test.ts and payments-sandbox-pages.test.ts
  // cover their unknown and forged tokens and ids.
];

/** Routes that change something: refused to a role that may not call them, never answered 200. */
export const isWrite = (r: RouteCase) =>
  r.access === 'write' ||
  r.access === 'money' ||
  r.access === 'top-up' ||
  r.access === 'desk' ||
  r.access === 'desk-staff';
/** Routes a Bearer credential is for (all but the provider-signed webhook). */
export const isBearer = (r: RouteCase) => r.access !== 'webhook';
export const sendsKey = (r: RouteCase) => r.access === 'money' || r.idempotent === true;
export const label = (r: RouteCase) => `${r.method} ${r.route}`;
