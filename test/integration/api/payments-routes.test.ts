import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { startPaymentsApi, type PaymentsApi } from '../../support/payments.js';
import {
  createTenant,
  expectRefusal,
  manualClock,
  ok,
  readFeed,
  settleFeed,
  type Tenant,
} from '../../support/tenants.js';

/** The top-up routes as callers see them, with every refusal. */
describe.each(DIALECTS)('payment routes on %s', (dialect) => {
  let api: PaymentsApi;
  let t: Tenant;
  let other: Tenant;
  const clock = manualClock();

  beforeEach(async () => {
    api = await startPaymentsApi(dialect, { clock: clock.now });
    t = await createTenant(api.app, 'Routes');
    other = await createTenant(api.app, 'Rival');
  });
  afterEach(() => api.close());

  const topUp = (body: object, token = t.admin, walletId = t.walletId, idem: string | null = key()) =>
    call(api.app, 'POST', `/v1/wallets/${walletId}/top-ups`, { token, body, ...(idem ? { key: idem } : {}) });

  it('settings: defaults for every provider, sandbox on; PATCH by the admin only; support reads', async () => {
    const settings = await ok(call(api.app, 'GET', '/v1/payment-settings', { token: t.support }));
    expect(settings.methods.map((m: any) => [m.provider, m.enabled])).toEqual([
      ['sandbox', true],
      ['crypto', false],
      ['vietqr', false],
      ['stripe', false],
      ['paypal', false],
      ['cryptomus', false],
      ['tazapay', false],
    ]);
    expectRefusal(
      await call(api.app, 'GET', '/v1/payment-settings', { token: t.customer }),
      403,
      'forbidden',
    );
    const body = {
      limits: [{ currency: 'USD', minAmount: 1_000, maxAmount: 50_000, presets: [1_000, 5_000] }],
    };
    expectRefusal(
      await call(api.app, 'PATCH', '/v1/payment-settings', { token: t.support, body }),
      403,
      'forbidden',
    );
    const patched = await ok(call(api.app, 'PATCH', '/v1/payment-settings', { token: t.admin, body }));
    expect(patched.limits).toEqual(body.limits);
    // Stripe enabled without credentials stays off for customers.
    const stripe = {
      provider: 'stripe',
      enabled: true,
      label: 'Card',
      feeBasisPoints: 290,
      processingTime: 'Instant',
    };
    const withStripe = await ok(
      call(api.app, 'PATCH', '/v1/payment-settings', { token: t.admin, body: { methods: [stripe] } }),
    );
    // The reseller's choice is remembered; customers are offered it once credentials are stored.
    expect(withStripe.methods.find((m: any) => m.provider === 'stripe')).toMatchObject({
      enabled: true,
      available: false,
    });
    const offered = await ok(
      call(api.app, 'GET', `/v1/wallets/${t.walletId}/top-up-options`, { token: t.admin }),
    );
    expect(offered.methods.map((m: any) => m.provider)).not.toContain('stripe');
  });

  it("top-up limits are checked in the currency's words; disabled methods and no Idempotency-Key refused", async () => {
    await ok(
      call(api.app, 'PATCH', '/v1/payment-settings', {
        token: t.admin,
        body: { limits: [{ currency: 'USD', minAmount: 1_000, maxAmount: 50_000, presets: [] }] },
      }),
    );
    const low = await topUp({ amount: 999, provider: 'sandbox' });
    expectRefusal(low, 422, 'top_up_limit', 'amount');
    expect(low.body.error.message).toContain('$10.00');
    expect(low.body.error.message).toContain('$500.00');
    expectRefusal(await topUp({ amount: 50_001, provider: 'sandbox' }), 422, 'top_up_limit', 'amount');
    expectRefusal(await topUp({ amount: 2_000, provider: 'stripe' }), 422, 'method_unavailable', 'provider');
    expectRefusal(
      await topUp({ amount: 2_000, provider: 'sandbox' }, t.admin, t.walletId, null),
      400,
      'idempotency_key_missing',
      'Idempotency-Key',
    );
    expectRefusal(await topUp({ amount: 2_000, provider: 'nope' }), 400, 'validation', 'provider');
  });

  it('who may top up: admin and the customer on its own wallet; support never; other wallets and resellers are 404', async () => {
    expect((await topUp({ amount: 2_000, provider: 'sandbox' }, t.customer)).status).toBe(201);
    expectRefusal(await topUp({ amount: 2_000, provider: 'sandbox' }, t.support), 403, 'forbidden');
    expectRefusal(
      await topUp({ amount: 2_000, provider: 'sandbox' }, t.customer, t.otherWalletId),
      404,
      'not_found',
      'id',
    );
    expectRefusal(
      await topUp({ amount: 2_000, provider: 'sandbox' }, t.admin, other.walletId),
      404,
      'not_found',
      'id',
    );
  });

  it('a customer adds payers to its own record only; support agents add none', async () => {
    const own = await call(api.app, 'POST', `/v1/customers/${t.customerId}/payers`, {
      token: t.customer,
      body: { name: 'My company', email: 'billing@example.com' },
    });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ customerId: t.customerId, name: 'My company', isDefault: true });
    const payersOfOther = () =>
      ok(call(api.app, 'GET', `/v1/customers/${t.otherCustomerId}/payers`, { token: t.admin }));
    const before = await payersOfOther();
    expectRefusal(
      await call(api.app, 'POST', `/v1/customers/${t.otherCustomerId}/payers`, {
        token: t.customer,
        body: { name: 'Not mine' },
      }),
      404,
      'not_found',
      'id',
    );
    expectRefusal(
      await call(api.app, 'POST', `/v1/customers/${t.customerId}/payers`, {
        token: t.support,
        body: { name: 'Support' },
      }),
      403,
      'forbidden',
    );
    expect(await payersOfOther()).toEqual(before);
  });

  it("another customer's payer, an unconfirmed saved method: refused", async () => {
    const theirPayer = await ok(
      call(api.app, 'POST', `/v1/customers/${t.otherCustomerId}/payers`, {
        token: t.admin,
        body: { name: 'Theirs' },
      }),
    );
    expectRefusal(
      await topUp({ amount: 2_000, provider: 'sandbox', payerId: theirPayer.id }),
      404,
      'not_found',
      'payerId',
    );
    const mine = await ok(
      call(api.app, 'POST', `/v1/customers/${t.customerId}/payers`, {
        token: t.admin,
        body: { name: 'Mine' },
      }),
    );
    const saving = await ok(
      topUp({ amount: 2_000, provider: 'sandbox', payerId: mine.id, saveMethod: true }),
    );
    expectRefusal(
      await topUp({
        amount: 2_000,
        provider: 'sandbox',
        payerId: mine.id,
        savedMethodId: saving.savesMethodId,
      }),
      422,
      'method_unavailable',
      'savedMethodId',
    );
  });

  it('a replayed top-up answers the same payment; list, get, cancel; other resellers see 404', async () => {
    const idem = key();
    const first = await ok(topUp({ amount: 2_000, provider: 'sandbox' }, t.admin, t.walletId, idem));
    const again = await topUp({ amount: 2_000, provider: 'sandbox' }, t.admin, t.walletId, idem);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.id);
    expectRefusal(
      await topUp({ amount: 3_000, provider: 'sandbox' }, t.admin, t.walletId, idem),
      422,
      'idempotency_key_reused',
      'Idempotency-Key',
    );

    const mineToo = await ok(topUp({ amount: 1_000, provider: 'sandbox' }, t.customer));
    const otherWallet = await ok(topUp({ amount: 1_000, provider: 'sandbox' }, t.admin, t.otherWalletId));
    const asCustomer = await ok(call(api.app, 'GET', '/v1/payments', { token: t.customer }));
    expect(asCustomer.items.map((p: any) => p.id).sort()).toEqual([first.id, mineToo.id].sort());
    const asSupport = await ok(call(api.app, 'GET', '/v1/payments?limit=2', { token: t.support }));
    expect(asSupport.items).toHaveLength(2);
    expect(asSupport.nextCursor).toEqual(expect.any(String));
    const page2 = await ok(
      call(api.app, 'GET', `/v1/payments?limit=2&cursor=${asSupport.nextCursor}`, { token: t.support }),
    );
    expect([...asSupport.items, ...page2.items].map((p: any) => p.id).sort()).toEqual(
      [first.id, mineToo.id, otherWallet.id].sort(),
    );
    expectRefusal(
      await call(api.app, 'GET', `/v1/payments/${otherWallet.id}`, { token: t.customer }),
      404,
      'not_found',
      'id',
    );
    expectRefusal(
      await call(api.app, 'GET', `/v1/payments/${first.id}`, { token: other.admin }),
      404,
      'not_found',
      'id',
    );
    expectRefusal(
      await call(api.app, 'POST', `/v1/payments/${first.id}/cancel`, { token: t.support }),
      403,
      'forbidden',
    );

    const cancelled = await ok(call(api.app, 'POST', `/v1/payments/${first.id}/cancel`, { token: t.admin }));
    expect(cancelled).toMatchObject({ status: 'cancelled', failureCode: 'cancelled_before_paid' });
    expect(
      (await ok(call(api.app, 'GET', `/v1/payments?status=cancelled`, { token: t.admin }))).items.map(
        (p: any) => p.id,
      ),
    ).toEqual([first.id]);
  });

  it('credentials: validated by the provider, answered {provider, configured}, never echoed, not in the feed', async () => {
    const secret = 'sbwhsec_do_not_leak_me_4242424242';
    const put = await call(api.app, 'PUT', '/v1/payment-settings/credentials/sandbox', {
      token: t.admin,
      body: { credentials: { webhookSecret: secret } },
    });
    expect(put.status).toBe(200);
    expect(put.body).toStrictEqual({ provider: 'sandbox', configured: true });
    expectRefusal(
      await call(api.app, 'PUT', '/v1/payment-settings/credentials/sandbox', {
        token: t.admin,
        body: { credentials: { webhookSecret: 'short' } },
      }),
      400,
      'validation',
      'credentials.webhookSecret',
    );
    expectRefusal(
      await call(api.app, 'PUT', '/v1/payment-settings/credentials/sandbox', {
        token: t.support,
        body: { credentials: { webhookSecret: secret } },
      }),
      403,
      'forbidden',
    );
    await ok(topUp({ amount: 2_000, provider: 'sandbox' }));
    await settleFeed(api.db.store);
    const seen = JSON.stringify([
      await ok(call(api.app, 'GET', '/v1/payment-settings', { token: t.admin })),
      await ok(call(api.app, 'GET', '/v1/payments', { token: t.admin })),
      await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}/top-up-options`, { token: t.customer })),
      await readFeed(api.app, t.admin),
    ]);
    expect(seen).not.toContain(secret);
    expect(seen).not.toContain('do_not_leak');
    const stored = await api.db.store.db.selectFrom('gateway_credentials').select('ciphertext').execute();
    expect(JSON.stringify(stored)).not.toContain('do_not_leak');
  });

  it('every payment change is in the feed as entity "payment", only for those who may see it', async () => {
    const mine = await ok(topUp({ amount: 2_000, provider: 'sandbox' }, t.customer));
    const theirs = await ok(topUp({ amount: 2_000, provider: 'sandbox' }, t.admin, t.otherWalletId));
    await settleFeed(api.db.store);
    const customerFeed = (await readFeed(api.app, t.customer)).filter((c) => c.entity === 'payment');
    expect(new Set(customerFeed.map((c) => c.id))).toEqual(new Set([mine.id]));
    expect(customerFeed.at(-1).data).toEqual(mine);
    const supportFeed = (await readFeed(api.app, t.support)).filter((c) => c.entity === 'payment');
    expect(new Set(supportFeed.map((c) => c.id))).toEqual(new Set([mine.id, theirs.id]));
    expect((await readFeed(api.app, other.admin)).filter((c) => c.entity === 'payment')).toEqual([]);
  });

  it('top-up links: created by the admin with a /pay/<token> URL; the hosted page serves a form; expired says so', async () => {
    const expiresAt = new Date(clock.now().getTime() + 3600_000).toISOString();
    const link = await ok(
      call(api.app, 'POST', `/v1/customers/${t.customerId}/top-up-links`, {
        token: t.admin,
        body: { walletId: t.walletId, amount: 5_000, expiresAt },
      }),
    );
    expect(link).toMatchObject({ amount: 5_000, currency: 'USD', status: 'active' });
    expect(link.url).toMatch(/\/pay\/[A-Za-z0-9_-]{43}$/);
    const list = await ok(
      call(api.app, 'GET', `/v1/customers/${t.customerId}/top-up-links`, { token: t.admin }),
    );
    expect(list.items).toMatchObject([{ id: link.id, url: link.url }]);
    expectRefusal(
      await call(api.app, 'POST', `/v1/customers/${t.customerId}/top-up-links`, {
        token: t.support,
        body: { walletId: t.walletId, expiresAt },
      }),
      403,
      'forbidden',
    );
    const path = new URL(link.url).pathname;
    const page = await api.app.inject({ method: 'GET', url: path });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("form-action 'self'");
    expect(page.body).not.toContain('<script');
    expect(page.body).toContain('value="sandbox"');
    const nonce = /name="nonce" value="([0-9a-f]+)"/.exec(page.body)![1]!;
    const started = await api.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ method: 'sandbox', nonce }).toString(),
    });
    expect(started.statusCode).toBe(303);
    expect(started.headers.location).toMatch(/\/sandbox\/checkout\/sbx_/);
    const payments = await ok(
      call(api.app, 'GET', `/v1/payments?walletId=${t.walletId}`, { token: t.admin }),
    );
    expect(payments.items[0]).toMatchObject({ topUpLinkId: link.id, amount: 5_000 });

    clock.advance(2 * 3600_000);
    const expired = await api.app.inject({ method: 'GET', url: path });
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('expired');
  });
});
