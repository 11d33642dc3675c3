/**
 * Resellers and their records made through the billing API's HTTP routes, as any other client of a
 * running API process would make them.
 */
import { OPERATOR_TOKEN } from './api.js';
import { http } from './http.js';

let keys = 0;
/** A fresh Idempotency-Key. */
export const idempotencyKey = (label = 'it') => `${label}-${process.pid}-${Date.now()}-${++keys}`;

/** A POST that must succeed; returns the body. */
export async function post<T = any>(
  baseUrl: string,
  token: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const reply = await http<T>(baseUrl, 'POST', path, { token, key: idempotencyKey(), body });
  if (reply.status !== 200 && reply.status !== 201)
    throw new Error(`POST ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/**
 * The reseller's admin offers "Invoice (bank transfer)" as a top-up method (PUT /v1/invoice-settings,
 * as the Payment settings screen does): off for a new reseller.
 */
export async function offerInvoiceTopUpsOverHttp(baseUrl: string, apiKey: string): Promise<void> {
  const reply = await http(baseUrl, 'PUT', '/v1/invoice-settings', {
    token: apiKey,
    body: { prefix: 'INV-{YYYY}-', bankDetails: 'Vietcombank 0011001234567', offerTopUp: true },
  });
  if (reply.status !== 200)
    throw new Error(`PUT /v1/invoice-settings: ${reply.status} ${JSON.stringify(reply.body)}`);
}

/** A GET that must succeed; returns the body. */
export async function get<T = any>(baseUrl: string, token: string, path: string): Promise<T> {
  const reply = await http<T>(baseUrl, 'GET', path, { token });
  if (reply.status !== 200) throw new Error(`GET ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/**
 * The reseller's admin turns test mode on (the sandbox gateway: off for a new reseller) through
 * PATCH /v1/payment-settings, as the Payment settings screen does.
 */
export async function turnOnTestModeOverHttp(baseUrl: string, apiKey: string): Promise<void> {
  const settings = await get(baseUrl, apiKey, '/v1/payment-settings');
  // `available` is the server's verdict, not a setting: it is not sent back.
  const { available: _, ...sandbox } = settings.methods.find((m: any) => m.provider === 'sandbox');
  const reply = await http<any>(baseUrl, 'PATCH', '/v1/payment-settings', {
    token: apiKey,
    body: { methods: [{ ...sandbox, enabled: true }] },
  });
  const on = reply.body?.methods?.find((m: any) => m.provider === 'sandbox');
  if (reply.status !== 200 || !on?.available)
    throw new Error(`turning test mode on: ${reply.status} ${JSON.stringify(reply.body)}`);
}

/**
 * A reseller made by the operator; `apiKey` is its admin's key (what the console signs in with).
 * Its admin has turned test mode on (the sandbox gateway), which the desktop's top-up tests pay through.
 */
export async function createReseller(baseUrl: string, name: string) {
  const reseller = await post<{ id: string; apiKey: string }>(baseUrl, OPERATOR_TOKEN, '/v1/resellers', {
    name,
    adminEmail: `admin-${idempotencyKey(name.toLowerCase().replace(/\W+/g, '-'))}@example.com`,
    adminPassword: 'correct horse battery staple',
  });
  await turnOnTestModeOverHttp(baseUrl, reseller.apiKey);
  return { resellerId: reseller.id, apiKey: reseller.apiKey };
}

/** A customer with one wallet holding `balance` minor units (an initial top-up row when > 0). */
export async function customerWithWallet(
  baseUrl: string,
  apiKey: string,
  options: { name: string; currency?: string; balance: number },
) {
  const customer = await post(baseUrl, apiKey, '/v1/customers', {
    name: options.name,
    email: `${idempotencyKey('customer')}@example.com`,
  });
  const wallet = await post(baseUrl, apiKey, `/v1/customers/${customer.id}/wallets`, {
    currency: options.currency ?? 'USD',
    ...(options.balance > 0 ? { initialBalance: options.balance } : {}),
  });
  return { customerId: customer.id as string, walletId: wallet.id as string };
}

/**
 * A reseller's records of every kind the change feed carries: customers with and without an external
 * reference (one with no wallet), wallets in several currencies, and every kind of ledger row and hold
 * state — top-ups, a payment and its partial refund, adjustments both ways, a pending hold, a captured
 * one and a released one.
 */
export async function seedVariedRecords(baseUrl: string, apiKey: string): Promise<void> {
  const alice = await post(baseUrl, apiKey, '/v1/customers', {
    name: 'Alice Nguyen',
    email: `${idempotencyKey('alice')}@example.com`,
    externalRef: idempotencyKey('crm'),
  });
  const bob = await post(baseUrl, apiKey, '/v1/customers', {
    name: 'Bob Tran',
    email: `${idempotencyKey('bob')}@example.com`,
  });
  await post(baseUrl, apiKey, '/v1/customers', {
    name: 'Chi Le',
    email: `${idempotencyKey('chi')}@example.com`,
  });

  const usd = await post(baseUrl, apiKey, `/v1/customers/${alice.id}/wallets`, {
    currency: 'USD',
    initialBalance: 100_000,
  });
  const payment = await post(baseUrl, apiKey, `/v1/wallets/${usd.id}/debits`, {
    amount: 2_500,
    description: 'Residential proxies — 10 GB',
  });
  await post(baseUrl, apiKey, `/v1/wallet-transactions/${payment.transaction.id}/refunds`, {
    amount: 1_000,
    reason: 'Partial outage',
  });
  await post(baseUrl, apiKey, `/v1/wallets/${usd.id}/adjustments`, {
    amount: -500,
    reason: 'Fee correction',
  });
  await post(baseUrl, apiKey, `/v1/wallets/${usd.id}/holds`, { amount: 3_000, description: 'Pending order' });
  const captured = await post(baseUrl, apiKey, `/v1/wallets/${usd.id}/holds`, {
    amount: 2_000,
    description: 'Renewal: datacenter plan',
  });
  await post(baseUrl, apiKey, `/v1/holds/${captured.hold.id}/capture`, { amount: 1_500 });
  const released = await post(baseUrl, apiKey, `/v1/wallets/${usd.id}/holds`, {
    amount: 1_000,
    description: 'Cancelled order',
  });
  await post(baseUrl, apiKey, `/v1/holds/${released.hold.id}/release`);

  const vnd = await post(baseUrl, apiKey, `/v1/customers/${alice.id}/wallets`, {
    currency: 'VND',
    initialBalance: 500_000,
  });
  await post(baseUrl, apiKey, `/v1/wallets/${vnd.id}/credits`, {
    amount: 250_000,
    description: 'VietQR top-up',
  });

  const eur = await post(baseUrl, apiKey, `/v1/customers/${bob.id}/wallets`, { currency: 'EUR' });
  await post(baseUrl, apiKey, `/v1/wallets/${eur.id}/credits`, {
    amount: 10_000,
    description: 'Card top-up',
  });
  await post(baseUrl, apiKey, `/v1/wallets/${eur.id}/adjustments`, {
    amount: 250,
    reason: 'Goodwill credit',
  });
}
