import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import { call, key, OPERATOR_TOKEN } from '../../support/api.js';
import {
  createPaymentTenant,
  freshRecords,
  paymentRecords,
  paymentRows,
  paySandboxTopUp,
  type PaymentTenant,
} from '../../support/payment-records.js';
import { startPaymentsApi, type PaymentsApi } from '../../support/payments.js';
import {
  idOf,
  isBearer,
  isWrite,
  label,
  mayCall,
  ROUTES,
  sendsKey,
  type Role,
  type RouteCase,
} from '../../support/routes.js';
import { everything, expectRefusal, ok } from '../../support/tenants.js';

const STREAM = '/v1/sync/stream';

describe.each(DIALECTS)('who may do what, on %s', (dialect) => {
  let api: PaymentsApi;
  let t: PaymentTenant;
  /** A customer-role API key of t's customer (the portal's credential). */
  let customerKey: string;

  /** One request of the table on t's own records, with an Idempotency-Key where money moves. */
  const send = (r: RouteCase, auth: { token?: string; headers?: Record<string, string> }) => {
    const { url, body } = r.request(r.idKind ? idOf(t, r.idKind) : '', t);
    return call(api.app, r.method, url, {
      ...auth,
      ...(body === undefined ? {} : { body }),
      ...(sendsKey(r) ? { key: key() } : {}),
    });
  };
  /** The tenant as its admin reads it, the row counts, and every row of the payment tables. */
  const snapshot = async () => ({
    ...(await everything(api.app, api.db.store, t.admin)),
    payments: await paymentRows(api.db.store),
  });

  beforeAll(async () => {
    api = await startPaymentsApi(dialect);
    t = await createPaymentTenant(api.app, api.db.store, 'Acme');
    customerKey = (
      await ok(
        call(api.app, 'POST', '/v1/api-keys', {
          token: t.admin,
          body: { name: 'Portal', role: 'customer', customerId: t.customerId },
        }),
      )
    ).key;
  });
  afterAll(() => api.close());

  it('every route but sign-in refuses a request without a credential (401) and writes nothing', async () => {
    const before = await snapshot();
    for (const r of ROUTES.filter((r) => r.access !== 'public' && isBearer(r))) {
      const reply = await send(r, {});
      expect.soft(reply.status, label(r)).toBe(401);
      expectRefusal(reply, 401, 'unauthorized');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('an unknown, malformed or revoked credential is 401, like no credential', async () => {
    const revoked = await ok(
      call(api.app, 'POST', '/v1/api-keys', { token: t.admin, body: { name: 'Old', role: 'support_agent' } }),
    );
    await ok(call(api.app, 'DELETE', `/v1/api-keys/${revoked.id}`, { token: t.admin }));
    const headers = [
      `Bearer rk_${randomBytes(32).toString('base64url')}`,
      `Bearer rs_${randomBytes(32).toString('base64url')}`,
      `Bearer ${t.admin}x`,
      `Bearer ${revoked.key}`,
      `Basic ${Buffer.from(`admin:${t.admin}`).toString('base64')}`,
      `Token ${t.admin}`,
      `Bearer ${t.admin} extra`,
      'Bearer',
      '',
    ];
    const before = await snapshot();
    for (const authorization of headers) {
      for (const route of [
        '/v1/me',
        '/v1/customers',
        '/v1/wallets/{id}/credits',
        '/v1/wallets/{id}/top-ups',
      ]) {
        const r =
          ROUTES.find((x) => x.route === route && x.method === 'POST') ??
          ROUTES.find((x) => x.route === route)!;
        expectRefusal(await send(r, { headers: { authorization } }), 401, 'unauthorized');
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  /**
   * A role that writes nothing of the tenant's: every route it may not call is 403, every read it
   * may make answers, and nothing changes. A customer's own top-ups (which it may start, cancel, and
   * choose saved methods for) are left to the test after, on records of their own.
   */
  async function readOnlySweep(role: Exclude<Role, 'admin'>, token: string) {
    const before = await snapshot();
    for (const r of ROUTES) {
      if (r.access === 'public' || r.access === 'own-session' || !isBearer(r) || r.route === STREAM) continue;
      if (mayCall(role, r) && isWrite(r)) continue;
      const reply = await send(r, { token });
      if (mayCall(role, r)) {
        expect.soft(reply.status, label(r)).toBe(200);
      } else {
        expect.soft(reply.status, label(r)).toBe(403);
        expectRefusal(reply, 403, 'forbidden');
      }
    }
    expect(await snapshot()).toEqual(before);
  }

  it('a support agent reads everything of the tenant and changes nothing (403 on every write)', async () => {
    await readOnlySweep('support', t.support);
  });

  it('a customer login reads its own records and changes nothing but its top-ups (403 on every other write)', async () => {
    await readOnlySweep('customer', t.customer);
  });

  it('a customer API key is refused every write but top-ups just the same', async () => {
    await readOnlySweep('customer', customerKey);
  });

  it('a customer starts and cancels top-ups of its own wallet, adds its own payers and chooses among its own saved methods', async () => {
    const topUpRoutes = ROUTES.filter((r) => r.access === 'top-up');
    expect(topUpRoutes.map(label).sort()).toEqual(
      [
        'DELETE /v1/payment-methods/{id}',
        'POST /v1/customers/{id}/payers',
        'POST /v1/payment-methods/{id}/default',
        'POST /v1/payments/{id}/cancel',
        'POST /v1/wallets/{id}/top-ups',
        'POST /v1/customers/{id}/orders',
        'POST /v1/subscriptions/{id}/cancel',
        'POST /v1/subscriptions/{id}/renew',
        'PUT /v1/wallets/{id}/alert-settings',
        'PUT /v1/wallets/{id}/auto-top-up',
        'POST /v1/invoices/{id}/pay',
        'POST /v1/invoices/{id}/payments',
        'POST /v1/wallets/{id}/invoice-top-ups',
        'POST /v1/batch',
        'POST /v1/payments/{id}/invoice',
      ].sort(),
    );
    for (const token of [t.customer, customerKey]) {
      for (const r of topUpRoutes) {
        // Fresh payment records of t's own customer, so that one write does not stand in another's way.
        const own = await paymentRecords(api.app, api.db.store, t.admin, t);
        // A receipt is for a paid top-up: the sandbox one is paid first.
        if (r.idKind === 'paidTopUp') await paySandboxTopUp(api.app, api.db.store, own.topUpId);
        const { url, body } = r.request(r.idKind ? idOf({ ...t, ...own }, r.idKind) : '', t);
        const reply = await call(api.app, r.method, url, {
          token,
          ...(body === undefined ? {} : { body }),
          ...(sendsKey(r) ? { key: key() } : {}),
        });
        expect.soft([200, 201, 204], `${label(r)}: ${JSON.stringify(reply.body)}`).toContain(reply.status);
      }
    }
  });

  it('every role takes part in the support desk: tickets (staff alone move them) and verifying a payment', async () => {
    const deskRoutes = ROUTES.filter((r) => r.access === 'desk' || r.access === 'desk-staff');
    expect(deskRoutes.map(label).sort()).toEqual(
      [
        'POST /v1/tickets',
        'POST /v1/tickets/{id}/messages',
        'PATCH /v1/tickets/{id}',
        'POST /v1/payments/{id}/verify',
      ].sort(),
    );
    const callers: Array<[Role, string]> = [
      ['customer', t.customer],
      ['customer', customerKey],
      ['support', t.support],
      ['admin', t.admin],
    ];
    for (const [role, token] of callers) {
      for (const r of deskRoutes) {
        const reply = await send(r, { token });
        if (!mayCall(role, r)) {
          expectRefusal(reply, 403, 'forbidden');
        } else if (r.route === '/v1/payments/{id}/verify') {
          // Past every role check: the sweeps' payment is a sandbox one, which no hash verifies.
          expectRefusal(reply, 400, 'validation', 'txHash');
        } else {
          expect
            .soft([200, 201], `${role} ${label(r)}: ${JSON.stringify(reply.body)}`)
            .toContain(reply.status);
        }
      }
    }
  });

  it('a write is refused to a read-only role before anything else is looked at', async () => {
    // No Idempotency-Key and an unknown wallet: still 403, the role is checked first.
    expectRefusal(
      await call(api.app, 'POST', '/v1/wallets/wal_missing/debits', {
        token: t.support,
        body: { amount: 1, description: 'x' },
      }),
      403,
      'forbidden',
    );
  });

  it('the operator manages resellers only: every tenant route is 403, and a tenant may not manage resellers', async () => {
    const before = await snapshot();
    for (const r of ROUTES) {
      if (r.access === 'public' || r.access === 'own-session' || !isBearer(r) || r.route === '/v1/me')
        continue;
      const reply = await send(r, { token: OPERATOR_TOKEN });
      if (r.access === 'operator') continue;
      expect.soft(reply.status, label(r)).toBe(403);
      expectRefusal(reply, 403, 'forbidden');
    }
    for (const r of ROUTES.filter((r) => r.access === 'operator')) {
      for (const token of [t.admin, t.support, t.customer]) {
        expectRefusal(await send(r, { token }), 403, 'forbidden');
      }
    }
    const after = await snapshot();
    // The operator's own calls (one reseller created above) are the only change.
    expect(after.state).toEqual(before.state);
    expect(after.payments).toEqual(before.payments);
    expect(after.rows).toEqual({
      ...before.rows,
      resellers: before.rows.resellers! + 1,
      users: before.rows.users! + 1,
      api_keys: before.rows.api_keys! + 1,
    });
  });

  it('the reseller admin gets the same requests through: the refusals above are about the role', async () => {
    expect(ROUTES.filter(isWrite).length).toBeGreaterThanOrEqual(23);
    for (const r of ROUTES.filter((r) => !mayCall('support', r) && isBearer(r) && r.access !== 'operator')) {
      // Fresh records for each write, so that one (a close, a capture) does not stand in another's way.
      const fresh = await freshRecords(api.app, api.db.store, t, 'Fresh');
      if (r.route === '/v1/wallets/{id}/close') {
        await ok(call(api.app, 'POST', `/v1/holds/${fresh.holdId}/release`, { token: t.admin, key: key() }));
        // Its order provisioned (a wallet whose order still is would have to take that order's refund)…
        await ok(
          call(api.app, 'POST', `/v1/orders/${fresh.orderId}/fulfilment`, {
            token: t.admin,
            key: key(),
            body: { provisioned: 1 },
          }),
        );
        // …and its subscriptions ended too (a wallet that still pays one is not closed): as at
        // the end of its last period.
        await api.db.store.db
          .updateTable('subscriptions')
          .set({ status: 'expired' })
          .where('wallet_id', '=', fresh.walletId)
          .execute();
      }
      if ((r.route === '/v1/payments/{id}/refunds' && r.method === 'POST') || r.idKind === 'paidTopUp') {
        await paySandboxTopUp(api.app, api.db.store, fresh.topUpId);
      }
      const records = { ...t, ...fresh };
      const { url, body } = r.request(r.idKind ? idOf(records, r.idKind) : '', records);
      const reply = await call(api.app, r.method, url, {
        token: t.admin,
        ...(body === undefined ? {} : { body }),
        ...(sendsKey(r) ? { key: key() } : {}),
      });
      expect.soft([200, 201, 204], `${label(r)}: ${JSON.stringify(reply.body)}`).toContain(reply.status);
    }
    // Fresh records (a customer, wallets, a hold, a top-up, a subscription…) for each of a hundred
    // routes: on PostgreSQL on a loaded two-core machine this walk took 60–85 s, past the shared
    // one-minute limit.
  }, 240_000);
});
