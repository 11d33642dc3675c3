import { expect } from 'vitest';
import type { Api } from '../../src/server/context.js';
import type { Store } from '../../src/server/db/database.js';
import { Sequencer } from '../../src/server/sync/sequencer.js';
import { call, key, OPERATOR_TOKEN, type Reply } from './api.js';

export const PASSWORD = 'correct horse battery staple';

/** A refusal as a caller sees it: the status, and exactly `{error: {code, message, field?}}`. */
export function expectRefusal(reply: Reply<any>, status: number, code: string, field?: string): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  // A refusal a person meets may carry its particulars as data too (RefusalReason).
  const reason: unknown = reply.body?.error?.reason;
  expect(reply.body).toStrictEqual({
    error: {
      code,
      message: expect.stringMatching(/\S/),
      ...(field === undefined ? {} : { field }),
      ...(reason === undefined ? {} : { reason: { key: expect.any(String), values: expect.any(Object) } }),
    },
  });
}

export async function login(app: Api, email: string, password = PASSWORD): Promise<string> {
  const reply = await call(app, 'POST', '/v1/auth/login', { body: { email, password } });
  if (reply.status !== 200) throw new Error(`login ${email}: ${JSON.stringify(reply.body)}`);
  return reply.body.token as string;
}

/** A `call` that must succeed with `status`; returns the body. */
export async function ok<T = any>(reply: Promise<Reply<T>> | Reply<T>, status = [200, 201, 204]): Promise<T> {
  const r = await reply;
  if (!status.includes(r.status)) throw new Error(`expected ${status.join('/')}: ${JSON.stringify(r.body)}`);
  return r.body;
}

export interface Tenant {
  name: string;
  resellerId: string;
  /** The admin API key returned when the reseller was created. */
  admin: string;
  /** Session tokens of a support agent and of a customer login (for `customerId`). */
  support: string;
  customer: string;
  customerId: string;
  /** A second customer of the same reseller, with the same kinds of records. */
  otherCustomerId: string;
  walletId: string;
  otherWalletId: string;
  /** A pending hold and a payment on each wallet. */
  holdId: string;
  otherHoldId: string;
  paymentId: string;
  otherPaymentId: string;
  /** An extra (support) API key's id. */
  apiKeyId: string;
  /** A spare support agent's user id (no token of the tenant belongs to it). */
  userId: string;
}

/** A new customer with a funded USD wallet (100 000), a 1 000 payment and a pending 2 000 hold. */
export async function customerWithRecords(app: Api, admin: string, label: string) {
  const customer = await ok(
    call(app, 'POST', '/v1/customers', {
      token: admin,
      body: { name: `${label}`, email: `${key('c')}@example.com`, externalRef: key('ref') },
    }),
  );
  const wallet = await ok(
    call(app, 'POST', `/v1/customers/${customer.id}/wallets`, {
      token: admin,
      body: { currency: 'USD', initialBalance: 100_000 },
      key: key('wallet'),
    }),
  );
  const payment = await ok(
    call(app, 'POST', `/v1/wallets/${wallet.id}/debits`, {
      token: admin,
      key: key(),
      body: { amount: 1_000, description: `${label} order` },
    }),
  );
  const hold = await ok(
    call(app, 'POST', `/v1/wallets/${wallet.id}/holds`, {
      token: admin,
      key: key(),
      body: { amount: 2_000, description: `${label} pending order` },
    }),
  );
  return {
    customerId: customer.id as string,
    walletId: wallet.id as string,
    paymentId: payment.transaction.id as string,
    holdId: hold.hold.id as string,
  };
}

/**
 * The reseller's admin turns test mode on (the sandbox gateway: off for a new reseller) through
 * PATCH /v1/payment-settings, as the Payment settings screen does.
 */
export async function turnOnTestMode(app: Api, admin: string): Promise<void> {
  const settings = await ok(call(app, 'GET', '/v1/payment-settings', { token: admin }));
  // `available` is the server's verdict, not a setting: it is not sent back.
  const { available: _, ...sandbox } = settings.methods.find((m: any) => m.provider === 'sandbox');
  const updated = await ok(
    call(app, 'PATCH', '/v1/payment-settings', {
      token: admin,
      body: { methods: [{ ...sandbox, enabled: true }] },
    }),
  );
  expect(updated.methods.find((m: any) => m.provider === 'sandbox')).toMatchObject({
    enabled: true,
    available: true,
  });
}

/**
 * A reseller with an admin key, a support agent, a customer login and two customers' records. Its
 * admin has turned test mode on (the sandbox gateway), which the payment tests pay through.
 */
export async function createTenant(app: Api, name: string): Promise<Tenant> {
  const adminEmail = `admin-${key(name.toLowerCase())}@example.com`;
  const reseller = await ok(
    call(app, 'POST', '/v1/resellers', {
      token: OPERATOR_TOKEN,
      body: { name, adminEmail, adminPassword: PASSWORD },
    }),
  );
  const admin = reseller.apiKey as string;
  await turnOnTestMode(app, admin);
  const mine = await customerWithRecords(app, admin, `${name} customer`);
  const other = await customerWithRecords(app, admin, `${name} other customer`);
  const supportEmail = `support-${key()}@example.com`;
  const customerEmail = `customer-${key()}@example.com`;
  await ok(
    call(app, 'POST', '/v1/users', {
      token: admin,
      body: { email: supportEmail, password: PASSWORD, role: 'support_agent' },
    }),
  );
  await ok(
    call(app, 'POST', '/v1/users', {
      token: admin,
      body: { email: customerEmail, password: PASSWORD, role: 'customer', customerId: mine.customerId },
    }),
  );
  const apiKey = await ok(
    call(app, 'POST', '/v1/api-keys', { token: admin, body: { name: 'Helpdesk', role: 'support_agent' } }),
  );
  const spare = await ok(
    call(app, 'POST', '/v1/users', {
      token: admin,
      body: { email: `spare-${key()}@example.com`, password: PASSWORD, role: 'support_agent' },
    }),
  );
  return {
    name,
    resellerId: reseller.id,
    admin,
    support: await login(app, supportEmail),
    customer: await login(app, customerEmail),
    ...mine,
    otherCustomerId: other.customerId,
    otherWalletId: other.walletId,
    otherHoldId: other.holdId,
    otherPaymentId: other.paymentId,
    apiKeyId: apiKey.id,
    userId: spare.id,
  };
}

/** Every page of a cursor-paginated list. */
export async function listAll(app: Api, token: string, url: string): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const page: any = await ok(
      call(app, 'GET', cursor ? `${url}${sep}cursor=${encodeURIComponent(cursor)}` : url, { token }),
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** Everything a reseller admin can read of their tenant: what "nothing was written" compares. */
export async function tenantState(app: Api, admin: string) {
  const customers = await listAll(app, admin, '/v1/customers?limit=500');
  const wallets: any[] = [];
  for (const c of customers) {
    for (const w of (await ok(call(app, 'GET', `/v1/customers/${c.id}/wallets`, { token: admin }))).items) {
      wallets.push({
        ...w,
        transactions: await listAll(app, admin, `/v1/wallets/${w.id}/transactions?limit=500`),
        holds: (await ok(call(app, 'GET', `/v1/wallets/${w.id}/holds`, { token: admin }))).items,
      });
    }
  }
  const apiKeys = (await ok(call(app, 'GET', '/v1/api-keys', { token: admin }))).items;
  const users = (await ok(call(app, 'GET', '/v1/users', { token: admin }))).items;
  return { customers, wallets, apiKeys, users };
}

const TABLES = [
  'resellers',
  'users',
  'sessions',
  'api_keys',
  'customers',
  'wallets',
  'ledger_entries',
  'holds',
  'changes',
] as const;

/** Row counts of every table but idempotency_keys (a stored refusal is by design a write there). */
export async function rowCounts(store: Store): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** Both views at once: the tenant as its admin reads it, and the row counts of the whole database. */
export async function everything(app: Api, store: Store, admin: string) {
  return { state: await tenantState(app, admin), rows: await rowCounts(store) };
}

/** Resolves once every change committed so far has its feed position (no waiting on a timer). */
export async function settleFeed(store: Store): Promise<void> {
  await new Sequencer(store).flush();
}

/** Every change a caller's feed holds, following the cursor to the end. */
export async function readFeed(app: Api, token: string): Promise<any[]> {
  const changes: any[] = [];
  let cursor = 0;
  for (;;) {
    const page: any = await ok(call(app, 'GET', `/v1/sync/changes?cursor=${cursor}&limit=50`, { token }));
    changes.push(...page.changes);
    if (!page.hasMore) return changes;
    cursor = page.nextCursor;
  }
}

/** A clock the test moves by hand: every timestamp the API writes is predictable. */
export function manualClock(start = '2030-01-01T00:00:00.000Z') {
  let now = Date.parse(start);
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
    iso: () => new Date(now).toISOString(),
  };
}
