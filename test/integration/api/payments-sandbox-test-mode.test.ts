import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/server/app.js';
import type { Api } from '../../../src/server/context.js';
import { call, key, OPERATOR_TOKEN } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import {
  checkoutEvent,
  pressSandboxButton,
  startPaymentsApi,
  useKnownSandboxSecret,
  type PaymentsApi,
} from '../../support/payments.js';
import { expectRefusal, login, ok, PASSWORD, readFeed, settleFeed } from '../../support/tenants.js';

/**
 * The sandbox is a test gateway: any 12–19 digit number "pays" on its hosted page. It is test mode,
 * off for every reseller until its admin turns it on, forbidden altogether where the operator says
 * so (SANDBOX_GATEWAY=forbidden), and whatever it touches says it is a test.
 */
describe.each(DIALECTS)('the sandbox test gateway is opt-in test mode, on %s', (dialect) => {
  const started: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const s of started.reverse()) await s.close();
    started.length = 0;
  });

  const credentialsKey = randomBytes(32);
  async function start(): Promise<PaymentsApi> {
    const api = await startPaymentsApi(dialect, { listen: true, payments: { credentialsKey } });
    started.push(api);
    return api;
  }

  /** What the operator does for a new reseller, and nothing more: POST /v1/resellers. */
  async function freshReseller(app: Api, name: string) {
    const adminEmail = `admin-${key(name.toLowerCase())}@example.com`;
    const reseller = await ok(
      call(app, 'POST', '/v1/resellers', {
        token: OPERATOR_TOKEN,
        body: { name, adminEmail, adminPassword: PASSWORD },
      }),
    );
    const admin = reseller.apiKey as string;
    const customer = await ok(
      call(app, 'POST', '/v1/customers', {
        token: admin,
        body: { name: `${name} customer`, email: `${key('c')}@example.com` },
      }),
    );
    const wallet = await ok(
      call(app, 'POST', `/v1/customers/${customer.id}/wallets`, { token: admin, body: { currency: 'USD' } }),
    );
    const customerEmail = `customer-${key()}@example.com`;
    await ok(
      call(app, 'POST', '/v1/users', {
        token: admin,
        body: { email: customerEmail, password: PASSWORD, role: 'customer', customerId: customer.id },
      }),
    );
    return {
      resellerId: reseller.id as string,
      admin,
      customer: await login(app, customerEmail),
      walletId: wallet.id as string,
      customerId: customer.id as string,
    };
  }

  const MAX_USD = 1_500_000; // minor units: $15,000.00, the default largest top-up

  const sandboxSetting = async (app: Api, admin: string) =>
    (await ok(call(app, 'GET', '/v1/payment-settings', { token: admin }))).methods.find(
      (m: any) => m.provider === 'sandbox',
    );
  const patchSandbox = async (app: Api, admin: string, enabled: boolean) => {
    const { available: _, ...sandbox } = await sandboxSetting(app, admin);
    return call(app, 'PATCH', '/v1/payment-settings', {
      token: admin,
      body: { methods: [{ ...sandbox, enabled }] },
    });
  };
  const balance = async (app: Api, token: string, walletId: string) =>
    (await ok(call(app, 'GET', `/v1/wallets/${walletId}`, { token }))).balance as number;
  const topUp = (app: Api, token: string, walletId: string, amount = MAX_USD) =>
    call(app, 'POST', `/v1/wallets/${walletId}/top-ups`, {
      token,
      key: key('topup'),
      body: { amount, provider: 'sandbox' },
    });

  it('a fresh reseller does not offer it: a customer starting a sandbox top-up of the maximum is refused, nothing is credited', async () => {
    const api = await start();
    const shop = await freshReseller(api.app, 'Freshco');

    expect(await sandboxSetting(api.app, shop.admin)).toMatchObject({ enabled: false, available: false });
    const options = await ok(
      call(api.app, 'GET', `/v1/wallets/${shop.walletId}/top-up-options`, { token: shop.customer }),
    );
    expect(options.methods.map((m: any) => m.provider)).not.toContain('sandbox');

    for (let attempt = 0; attempt < 3; attempt++) {
      expectRefusal(
        await topUp(api.app, shop.customer, shop.walletId),
        422,
        'method_unavailable',
        'provider',
      );
    }
    expect(await balance(api.app, shop.customer, shop.walletId)).toBe(0);
    const payments = await ok(call(api.app, 'GET', '/v1/payments', { token: shop.admin }));
    expect(payments.items).toEqual([]);
    const rows = await ok(
      call(api.app, 'GET', `/v1/wallets/${shop.walletId}/transactions`, { token: shop.admin }),
    );
    expect(rows.items).toEqual([]);
    const checkouts = await api.db.store.db.selectFrom('sandbox_checkouts').selectAll().execute();
    expect(checkouts).toEqual([]);
  });

  it('turned on by the admin it is offered, and the payment, its ledger row and the feed say "test"', async () => {
    const api = await start();
    const shop = await freshReseller(api.app, 'Trialco');
    // Only an admin turns it on: the customer cannot.
    const byCustomer = await call(api.app, 'PATCH', '/v1/payment-settings', {
      token: shop.customer,
      body: { methods: [] },
    });
    expect(byCustomer.status).toBe(403);

    const on = await ok(patchSandbox(api.app, shop.admin, true));
    expect(on.testModeAllowed).toBe(true);
    expect(on.methods.find((m: any) => m.provider === 'sandbox')).toMatchObject({
      enabled: true,
      available: true,
    });

    const created = await ok(topUp(api.app, shop.customer, shop.walletId, 2_500));
    expect(created).toMatchObject({ provider: 'sandbox', status: 'new', test: true });
    const page = await fetch(created.checkout.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('TEST MODE — no real money');
    const pressed = await pressSandboxButton(created.checkout.url, 'pay');
    expect(pressed.html).toContain('TEST MODE — no real money');
    await api.app.payments.settled();

    const paid = await ok(call(api.app, 'GET', `/v1/payments/${created.id}`, { token: shop.customer }));
    expect(paid).toMatchObject({ status: 'paid', test: true });
    expect(await balance(api.app, shop.customer, shop.walletId)).toBe(2_500);
    const row = await ok(
      call(api.app, 'GET', `/v1/wallet-transactions/${paid.transactionId}`, { token: shop.customer }),
    );
    expect(row).toMatchObject({
      type: 'top_up',
      amount: 2_500,
      test: true,
      description: expect.stringMatching(/^Test top-up .*no real money/),
    });
    // A real movement is not a test.
    const credit = await ok(
      call(api.app, 'POST', `/v1/wallets/${shop.walletId}/credits`, {
        token: shop.admin,
        key: key(),
        body: { amount: 100, description: 'Goodwill' },
      }),
    );
    expect(credit.transaction.test).toBe(false);

    // The desktop learns it from the change feed: the payment and its ledger row carry the flag.
    await settleFeed(api.db.store);
    const feed = await readFeed(api.app, shop.customer);
    const fed = feed.find((c) => c.entity === 'transaction' && c.id === paid.transactionId);
    expect(fed.data).toMatchObject({ test: true });
    const lastPayment = feed.filter((c) => c.entity === 'payment' && c.id === created.id).at(-1);
    expect(lastPayment.data).toMatchObject({ status: 'paid', test: true });
    expect(feed.find((c) => c.entity === 'transaction' && c.id === credit.transaction.id).data.test).toBe(
      false,
    );

    // A shared top-up link's page names it as a test before the payer chooses it.
    const link = await ok(
      call(api.app, 'POST', `/v1/customers/${shop.customerId}/top-up-links`, {
        token: shop.admin,
        body: { walletId: shop.walletId, expiresAt: new Date(Date.now() + 3_600_000).toISOString() },
      }),
    );
    const linkPage = await (await fetch(link.url)).text();
    expect(linkPage).toMatch(/name="method" value="sandbox"[^>]*> [^<]*\(TEST MODE — no real money\)/);
  });

  it('turned off again, an open sandbox checkout cannot be paid: its page and webhook refuse', async () => {
    const api = await start();
    const shop = await freshReseller(api.app, 'Offagainco');
    await ok(patchSandbox(api.app, shop.admin, true));
    await useKnownSandboxSecret(api.app, shop.admin);
    const created = await ok(topUp(api.app, shop.customer, shop.walletId, 2_500));

    await ok(patchSandbox(api.app, shop.admin, false));
    expectRefusal(await topUp(api.app, shop.customer, shop.walletId), 422, 'method_unavailable', 'provider');
    const page = await fetch(created.checkout.url);
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('test mode is turned off');
    const pay = await fetch(`${created.checkout.url}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'card=4242424242424242',
    });
    expect(pay.status).toBe(403);
    const event = checkoutEvent({ id: created.id, checkout: created.checkout.url.split('/').at(-1)! });
    const hook = await call(api.app, 'POST', `/v1/webhooks/sandbox/${shop.resellerId}`, {
      rawBody: event.body,
      headers: event.headers,
    });
    expect(hook.status).toBe(404);
    await api.app.payments.settled();
    expect((await ok(call(api.app, 'GET', `/v1/payments/${created.id}`, { token: shop.admin }))).status).toBe(
      'new',
    );
    expect(await balance(api.app, shop.customer, shop.walletId)).toBe(0);
  });

  it('forbidden by the operator: it cannot be turned on, is never offered, and an existing checkout cannot be paid', async () => {
    const api = await start();
    const shop = await freshReseller(api.app, 'Forbidco');
    await ok(patchSandbox(api.app, shop.admin, true));
    await useKnownSandboxSecret(api.app, shop.admin);
    const created = await ok(topUp(api.app, shop.customer, shop.walletId, 2_500));
    const checkoutPath = new URL(created.checkout.url).pathname;

    // The operator restarts the API on the same database with SANDBOX_GATEWAY=forbidden.
    const forbidden = await buildApp({
      store: api.db.store,
      operatorToken: OPERATOR_TOKEN,
      databaseUrl: dialect === 'postgres' ? api.db.url : undefined,
      schema: api.db.schema,
      payments: { credentialsKey, jobs: false, sandboxGateway: 'forbidden' },
    });
    const base = await forbidden.listen({ port: 0, host: '127.0.0.1' });
    started.push({ close: () => forbidden.close() });

    const settings = await ok(call(forbidden, 'GET', '/v1/payment-settings', { token: shop.admin }));
    expect(settings.testModeAllowed).toBe(false);
    expect(settings.methods.find((m: any) => m.provider === 'sandbox').available).toBe(false);
    const refused = await patchSandbox(forbidden, shop.admin, true);
    expectRefusal(refused, 422, 'method_unavailable', 'methods.0.enabled');
    expect(refused.body.error.message).toMatch(/SANDBOX_GATEWAY=forbidden/);
    expectRefusal(
      await call(forbidden, 'PUT', '/v1/payment-settings/credentials/sandbox', {
        token: shop.admin,
        body: { credentials: { webhookSecret: 'sbwhsec_another_0123456789' } },
      }),
      404,
      'not_found',
      'provider',
    );
    const options = await ok(
      call(forbidden, 'GET', `/v1/wallets/${shop.walletId}/top-up-options`, { token: shop.customer }),
    );
    expect(options.methods.map((m: any) => m.provider)).not.toContain('sandbox');
    expectRefusal(
      await topUp(forbidden, shop.customer, shop.walletId),
      422,
      'method_unavailable',
      'provider',
    );

    // The checkout opened before: its page, its buttons and its webhook all refuse.
    expect((await fetch(`${base}${checkoutPath}`)).status).toBe(403);
    const pay = await fetch(`${base}${checkoutPath}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'card=4242424242424242',
    });
    expect(pay.status).toBe(403);
    const event = checkoutEvent({ id: created.id, checkout: checkoutPath.split('/').at(-1)! });
    const hook = await call(forbidden, 'POST', `/v1/webhooks/sandbox/${shop.resellerId}`, {
      rawBody: event.body,
      headers: event.headers,
    });
    expect(hook.status).toBe(404);
    await forbidden.payments.settled();
    expect(
      (await ok(call(forbidden, 'GET', `/v1/payments/${created.id}`, { token: shop.admin }))).status,
    ).toBe('new');
    expect(await balance(forbidden, shop.customer, shop.walletId)).toBe(0);
    const checkout = await api.db.store.db
      .selectFrom('sandbox_checkouts')
      .select('status')
      .executeTakeFirstOrThrow();
    expect(checkout.status).toBe('pending');
  });
});
