import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../../src/server/context.js';
import { call, key, OPERATOR_TOKEN } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { expectRefusal, login, ok, PASSWORD } from '../../support/tenants.js';
import { startTwinApis, type TwinApis } from '../../support/twin-apis.js';

/**
 * Two API processes over one database (one PostgreSQL schema, one SQLite file). A key revoked or a
 * session signed out on A is refused by B for the very next request: no process keeps trusting a
 * credential it resolved earlier (B had just accepted it, which is what a cache would keep).
 */
describe.each(DIALECTS)('revocation across API processes on %s', (dialect) => {
  let apis: TwinApis;
  let admin: string;
  let adminEmail: string;
  let walletId: string;

  beforeAll(async () => {
    apis = await startTwinApis(dialect);
    adminEmail = `admin-${key()}@example.com`;
    const reseller = await ok(
      call(apis.a, 'POST', '/v1/resellers', {
        token: OPERATOR_TOKEN,
        body: { name: 'Revoco', adminEmail, adminPassword: PASSWORD },
      }),
    );
    admin = reseller.apiKey;
    const customer = await ok(
      call(apis.a, 'POST', '/v1/customers', {
        token: admin,
        body: { name: 'Payer', email: `c-${key()}@example.com` },
      }),
    );
    const wallet = await ok(
      call(apis.a, 'POST', `/v1/customers/${customer.id}/wallets`, {
        token: admin,
        body: { currency: 'USD', initialBalance: 100_000 },
        key: key('wallet'),
      }),
    );
    walletId = wallet.id;
  });
  afterAll(() => apis.close());

  const debit = (app: Api, token: string) =>
    call(app, 'POST', `/v1/wallets/${walletId}/debits`, {
      token,
      key: key('debit'),
      body: { amount: 1, description: 'Order' },
    });
  const balance = async () =>
    (await ok(call(apis.a, 'GET', `/v1/wallets/${walletId}`, { token: admin }))).balance as number;

  it('an API key revoked on A is refused by B at once: the debit is 401 and nothing moves', async () => {
    const created = await ok(
      call(apis.a, 'POST', '/v1/api-keys', { token: admin, body: { name: 'Shop', role: 'reseller_admin' } }),
    );
    expect((await debit(apis.b, created.key)).status).toBe(201);
    const before = await balance();

    await ok(call(apis.a, 'DELETE', `/v1/api-keys/${created.id}`, { token: admin }));
    expectRefusal(await debit(apis.b, created.key), 401, 'unauthorized');
    expectRefusal(await debit(apis.a, created.key), 401, 'unauthorized');
    expect(await balance()).toBe(before);
  });

  it('a session signed out on A is refused by B at once', async () => {
    const session = await login(apis.a, adminEmail);
    expect((await debit(apis.b, session)).status).toBe(201);
    const before = await balance();

    const out = await call(apis.a, 'POST', '/v1/auth/logout', { token: session });
    expect(out.status).toBe(204);
    expectRefusal(await debit(apis.b, session), 401, 'unauthorized');
    expectRefusal(await call(apis.b, 'GET', '/v1/me', { token: session }), 401, 'unauthorized');
    expect(await balance()).toBe(before);
  });

  it('a user disabled on A: its session is refused by B at once', async () => {
    const email = `agent-${key()}@example.com`;
    const user = await ok(
      call(apis.a, 'POST', '/v1/users', {
        token: admin,
        body: { email, password: PASSWORD, role: 'support_agent' },
      }),
    );
    const session = await login(apis.a, email);
    expect((await call(apis.b, 'GET', '/v1/me', { token: session })).status).toBe(200);

    await ok(call(apis.a, 'PATCH', `/v1/users/${user.id}`, { token: admin, body: { disabled: true } }));
    expectRefusal(await call(apis.b, 'GET', '/v1/me', { token: session }), 401, 'unauthorized');
  });

  it('revoked while B is busy with the key: every debit B answers after the revoke response is 401', async () => {
    const created = await ok(
      call(apis.a, 'POST', '/v1/api-keys', { token: admin, body: { name: 'Busy', role: 'reseller_admin' } }),
    );
    // B keeps debiting with the key in a loop while A revokes it, until B refuses it.
    let revoked = false;
    const acceptedAfterRevoke: number[] = [];
    const hammer = (async () => {
      for (;;) {
        const wasRevoked = revoked;
        const reply = await debit(apis.b, created.key);
        if (!wasRevoked) continue;
        if (reply.status === 401) return;
        acceptedAfterRevoke.push(reply.status);
      }
    })();
    await ok(call(apis.a, 'DELETE', `/v1/api-keys/${created.id}`, { token: admin }));
    revoked = true;
    await hammer;
    expect(acceptedAfterRevoke).toEqual([]);
  });
});
