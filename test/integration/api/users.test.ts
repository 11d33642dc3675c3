import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import { call, key, startApi, type TestApi } from '../../support/api.js';
import { createTenant, expectRefusal, login, ok, PASSWORD, type Tenant } from '../../support/tenants.js';

const NEW_PASSWORD = 'a brand new passphrase';

describe.each(DIALECTS)('managing logins (/v1/users) on %s', (dialect) => {
  let api: TestApi;
  let acme: Tenant;
  let globex: Tenant;

  const users = async (token: string) =>
    (await ok(call(api.app, 'GET', '/v1/users', { token }))).items as any[];
  const create = (token: string, body: unknown) => call(api.app, 'POST', '/v1/users', { token, body });
  const patch = (token: string, id: string, body: unknown) =>
    call(api.app, 'PATCH', `/v1/users/${id}`, { token, body });
  const reset = (token: string, id: string, body: unknown = {}) =>
    call(api.app, 'POST', `/v1/users/${id}/password`, { token, body });
  const signIn = (email: string, password: string) =>
    call(api.app, 'POST', '/v1/auth/login', { body: { email, password } });
  const me = (token: string) => call(api.app, 'GET', '/v1/me', { token });

  beforeAll(async () => {
    // Sign-in limits are tested in sign-in-rate-limit.test.ts; here many sign-ins are expected to fail.
    const loose = { max: 1000, windowMs: 60_000 };
    api = await startApi(dialect, { throttle: { signInPerAccount: loose, signInPerAddress: loose } });
    acme = await createTenant(api.app, 'Acme');
    globex = await createTenant(api.app, 'Globex');
  });
  afterAll(() => api.close());

  it('an admin creates a support agent without choosing a password: one is made up, answered once, and signs in', async () => {
    const email = `agent-${key()}@example.com`;
    const created = await ok(create(acme.admin, { email, role: 'support_agent' }));
    expect(created).toStrictEqual({
      id: expect.stringMatching(/^usr_/),
      email,
      role: 'support_agent',
      customerId: null,
      status: 'active',
      lastSignInAt: null,
      createdAt: expect.any(String),
      password: expect.stringMatching(/^[\w-]{20}$/),
    });
    const session = await ok(signIn(email, created.password));
    expect(session.principal).toMatchObject({ userId: created.id, role: 'support_agent' });
    const { password: _shownOnce, ...user } = created;
    const listed = (await users(acme.admin)).find((u) => u.id === created.id);
    expect(listed).toStrictEqual({ ...user, lastSignInAt: expect.stringMatching(/^\d{4}-/) });
  });

  it("refuses a taken email (any reseller's), a customer login without a customer, another reseller's customer", async () => {
    const before = await users(acme.admin);
    const globexAdmin = (await users(globex.admin)).find((u) => u.role === 'reseller_admin');
    expectRefusal(
      await create(acme.admin, { email: globexAdmin.email, role: 'support_agent' }),
      409,
      'conflict',
      'email',
    );
    expectRefusal(
      await create(acme.admin, { email: `c-${key()}@example.com`, role: 'customer' }),
      400,
      'validation',
      'customerId',
    );
    expectRefusal(
      await create(acme.admin, {
        email: `c-${key()}@example.com`,
        role: 'customer',
        customerId: globex.customerId,
      }),
      404,
      'not_found',
      'customerId',
    );
    expectRefusal(
      await create(acme.admin, { email: `c-${key()}@example.com`, role: 'operator' }),
      400,
      'validation',
      'role',
    );
    expect(await users(acme.admin)).toStrictEqual(before);
  });

  it('changes a role and links a customer login to a customer; staff roles drop the link', async () => {
    const email = `staff-${key()}@example.com`;
    const user = await ok(create(acme.admin, { email, password: PASSWORD, role: 'support_agent' }));
    expectRefusal(await patch(acme.admin, user.id, { role: 'customer' }), 400, 'validation', 'customerId');
    expectRefusal(
      await patch(acme.admin, user.id, { role: 'customer', customerId: globex.customerId }),
      404,
      'not_found',
      'customerId',
    );
    expectRefusal(
      await patch(acme.admin, user.id, { customerId: acme.customerId }),
      400,
      'validation',
      'customerId',
    );
    const token = await login(api.app, email);
    const customer = await ok(patch(acme.admin, user.id, { role: 'customer', customerId: acme.customerId }));
    expect(customer).toMatchObject({ role: 'customer', customerId: acme.customerId, status: 'active' });
    // The session the user already had now carries the new role.
    expect((await ok(me(token))).principal).toMatchObject({ role: 'customer', customerId: acme.customerId });
    const relinked = await ok(patch(acme.admin, user.id, { customerId: acme.otherCustomerId }));
    expect(relinked).toMatchObject({ role: 'customer', customerId: acme.otherCustomerId });
    const staff = await ok(patch(acme.admin, user.id, { role: 'support_agent' }));
    expect(staff).toMatchObject({ role: 'support_agent', customerId: null });
  });

  it('a disabled user cannot sign in and its session stops working at once; enabled, it signs in again', async () => {
    const email = `leaver-${key()}@example.com`;
    const user = await ok(create(acme.admin, { email, password: PASSWORD, role: 'support_agent' }));
    const token = await login(api.app, email);
    expect((await me(token)).status).toBe(200);

    expect(await ok(patch(acme.admin, user.id, { disabled: true }))).toMatchObject({ status: 'disabled' });
    expectRefusal(await me(token), 401, 'unauthorized');
    expectRefusal(await signIn(email, PASSWORD), 401, 'unauthorized');
    expect((await users(acme.admin)).find((u) => u.id === user.id)).toMatchObject({ status: 'disabled' });

    expect(await ok(patch(acme.admin, user.id, { disabled: false }))).toMatchObject({ status: 'active' });
    // The old session stays ended: the user signs in again.
    expectRefusal(await me(token), 401, 'unauthorized');
    expect((await signIn(email, PASSWORD)).status).toBe(200);
  });

  it('an admin cannot disable or demote the last active admin; with another admin, it can', async () => {
    const admins = () => users(acme.admin).then((all) => all.filter((u) => u.role === 'reseller_admin'));
    const [first] = await admins();
    const firstToken = await login(api.app, first.email);
    const before = await users(acme.admin);
    expectRefusal(await patch(firstToken, first.id, { disabled: true }), 409, 'conflict', 'disabled');
    expectRefusal(await patch(firstToken, first.id, { role: 'support_agent' }), 409, 'conflict', 'role');
    expect(await users(acme.admin)).toStrictEqual(before);
    expect((await me(firstToken)).status).toBe(200);

    const secondEmail = `admin2-${key()}@example.com`;
    const second = await ok(
      create(firstToken, { email: secondEmail, password: PASSWORD, role: 'reseller_admin' }),
    );
    const secondToken = await login(api.app, secondEmail);
    expect(await ok(patch(secondToken, first.id, { role: 'support_agent' }))).toMatchObject({
      role: 'support_agent',
    });
    expectRefusal(await patch(secondToken, second.id, { disabled: true }), 409, 'conflict', 'disabled');
    // Put things back for the tests after this one.
    await ok(patch(secondToken, first.id, { role: 'reseller_admin' }));
  });

  it('resets a password to one the admin sets, or to one made up and shown once; old sessions end', async () => {
    const email = `forgetful-${key()}@example.com`;
    const user = await ok(create(acme.admin, { email, password: PASSWORD, role: 'support_agent' }));
    const token = await login(api.app, email);

    const set = await ok(reset(acme.admin, user.id, { password: NEW_PASSWORD }));
    expect(set).toStrictEqual({ user: expect.objectContaining({ id: user.id, email }) });
    expectRefusal(await me(token), 401, 'unauthorized');
    expectRefusal(await signIn(email, PASSWORD), 401, 'unauthorized');
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(200);

    const made = await ok(reset(acme.admin, user.id));
    expect(made.password).toMatch(/^[\w-]{20}$/);
    expectRefusal(await signIn(email, NEW_PASSWORD), 401, 'unauthorized');
    expect((await signIn(email, made.password)).status).toBe(200);
    expectRefusal(await reset(acme.admin, user.id, { password: 'short' }), 400, 'validation', 'password');
  });

  it("another reseller's user is not found, exactly like a missing one; nothing of it changes", async () => {
    const theirs = await users(globex.admin);
    const target = theirs.find((u) => u.role === 'support_agent');
    for (const reply of [
      await patch(acme.admin, target.id, { disabled: true }),
      await reset(acme.admin, target.id, { password: NEW_PASSWORD }),
      await patch(acme.admin, 'usr_missing', { disabled: true }),
    ]) {
      expectRefusal(reply, 404, 'not_found', 'id');
    }
    expect(await users(globex.admin)).toStrictEqual(theirs);
    expect((await me(globex.support)).status).toBe(200);
  });

  it('support agents and customers manage no logins (403) and change nothing', async () => {
    const before = await users(acme.admin);
    for (const token of [acme.support, acme.customer]) {
      expectRefusal(await call(api.app, 'GET', '/v1/users', { token }), 403, 'forbidden');
      expectRefusal(
        await create(token, { email: `x-${key()}@example.com`, role: 'support_agent' }),
        403,
        'forbidden',
      );
      expectRefusal(await patch(token, acme.userId, { disabled: true }), 403, 'forbidden');
      expectRefusal(await reset(token, acme.userId, { password: NEW_PASSWORD }), 403, 'forbidden');
    }
    expect(await users(acme.admin)).toStrictEqual(before);
  });

  it('bad changes are refused with the field named', async () => {
    expectRefusal(await patch(acme.admin, acme.userId, {}), 400, 'validation', 'body');
    expectRefusal(await patch(acme.admin, acme.userId, { role: 'operator' }), 400, 'validation', 'role');
    expectRefusal(await patch(acme.admin, acme.userId, { disabled: 'yes' }), 400, 'validation', 'disabled');
    expectRefusal(
      await patch(acme.admin, acme.userId, { email: 'x@example.com' }),
      400,
      'validation',
      'email',
    );
  });
});
