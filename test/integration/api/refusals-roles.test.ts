import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import { call, key, OPERATOR_TOKEN, startApi, type TestApi } from '../../support/api.js';
import { idOf, isWrite, label, ROUTES, type RouteCase } from '../../support/routes.js';
import {
  createTenant,
  customerWithRecords,
  everything,
  expectRefusal,
  ok,
  type Tenant,
} from '../../support/tenants.js';

const STREAM = '/v1/sync/stream';

describe.each(DIALECTS)('who may do what, on %s', (dialect) => {
  let api: TestApi;
  let t: Tenant;
  /** A customer-role API key of t's customer (the portal's credential). */
  let customerKey: string;

  /** One request of the table on t's own records, with an Idempotency-Key where money moves. */
  const send = (r: RouteCase, auth: { token?: string; headers?: Record<string, string> }) => {
    const { url, body } = r.request(r.idKind ? idOf(t, r.idKind) : '');
    return call(api.app, r.method, url, {
      ...auth,
      ...(body === undefined ? {} : { body }),
      ...(r.access === 'money' ? { key: key() } : {}),
    });
  };

  beforeAll(async () => {
    api = await startApi(dialect);
    t = await createTenant(api.app, 'Acme');
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
    const before = await everything(api.app, api.db.store, t.admin);
    for (const r of ROUTES.filter((r) => r.access !== 'public')) {
      const reply = await send(r, {});
      expect.soft(reply.status, label(r)).toBe(401);
      expectRefusal(reply, 401, 'unauthorized');
    }
    expect(await everything(api.app, api.db.store, t.admin)).toEqual(before);
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
    const before = await everything(api.app, api.db.store, t.admin);
    for (const authorization of headers) {
      for (const route of ['/v1/me', '/v1/customers', '/v1/wallets/{id}/credits']) {
        const r = ROUTES.find((x) => x.route === route)!;
        expectRefusal(await send(r, { headers: { authorization } }), 401, 'unauthorized');
      }
    }
    expect(await everything(api.app, api.db.store, t.admin)).toEqual(before);
  });

  /** A role that reads its tenant but writes nothing: every write is 403, every read answers. */
  async function readOnlySweep(token: string) {
    const before = await everything(api.app, api.db.store, t.admin);
    for (const r of ROUTES) {
      if (r.access === 'public' || r.access === 'own-session' || r.route === STREAM) continue;
      const reply = await send(r, { token });
      if (r.access === 'read') {
        expect.soft(reply.status, label(r)).toBe(200);
      } else {
        expect.soft(reply.status, label(r)).toBe(403);
        expectRefusal(reply, 403, 'forbidden');
      }
    }
    expect(await everything(api.app, api.db.store, t.admin)).toEqual(before);
  }

  it('a support agent reads everything of the tenant and changes nothing (403 on every write)', async () => {
    await readOnlySweep(t.support);
  });

  it('a customer login reads its own records and changes nothing (403 on every write)', async () => {
    await readOnlySweep(t.customer);
  });

  it('a customer API key is refused every write just the same', async () => {
    await readOnlySweep(customerKey);
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
    const before = await everything(api.app, api.db.store, t.admin);
    for (const r of ROUTES) {
      if (r.access === 'public' || r.access === 'own-session' || r.route === '/v1/me') continue;
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
    const after = await everything(api.app, api.db.store, t.admin);
    // The operator's own calls (one reseller created above) are the only change.
    expect(after.state).toEqual(before.state);
    expect(after.rows).toEqual({
      ...before.rows,
      resellers: before.rows.resellers! + 1,
      users: before.rows.users! + 1,
      api_keys: before.rows.api_keys! + 1,
    });
  });

  it('the reseller admin gets the same requests through: the refusals above are about the role', async () => {
    expect(ROUTES.filter(isWrite).length).toBeGreaterThanOrEqual(14);
    for (const r of ROUTES.filter((r) => isWrite(r) || r.access === 'admin-read')) {
      // Fresh records for each write, so that one (a close, a capture) does not stand in another's way.
      const fresh = await customerWithRecords(api.app, t.admin, 'Fresh');
      if (r.route === '/v1/wallets/{id}/close') {
        await ok(call(api.app, 'POST', `/v1/holds/${fresh.holdId}/release`, { token: t.admin, key: key() }));
      }
      const { url, body } = r.request(r.idKind ? idOf({ ...t, ...fresh }, r.idKind) : '');
      const reply = await call(api.app, r.method, url, {
        token: t.admin,
        ...(body === undefined ? {} : { body }),
        ...(r.access === 'money' ? { key: key() } : {}),
      });
      expect.soft([200, 201], `${label(r)}: ${JSON.stringify(reply.body)}`).toContain(reply.status);
    }
  });
});
