import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import { call, key, OPERATOR_TOKEN, startApi, type TestApi } from '../../support/api.js';
import { expectRefusal, login, manualClock, ok, PASSWORD } from '../../support/tenants.js';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe.each(DIALECTS)('sign-in, sessions, API keys and users on %s', (dialect) => {
  let api: TestApi;
  const clock = manualClock();
  let reseller: { id: string; name: string; apiKey: string };
  let adminEmail: string;
  let customerId: string;
  let otherCustomerId: string;

  beforeAll(async () => {
    api = await startApi(dialect, { clock: clock.now });
    adminEmail = `admin-${key()}@example.com`;
    reseller = await ok(
      call(api.app, 'POST', '/v1/resellers', {
        token: OPERATOR_TOKEN,
        body: { name: '  Acme Hosting ', adminEmail, adminPassword: PASSWORD },
      }),
    );
    for (const name of ['Mine', 'Not mine']) {
      const c = await ok(
        call(api.app, 'POST', '/v1/customers', {
          token: reseller.apiKey,
          body: { name, email: `${key()}@example.com` },
        }),
      );
      if (name === 'Mine') customerId = c.id;
      else otherCustomerId = c.id;
    }
  });
  afterAll(() => api.close());

  it('POST /v1/resellers: the operator creates a reseller and gets its admin API key once', async () => {
    expect(reseller).toStrictEqual({
      id: expect.stringMatching(/^rsl_/),
      name: 'Acme Hosting',
      apiKey: expect.stringMatching(/^rk_/),
    });
    const me = await call(api.app, 'GET', '/v1/me', { token: reseller.apiKey });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      principal: { role: 'reseller_admin', resellerId: reseller.id, userId: null },
      reseller: { id: reseller.id, name: 'Acme Hosting' },
    });
    const listed = await call(api.app, 'GET', '/v1/resellers', { token: OPERATOR_TOKEN });
    expect(listed.body.items.filter((r: any) => r.id === reseller.id)).toHaveLength(1);
  });

  it('POST /v1/resellers: refused to anyone but the operator, and to a taken admin email', async () => {
    const body = { name: 'Other', adminEmail: `x-${key()}@example.com`, adminPassword: PASSWORD };
    expectRefusal(
      await call(api.app, 'POST', '/v1/resellers', { token: reseller.apiKey, body }),
      403,
      'forbidden',
    );
    expectRefusal(await call(api.app, 'POST', '/v1/resellers', { body }), 401, 'unauthorized');
    expectRefusal(
      await call(api.app, 'POST', '/v1/resellers', {
        token: OPERATOR_TOKEN,
        body: { ...body, adminEmail: adminEmail.toUpperCase() },
      }),
      409,
      'conflict',
      'adminEmail',
    );
    const listed = await call(api.app, 'GET', '/v1/resellers', { token: OPERATOR_TOKEN });
    expect(listed.body.items.map((r: any) => r.name)).toEqual(['Acme Hosting']);
  });

  it('POST /v1/auth/login answers {token, expiresAt, principal} and the token reads /v1/me', async () => {
    const reply = await call(api.app, 'POST', '/v1/auth/login', {
      body: { email: adminEmail.toUpperCase(), password: PASSWORD },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toStrictEqual({
      token: expect.stringMatching(/^rs_/),
      expiresAt: new Date(clock.now().getTime() + 12 * 3600_000).toISOString(),
      principal: { userId: expect.stringMatching(/^usr_/), role: 'reseller_admin', resellerId: reseller.id },
    });
    const me = await call(api.app, 'GET', '/v1/me', { token: reply.body.token });
    expect(me.body).toStrictEqual({
      principal: {
        userId: reply.body.principal.userId,
        apiKeyId: null,
        role: 'reseller_admin',
        resellerId: reseller.id,
      },
      reseller: { id: reseller.id, name: 'Acme Hosting', createdAt: expect.stringMatching(ISO) },
      email: adminEmail,
      language: null,
    });
  });

  it('a wrong password and an unknown email get the same 401', async () => {
    const wrong = await call(api.app, 'POST', '/v1/auth/login', {
      body: { email: adminEmail, password: 'not the password' },
    });
    const unknown = await call(api.app, 'POST', '/v1/auth/login', {
      body: { email: `nobody-${key()}@example.com`, password: PASSWORD },
    });
    expectRefusal(wrong, 401, 'unauthorized');
    expect(unknown).toMatchObject({ status: wrong.status, body: wrong.body });
  });

  it('POST /v1/auth/logout ends the session: the token stops working', async () => {
    const token = await login(api.app, adminEmail);
    expect((await call(api.app, 'GET', '/v1/me', { token })).status).toBe(200);
    const out = await call(api.app, 'POST', '/v1/auth/logout', { token });
    expect(out).toMatchObject({ status: 204, body: null });
    expectRefusal(await call(api.app, 'GET', '/v1/me', { token }), 401, 'unauthorized');
    expectRefusal(await call(api.app, 'POST', '/v1/auth/logout', { token }), 401, 'unauthorized');
  });

  it('POST /v1/auth/logout refuses an API key (revoke it instead) and leaves it working', async () => {
    expectRefusal(
      await call(api.app, 'POST', '/v1/auth/logout', { token: reseller.apiKey }),
      400,
      'validation',
      'Authorization',
    );
    expect((await call(api.app, 'GET', '/v1/me', { token: reseller.apiKey })).status).toBe(200);
  });

  it('a session expires 12 hours after sign-in', async () => {
    const token = await login(api.app, adminEmail);
    clock.advance(12 * 3600_000 - 1000);
    expect((await call(api.app, 'GET', '/v1/me', { token })).status).toBe(200);
    clock.advance(2000);
    expectRefusal(await call(api.app, 'GET', '/v1/me', { token }), 401, 'unauthorized');
  });

  it('POST /v1/api-keys shows the key once; GET lists it without the key; DELETE revokes it (401 after)', async () => {
    const created = await call(api.app, 'POST', '/v1/api-keys', {
      token: reseller.apiKey,
      body: { name: 'Helpdesk', role: 'support_agent' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toStrictEqual({
      id: expect.stringMatching(/^key_/),
      name: 'Helpdesk',
      role: 'support_agent',
      customerId: null,
      prefix: created.body.key.slice(0, 8),
      createdAt: clock.iso(),
      revokedAt: null,
      key: expect.stringMatching(/^rk_/),
    });
    const { key: secret, ...shown } = created.body;
    const listed = await ok(call(api.app, 'GET', '/v1/api-keys', { token: reseller.apiKey }));
    expect(listed.items).toContainEqual(shown);
    expect(JSON.stringify(listed)).not.toContain(secret);

    expect((await call(api.app, 'GET', '/v1/customers', { token: secret })).status).toBe(200);
    clock.advance(1000);
    const revoked = await call(api.app, 'DELETE', `/v1/api-keys/${shown.id}`, { token: reseller.apiKey });
    expect(revoked.body).toStrictEqual({ ...shown, revokedAt: clock.iso() });
    expectRefusal(await call(api.app, 'GET', '/v1/customers', { token: secret }), 401, 'unauthorized');
    // Revoking again changes nothing: the first revocation time stays.
    clock.advance(1000);
    const again = await call(api.app, 'DELETE', `/v1/api-keys/${shown.id}`, { token: reseller.apiKey });
    expect(again).toMatchObject({ status: 200, body: revoked.body });
  });

  it('a customer API key needs a customerId of this reseller, and only the customer role takes one', async () => {
    const before = await ok(call(api.app, 'GET', '/v1/api-keys', { token: reseller.apiKey }));
    const post = (body: unknown) => call(api.app, 'POST', '/v1/api-keys', { token: reseller.apiKey, body });
    expectRefusal(await post({ name: 'C', role: 'customer' }), 400, 'validation', 'customerId');
    expectRefusal(
      await post({ name: 'S', role: 'support_agent', customerId }),
      400,
      'validation',
      'customerId',
    );
    expectRefusal(
      await post({ name: 'C', role: 'customer', customerId: 'cus_missing' }),
      404,
      'not_found',
      'customerId',
    );
    expectRefusal(await post({ name: 'O', role: 'operator' }), 400, 'validation', 'role');
    expect(await ok(call(api.app, 'GET', '/v1/api-keys', { token: reseller.apiKey }))).toEqual(before);

    const made = await ok(post({ name: 'Portal', role: 'customer', customerId }));
    const me = await ok(call(api.app, 'GET', '/v1/me', { token: made.key }));
    expect(me.principal).toMatchObject({ role: 'customer', customerId, resellerId: reseller.id });
  });

  it('POST /v1/users creates a support agent who reads but may not write', async () => {
    const email = `agent-${key()}@example.com`;
    const created = await call(api.app, 'POST', '/v1/users', {
      token: reseller.apiKey,
      body: { email: email.toUpperCase(), password: PASSWORD, role: 'support_agent' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toStrictEqual({
      id: expect.stringMatching(/^usr_/),
      email,
      role: 'support_agent',
      customerId: null,
      status: 'active',
      lastSignInAt: null,
      createdAt: clock.iso(),
    });
    const signIn = await ok(call(api.app, 'POST', '/v1/auth/login', { body: { email, password: PASSWORD } }));
    expect(signIn.principal).toStrictEqual({
      userId: created.body.id,
      role: 'support_agent',
      resellerId: reseller.id,
    });
    const customers = await call(api.app, 'GET', '/v1/customers', { token: signIn.token });
    expect(customers.body.items.map((c: any) => c.id).sort()).toEqual([customerId, otherCustomerId].sort());
    expectRefusal(
      await call(api.app, 'POST', '/v1/customers', {
        token: signIn.token,
        body: { name: 'Nope', email: 'nope@example.com' },
      }),
      403,
      'forbidden',
    );
    expect(await ok(call(api.app, 'GET', '/v1/users', { token: reseller.apiKey }))).toMatchObject({
      items: expect.arrayContaining([{ ...created.body, lastSignInAt: clock.iso() }]),
    });
  });

  it('POST /v1/users creates a customer login that sees only its own customer and wallets', async () => {
    const wallet = await ok(
      call(api.app, 'POST', `/v1/customers/${customerId}/wallets`, {
        token: reseller.apiKey,
        body: { currency: 'EUR', initialBalance: 500 },
        key: key('wallet'),
      }),
    );
    const email = `portal-${key()}@example.com`;
    const created = await ok(
      call(api.app, 'POST', '/v1/users', {
        token: reseller.apiKey,
        body: { email, password: PASSWORD, role: 'customer', customerId },
      }),
    );
    expect(created).toMatchObject({ role: 'customer', customerId });
    const signIn = await ok(call(api.app, 'POST', '/v1/auth/login', { body: { email, password: PASSWORD } }));
    expect(signIn.principal).toStrictEqual({
      userId: created.id,
      role: 'customer',
      resellerId: reseller.id,
      customerId,
    });
    const token = signIn.token;
    const list = await ok(call(api.app, 'GET', '/v1/customers', { token }));
    expect(list.items.map((c: any) => c.id)).toEqual([customerId]);
    expect((await call(api.app, 'GET', `/v1/customers/${customerId}`, { token })).status).toBe(200);
    const wallets = await ok(call(api.app, 'GET', `/v1/customers/${customerId}/wallets`, { token }));
    expect(wallets.items.map((w: any) => w.id)).toEqual([wallet.id]);
    expect(await ok(call(api.app, 'GET', `/v1/wallets/${wallet.id}`, { token }))).toEqual(wallet);
    expectRefusal(
      await call(api.app, 'GET', `/v1/customers/${otherCustomerId}`, { token }),
      404,
      'not_found',
      'id',
    );
    expectRefusal(await call(api.app, 'GET', '/v1/users', { token }), 403, 'forbidden');
    expectRefusal(await call(api.app, 'GET', '/v1/api-keys', { token }), 403, 'forbidden');
  });

  it('POST /v1/users refuses a taken email and a customer role without a customer', async () => {
    const before = await ok(call(api.app, 'GET', '/v1/users', { token: reseller.apiKey }));
    const post = (body: unknown) => call(api.app, 'POST', '/v1/users', { token: reseller.apiKey, body });
    expectRefusal(
      await post({ email: adminEmail, password: PASSWORD, role: 'support_agent' }),
      409,
      'conflict',
      'email',
    );
    expectRefusal(
      await post({ email: `c-${key()}@example.com`, password: PASSWORD, role: 'customer' }),
      400,
      'validation',
      'customerId',
    );
    expectRefusal(
      await post({ email: `c-${key()}@example.com`, password: 'short', role: 'support_agent' }),
      400,
      'validation',
      'password',
    );
    expectRefusal(
      await post({ email: 'not-an-email', password: PASSWORD, role: 'support_agent' }),
      400,
      'validation',
      'email',
    );
    expect(await ok(call(api.app, 'GET', '/v1/users', { token: reseller.apiKey }))).toEqual(before);
  });

  it('the operator credential manages resellers only', async () => {
    expectRefusal(await call(api.app, 'GET', '/v1/customers', { token: OPERATOR_TOKEN }), 403, 'forbidden');
    const me = await ok(call(api.app, 'GET', '/v1/me', { token: OPERATOR_TOKEN }));
    expect(me).toStrictEqual({
      principal: { userId: null, apiKeyId: null, role: 'operator', resellerId: null },
      reseller: null,
      email: null,
      language: null,
    });
  });
});
