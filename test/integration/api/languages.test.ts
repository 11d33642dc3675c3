import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import {
  createTenant,
  everything,
  expectRefusal,
  ok,
  readFeed,
  settleFeed,
  type Tenant,
} from '../../support/tenants.js';

/**
 * The languages emails are written in: a customer's, set by its reseller's admin (customer create
 * and update), and each signed-in user's own (PUT /v1/me/language, what the console's language
 * switch sends), which a customer's login also gives its customer unless the admin chose.
 */
describe.each(DIALECTS)('recipient languages on %s', (dialect) => {
  let api: TestApi;
  let t: Tenant;
  let other: Tenant;

  beforeAll(async () => {
    api = await startApi(dialect);
    t = await createTenant(api.app, 'Langco');
    other = await createTenant(api.app, 'Elsewhere');
  });
  afterAll(() => api?.close());

  const customer = (id = t.customerId, token = t.admin) =>
    ok(call(api.app, 'GET', `/v1/customers/${id}`, { token }));
  const patch = (body: unknown, token = t.admin, id = t.customerId) =>
    call(api.app, 'PATCH', `/v1/customers/${id}`, { token, body });
  const setMine = (token: string, body: unknown) => call(api.app, 'PUT', '/v1/me/language', { token, body });
  const me = (token: string) => ok(call(api.app, 'GET', '/v1/me', { token }));

  it("an admin sets a customer's language on create and update; the change feed carries it", async () => {
    const made = await ok(
      call(api.app, 'POST', '/v1/customers', {
        token: t.admin,
        body: { name: 'Nguyễn Văn Đức', email: 'duc@example.vn', language: 'vi' },
      }),
    );
    expect(made).toMatchObject({ language: 'vi', languageSetBy: 'admin' });
    expect(await customer(made.id)).toMatchObject({ language: 'vi', languageSetBy: 'admin' });
    const plain = await ok(
      call(api.app, 'POST', '/v1/customers', {
        token: t.admin,
        body: { name: 'Plain', email: 'plain@example.com' },
      }),
    );
    expect(plain).toMatchObject({ language: null, languageSetBy: null });

    const english = await ok(patch({ language: 'en' }, t.admin, made.id));
    expect(english).toMatchObject({ language: 'en', languageSetBy: 'admin', name: 'Nguyễn Văn Đức' });
    await settleFeed(api.db.store);
    const entries = (await readFeed(api.app, t.admin)).filter((c) => c.id === made.id);
    expect(entries.at(-1)).toMatchObject({ entity: 'customer', op: 'update', data: { language: 'en' } });
  });

  it('refuses a language it does not speak, and other bad bodies, naming the field; nothing changes', async () => {
    const before = await everything(api.app, api.db.store, t.admin);
    expectRefusal(
      await call(api.app, 'POST', '/v1/customers', {
        token: t.admin,
        body: { name: 'Fr', email: 'fr@example.com', language: 'fr' },
      }),
      400,
      'validation',
      'language',
    );
    expectRefusal(await patch({ language: 'VI' }), 400, 'validation', 'language');
    expectRefusal(await patch({ language: 7 }), 400, 'validation', 'language');
    expectRefusal(await setMine(t.support, { language: 'de' }), 400, 'validation', 'language');
    expectRefusal(await setMine(t.support, {}), 400, 'validation', 'language');
    expectRefusal(await setMine(t.support, { language: 'vi', extra: 1 }), 400, 'validation', 'extra');
    expect(await everything(api.app, api.db.store, t.admin)).toEqual(before);
    expect((await me(t.support)).language).toBeNull();
  });

  it("an admin cannot set another reseller's customer's language; support agents and customers cannot set one", async () => {
    const before = await customer();
    expectRefusal(await patch({ language: 'vi' }, other.admin), 404, 'not_found', 'id');
    expectRefusal(await patch({ language: 'vi' }, t.support), 403, 'forbidden');
    expectRefusal(await patch({ language: 'vi' }, t.customer), 403, 'forbidden');
    expect(await customer()).toEqual(before);
    expect((await customer(other.customerId, other.admin)).language).toBeNull();
  });

  it("a user's own language: set and read back through /v1/me, sent again harmlessly; an API key has none", async () => {
    expect(await ok(setMine(t.support, { language: 'vi' }))).toEqual({ language: 'vi' });
    expect(await ok(setMine(t.support, { language: 'vi' }))).toEqual({ language: 'vi' });
    expect(await me(t.support)).toMatchObject({ email: expect.stringMatching(/^support-/), language: 'vi' });
    // A staff user's language is theirs alone: no customer follows it.
    expect((await customer()).language).toBeNull();
    expectRefusal(await setMine(t.admin, { language: 'vi' }), 403, 'forbidden');
    expect((await me(t.admin)).language).toBeNull();
    expect((await me(other.support)).language).toBeNull();
    expect(await ok(setMine(t.support, { language: 'en' }))).toEqual({ language: 'en' });
  });

  it("a customer's login gives its customer its language, unless the admin chose; clearing the choice follows the login", async () => {
    await ok(setMine(t.customer, { language: 'vi' }));
    expect(await me(t.customer)).toMatchObject({ language: 'vi' });
    expect(await customer()).toMatchObject({ language: 'vi', languageSetBy: 'user' });

    await ok(patch({ language: 'en' }));
    await ok(setMine(t.customer, { language: 'vi' }));
    expect(await customer()).toMatchObject({ language: 'en', languageSetBy: 'admin' });
    expect((await me(t.customer)).language).toBe('vi');

    expect(await ok(patch({ language: null }))).toMatchObject({ language: 'vi', languageSetBy: 'user' });
    await ok(setMine(t.customer, { language: 'en' }));
    expect(await customer()).toMatchObject({ language: 'en', languageSetBy: 'user' });
    // The other customer of the reseller, and the other reseller's, are untouched.
    expect((await customer(t.otherCustomerId)).language).toBeNull();
    expect((await customer(other.customerId, other.admin)).language).toBeNull();
  });
});
