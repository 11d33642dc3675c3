import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import { call, key, OPERATOR_TOKEN } from '../../support/api.js';
import { paymentRows } from '../../support/payment-records.js';
import { startPaymentsApi, type PaymentsApi } from '../../support/payments.js';
import { createTenant, everything, expectRefusal, PASSWORD, type Tenant } from '../../support/tenants.js';

interface Case {
  /** Where the request goes: "POST /v1/wallets/:wallet/credits" style, filled from the tenant's ids. */
  to: string;
  body?: unknown;
  /** Sent as is, instead of `body`. */
  raw?: string;
  headers?: Record<string, string>;
  token?: 'operator';
  expect: [status: number, code: string, field?: string];
}

const CREDIT = 'POST /v1/wallets/:wallet/credits';
const credit = (body: unknown, field: string): Case => ({
  to: CREDIT,
  body,
  expect: [400, 'validation', field],
});
const okCredit = { amount: 100, description: 'Top-up' };

const CASES: Record<string, Case[]> = {
  'wrong types': [
    credit({ ...okCredit, amount: '100' }, 'amount'),
    credit({ ...okCredit, amount: null }, 'amount'),
    credit({ ...okCredit, amount: [100] }, 'amount'),
    credit({ ...okCredit, description: 5 }, 'description'),
    credit({ ...okCredit, reference: { id: 1 } }, 'reference'),
    {
      to: 'POST /v1/customers',
      body: { name: true, email: 'a@example.com' },
      expect: [400, 'validation', 'name'],
    },
    { to: 'POST /v1/customers', body: { name: 'A', email: 5 }, expect: [400, 'validation', 'email'] },
    { to: 'PATCH /v1/customers/:customer', body: { name: null }, expect: [400, 'validation', 'name'] },
    {
      to: 'POST /v1/customers/:customer/wallets',
      body: { currency: 840 },
      expect: [400, 'validation', 'currency'],
    },
    { to: CREDIT, raw: 'null', expect: [400, 'validation', 'body'] },
    { to: CREDIT, raw: '[]', expect: [400, 'validation', 'body'] },
    { to: CREDIT, raw: '"a string"', expect: [400, 'validation', 'body'] },
  ],
  'missing fields': [
    credit({ description: 'Top-up' }, 'amount'),
    credit({ amount: 100 }, 'description'),
    { to: CREDIT, expect: [400, 'validation', 'body'] },
    {
      to: 'POST /v1/wallets/:wallet/adjustments',
      body: { amount: 5 },
      expect: [400, 'validation', 'reason'],
    },
    {
      to: 'POST /v1/wallet-transactions/:payment/refunds',
      body: { amount: 5 },
      expect: [400, 'validation', 'reason'],
    },
    { to: 'POST /v1/customers', body: { name: 'No email' }, expect: [400, 'validation', 'email'] },
    { to: 'POST /v1/customers/:customer/wallets', body: {}, expect: [400, 'validation', 'currency'] },
    { to: 'POST /v1/api-keys', body: { name: 'K' }, expect: [400, 'validation', 'role'] },
    { to: 'POST /v1/auth/login', body: { email: 'a@example.com' }, expect: [400, 'validation', 'password'] },
  ],
  'empty or too long text': [
    credit({ ...okCredit, description: '' }, 'description'),
    credit({ ...okCredit, description: '   ' }, 'description'),
    credit({ ...okCredit, description: 'x'.repeat(501) }, 'description'),
    credit({ ...okCredit, reference: '' }, 'reference'),
    {
      to: 'POST /v1/customers',
      body: { name: ' ', email: 'a@example.com' },
      expect: [400, 'validation', 'name'],
    },
    {
      to: 'POST /v1/customers',
      body: { name: 'x'.repeat(201), email: 'a@example.com' },
      expect: [400, 'validation', 'name'],
    },
    {
      to: 'POST /v1/customers',
      body: { name: 'A', email: 'not-an-email' },
      expect: [400, 'validation', 'email'],
    },
    { to: 'PATCH /v1/customers/:customer', body: {}, expect: [400, 'validation', 'body'] },
  ],
  'negative, zero, fractional and huge amounts': [
    credit({ ...okCredit, amount: -100 }, 'amount'),
    credit({ ...okCredit, amount: 0 }, 'amount'),
    credit({ ...okCredit, amount: 10.5 }, 'amount'),
    credit({ ...okCredit, amount: 100_000_000_000_001 }, 'amount'),
    { to: CREDIT, raw: '{"amount":1e400,"description":"Top-up"}', expect: [400, 'validation', 'amount'] },
    {
      to: CREDIT,
      raw: '{"amount":9007199254740993,"description":"x"}',
      expect: [400, 'validation', 'amount'],
    },
    { to: CREDIT, raw: '{"amount":-0,"description":"Top-up"}', expect: [400, 'validation', 'amount'] },
    {
      to: 'POST /v1/wallets/:wallet/debits',
      body: { amount: -5, description: 'x' },
      expect: [400, 'validation', 'amount'],
    },
    {
      to: 'POST /v1/wallets/:wallet/debits',
      body: { amount: 0.01, description: 'x' },
      expect: [400, 'validation', 'amount'],
    },
    {
      to: 'POST /v1/wallets/:wallet/adjustments',
      body: { amount: 0, reason: 'x' },
      expect: [400, 'validation', 'amount'],
    },
    {
      to: 'POST /v1/wallets/:wallet/adjustments',
      raw: '{"amount":-0,"reason":"x"}',
      expect: [400, 'validation', 'amount'],
    },
    {
      to: 'POST /v1/wallets/:wallet/adjustments',
      body: { amount: -1e15, reason: 'x' },
      expect: [400, 'validation', 'amount'],
    },
    {
      to: 'POST /v1/wallets/:wallet/holds',
      body: { amount: 0, description: 'x' },
      expect: [400, 'validation', 'amount'],
    },
    { to: 'POST /v1/holds/:hold/capture', body: { amount: 0 }, expect: [400, 'validation', 'amount'] },
    { to: 'POST /v1/holds/:hold/capture', body: { amount: 1.5 }, expect: [400, 'validation', 'amount'] },
    {
      to: 'POST /v1/wallet-transactions/:payment/refunds',
      body: { amount: -1, reason: 'x' },
      expect: [400, 'validation', 'amount'],
    },
    {
      to: 'POST /v1/customers/:customer/wallets',
      body: { currency: 'EUR', initialBalance: -1 },
      expect: [400, 'validation', 'initialBalance'],
    },
    {
      to: 'POST /v1/customers/:customer/wallets',
      body: { currency: 'EUR', initialBalance: 0.5 },
      expect: [400, 'validation', 'initialBalance'],
    },
    {
      to: 'POST /v1/customers/:customer/wallets',
      body: { currency: 'EUR', initialBalance: 1e15 },
      expect: [400, 'validation', 'initialBalance'],
    },
  ],
  'unknown currencies': ['XYZ', 'usd', 'US', '', 'BTC'].map((currency) => ({
    to: 'POST /v1/customers/:customer/wallets',
    body: { currency },
    expect: [400, 'validation', 'currency'] as Case['expect'],
  })),
  'malformed JSON': [
    '{"amount":',
    "{'amount':100}",
    '{"amount":100,}',
    'undefined',
    '{"a":1}{"b":2}',
    '',
  ].map((raw) => ({ to: CREDIT, raw, expect: [400, 'invalid_json'] as Case['expect'] })),
  'unknown fields': [
    credit({ ...okCredit, currency: 'USD' }, 'currency'),
    credit({ ...okCredit, balanceAfter: 1 }, 'balanceAfter'),
    {
      to: 'POST /v1/customers',
      body: { name: 'A', email: 'a@example.com', phone: '1' },
      expect: [400, 'validation', 'phone'],
    },
    {
      to: 'PATCH /v1/customers/:customer',
      body: { resellerId: 'rsl_x' },
      expect: [400, 'validation', 'resellerId'],
    },
    {
      to: 'POST /v1/holds/:hold/capture',
      body: { amount: 5, all: true },
      expect: [400, 'validation', 'all'],
    },
    { to: 'POST /v1/holds/:hold/release', body: { reason: 'x' }, expect: [400, 'validation', 'reason'] },
    {
      to: 'POST /v1/auth/login',
      body: { email: 'a@example.com', password: 'x', remember: true },
      expect: [400, 'validation', 'remember'],
    },
    { to: 'GET /v1/customers?page=2', expect: [400, 'validation', 'page'] },
    { to: 'GET /v1/sync/changes?since=0', expect: [400, 'validation', 'since'] },
  ],
  'wrong content type': [
    'text/plain',
    'application/xml',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
  ].map((type) => ({
    to: CREDIT,
    raw: JSON.stringify(okCredit),
    headers: { 'content-type': type },
    expect: [415, 'unsupported_media_type'] as Case['expect'],
  })),
  'bad query and path values': [
    { to: 'GET /v1/customers?limit=0', expect: [400, 'validation', 'limit'] },
    { to: 'GET /v1/customers?limit=501', expect: [400, 'validation', 'limit'] },
    { to: 'GET /v1/customers?limit=ten', expect: [400, 'validation', 'limit'] },
    { to: 'GET /v1/customers?limit=1&limit=2', expect: [400, 'validation', 'limit'] },
    { to: 'GET /v1/customers?cursor=garbage', expect: [400, 'validation', 'cursor'] },
    { to: `GET /v1/customers?query=${'q'.repeat(201)}`, expect: [400, 'validation', 'query'] },
    { to: 'GET /v1/sync/changes?cursor=-1', expect: [400, 'validation', 'cursor'] },
    { to: 'GET /v1/sync/changes?cursor=1.5', expect: [400, 'validation', 'cursor'] },
    { to: 'GET /v1/sync/changes?cursor=1e300', expect: [400, 'validation', 'cursor'] },
    { to: 'GET /v1/sync/changes?limit=5001', expect: [400, 'validation', 'limit'] },
    { to: `GET /v1/wallets/${'w'.repeat(65)}`, expect: [400, 'validation', 'id'] },
    { to: `POST /v1/wallets/${'w'.repeat(65)}/credits`, body: okCredit, expect: [400, 'validation', 'id'] },
    { to: 'GET /v1/wallets/%E0%A4%A', expect: [400, 'validation', 'id'] },
  ],
  'NUL characters (PostgreSQL cannot store them)': [
    {
      to: 'POST /v1/customers',
      body: { name: 'a\u0000b', email: 'a@example.com' },
      expect: [400, 'validation', 'name'],
    },
    credit({ ...okCredit, description: '\u0000' }, 'description'),
    { to: 'GET /v1/customers?query=%00', expect: [400, 'validation', 'query'] },
    { to: 'GET /v1/wallets/wal%00', expect: [400, 'validation', 'id'] },
    {
      to: `GET /v1/customers?cursor=${Buffer.from('["\\u0000","x"]').toString('base64url')}`,
      expect: [400, 'validation', 'cursor'],
    },
  ],
  'payment input': [
    ...[
      [{ amount: '5000', provider: 'sandbox' }, 'amount'],
      [{ amount: 0, provider: 'sandbox' }, 'amount'],
      [{ amount: 50.5, provider: 'sandbox' }, 'amount'],
      [{ amount: 5_000, provider: 'bitcoin' }, 'provider'],
      [{ amount: 5_000 }, 'provider'],
      // A saved method belongs to a payer: saving one needs the payer to save it for.
      [{ amount: 5_000, provider: 'sandbox', saveMethod: true }, 'payerId'],
      [{ amount: 5_000, provider: 'sandbox', saveMethod: 'yes' }, 'saveMethod'],
    ].map(([body, field]): Case => ({
      to: 'POST /v1/wallets/:wallet/top-ups',
      body,
      expect: [400, 'validation', field as string],
    })),
    { to: 'POST /v1/customers/:customer/payers', body: { name: ' ' }, expect: [400, 'validation', 'name'] },
    {
      to: 'POST /v1/customers/:customer/payers',
      body: { name: 'A', email: 'not an email' },
      expect: [400, 'validation', 'email'],
    },
    {
      to: 'POST /v1/customers/:customer/top-up-links',
      body: { walletId: 'wal_any', expiresAt: 'next week' },
      expect: [400, 'validation', 'expiresAt'],
    },
    {
      to: 'POST /v1/customers/:customer/top-up-links',
      body: { walletId: 'wal_any', amount: -1, expiresAt: '2030-01-01T00:00:00Z' },
      expect: [400, 'validation', 'amount'],
    },
    {
      to: 'PATCH /v1/payment-settings',
      body: { limits: 'USD' },
      expect: [400, 'validation', 'limits'],
    },
    {
      to: 'PUT /v1/payment-settings/credentials/sandbox',
      body: { credentials: { webhookSecret: 'short' } },
      expect: [400, 'validation', 'credentials.webhookSecret'],
    },
    {
      to: 'PUT /v1/payment-settings/credentials/bitcoin',
      body: { credentials: {} },
      expect: [400, 'validation', 'provider'],
    },
    {
      to: 'PUT /v1/payment-settings/credentials/sandbox',
      body: { credentials: 'sbwhsec_0123456789abcdef' },
      expect: [400, 'validation', 'credentials'],
    },
  ],
  'other refusals of input': [
    {
      to: 'POST /v1/users',
      body: { email: 'u@example.com', password: 'short', role: 'support_agent' },
      expect: [400, 'validation', 'password'],
    },
    {
      to: 'POST /v1/users',
      body: { email: 'u@example.com', password: PASSWORD, role: 'operator' },
      expect: [400, 'validation', 'role'],
    },
    {
      to: 'POST /v1/resellers',
      token: 'operator',
      body: { name: 'R', adminEmail: 'r@example.com', adminPassword: 'short' },
      expect: [400, 'validation', 'adminPassword'],
    },
    {
      to: CREDIT,
      body: okCredit,
      headers: { 'idempotency-key': 'has space' },
      expect: [400, 'validation', 'Idempotency-Key'],
    },
    {
      to: CREDIT,
      body: okCredit,
      headers: { 'idempotency-key': 'k'.repeat(256) },
      expect: [400, 'validation', 'Idempotency-Key'],
    },
    {
      to: CREDIT,
      body: okCredit,
      headers: { 'idempotency-key': 'é' },
      expect: [400, 'validation', 'Idempotency-Key'],
    },
  ],
};

describe.each(DIALECTS)(
  'refused input on %s: right status, code and field, and nothing written',
  (dialect) => {
    let api: PaymentsApi;
    let t: Tenant;
    /** The tenant as its admin reads it, every table's row count, every payment table's rows. */
    const snapshot = async () => ({
      ...(await everything(api.app, api.db.store, t.admin)),
      payments: await paymentRows(api.db.store),
    });

    const send = (c: Case) => {
      const [method, path] = c.to.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH', string];
      const ids: Record<string, string> = {
        wallet: t.walletId,
        customer: t.customerId,
        hold: t.holdId,
        payment: t.paymentId,
      };
      const url = path.replace(/:(wallet|customer|hold|payment)/, (_, kind: string) => ids[kind]!);
      const needsKey = path.includes('credits') || path.includes('top-ups');
      const headers = { ...(needsKey ? { 'idempotency-key': key() } : {}), ...c.headers };
      return call(api.app, method, url, {
        token: c.token === 'operator' ? OPERATOR_TOKEN : t.admin,
        headers,
        ...(c.raw !== undefined ? { rawBody: c.raw } : c.body !== undefined ? { body: c.body } : {}),
      });
    };

    beforeAll(async () => {
      api = await startPaymentsApi(dialect);
      t = await createTenant(api.app, 'Acme');
    });
    afterAll(() => api.close());

    for (const [group, cases] of Object.entries(CASES)) {
      it(`refuses ${group}`, async () => {
        const before = await snapshot();
        for (const c of cases) {
          const reply = await send(c);
          const [status, code, field] = c.expect;
          expect.soft(reply.status, `${c.to} ${c.raw ?? JSON.stringify(c.body)}`.slice(0, 200)).toBe(status);
          expectRefusal(reply, status, code, field);
        }
        expect(await snapshot()).toEqual(before);
      });
    }

    it('refuses a body over 64 KiB with 413, and one just under the limit as ordinary bad input', async () => {
      const before = await snapshot();
      const padded = (size: number) => {
        const text = JSON.stringify({ amount: 100, description: '' });
        return text.replace('"description":""', `"description":"${'x'.repeat(size - text.length)}"`);
      };
      expect(padded(64 * 1024 + 1)).toHaveLength(64 * 1024 + 1);
      expectRefusal(
        await send({ to: CREDIT, raw: padded(64 * 1024 + 1), expect: [413, 'payload_too_large'] }),
        413,
        'payload_too_large',
      );
      expectRefusal(
        await send({ to: CREDIT, raw: padded(1024 * 1024), expect: [413, 'payload_too_large'] }),
        413,
        'payload_too_large',
      );
      expectRefusal(
        await send({ to: CREDIT, raw: padded(64 * 1024), expect: [400, 'validation'] }),
        400,
        'validation',
        'description',
      );
      expect(await snapshot()).toEqual(before);
    });

    it('an unknown route is a 404 in the same shape', async () => {
      expectRefusal(await call(api.app, 'GET', '/v1/wallet', { token: t.admin }), 404, 'not_found');
      expectRefusal(
        await call(api.app, 'PUT' as 'POST', `/v1/wallets/${t.walletId}`, { token: t.admin }),
        404,
        'not_found',
      );
    });
  },
);
