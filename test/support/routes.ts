import { key } from './api.js';
import { PASSWORD, type Tenant } from './tenants.js';

/** What a route's id (in the path, or `customerId` in the body) names. */
export type IdKind = 'customer' | 'wallet' | 'hold' | 'transaction' | 'apiKey';

export interface RouteCase {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The route as the OpenAPI document names it. */
  route: string;
  /** Who may call it: everyone signed in to a tenant reads; only the reseller admin writes. */
  access: 'public' | 'operator' | 'read' | 'admin-read' | 'write' | 'money' | 'own-session';
  /** The record the id names; the request below is built for that id. */
  idKind?: IdKind;
  /** A valid request (for a reseller admin) on record `id`. */
  request(id: string): { url: string; body?: unknown };
}

/** The ids a tenant's own records have, by kind: a valid `id` for every route of the table. */
export function idOf(t: Tenant, kind: IdKind): string {
  return {
    customer: t.customerId,
    wallet: t.walletId,
    hold: t.holdId,
    transaction: t.paymentId,
    apiKey: t.apiKeyId,
  }[kind];
}

/** The same record kinds of the tenant's second customer (api keys belong to no customer). */
export function otherIdOf(t: Tenant, kind: Exclude<IdKind, 'apiKey'>): string {
  return {
    customer: t.otherCustomerId,
    wallet: t.otherWalletId,
    hold: t.otherHoldId,
    transaction: t.otherPaymentId,
  }[kind];
}

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
    method: 'POST',
    route: '/v1/customers/{id}/wallets',
    access: 'write',
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
    method: 'POST',
    route: '/v1/wallets/{id}/close',
    access: 'write',
    idKind: 'wallet',
    request: (id) => ({ url: `/v1/wallets/${id}/close` }),
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
];

export const isWrite = (r: RouteCase) => r.access === 'write' || r.access === 'money';
export const label = (r: RouteCase) => `${r.method} ${r.route}`;
