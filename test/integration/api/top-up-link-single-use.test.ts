import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Api } from '../../../src/server/context.js';
import { call, key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { pressSandboxButton, startPaymentsApi, type PaymentsApi } from '../../support/payments.js';
import { createTenant, expectRefusal, ok, type Tenant } from '../../support/tenants.js';

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

/**
 * The attack of issue 8: three checkouts started from one single-use link were all paid and all
 * credited. One link, one payment: every checkout while one is open is that one, and once it is paid
 * the link is used. Payments go through the sandbox's hosted page over real HTTP.
 */
describe.each(DIALECTS)('a single-use top-up link pays once on %s', (dialect) => {
  let api: PaymentsApi;
  let t: Tenant;

  beforeEach(async () => {
    api = await startPaymentsApi(dialect, { listen: true });
    t = await createTenant(api.app, 'Onceco');
  });
  afterEach(() => api.close());

  const balance = async () =>
    (await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}`, { token: t.admin }))).balance as number;
  const linkPayments = async (linkId: string) =>
    (
      await ok(call(api.app, 'GET', `/v1/payments?walletId=${t.walletId}&limit=500`, { token: t.admin }))
    ).items.filter((p: any) => p.topUpLinkId === linkId);
  const newLink = async (amount = 5_000) => {
    const link = await ok(
      call(api.app, 'POST', `/v1/customers/${t.customerId}/top-up-links`, {
        token: t.admin,
        body: { walletId: t.walletId, amount, expiresAt: inAWeek() },
      }),
    );
    return { ...link, path: new URL(link.url).pathname as string };
  };
  /** The payer's browser: opens the link's page and submits its form (each page load has its own nonce). */
  const checkout = async (app: Api, path: string) => {
    const form = await app.inject({ method: 'GET', url: path });
    const nonce = /name="nonce" value="([0-9a-f]+)"/.exec(form.body)?.[1];
    const reply = await app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ method: 'sandbox', ...(nonce ? { nonce } : {}) }).toString(),
    });
    return {
      status: reply.statusCode,
      location: reply.headers.location as string | undefined,
      html: reply.body,
    };
  };

  it('three checkouts one after another, then three at once: one payment, one hosted page, credited once', async () => {
    const link = await newLink();
    const before = await balance();

    const sequential = [];
    for (let i = 0; i < 3; i++) sequential.push(await checkout(api.app, link.path));
    // The link's page now says a payment is open and continues it.
    const page = await api.app.inject({ method: 'GET', url: link.path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('A payment from this link is already open');
    const concurrent = await Promise.all([1, 2, 3].map(() => checkout(api.app, link.path)));
    const locations = new Set([...sequential, ...concurrent].map((c) => c.location));
    for (const c of [...sequential, ...concurrent]) expect(c.status, c.html).toBe(303);

    // The payer pays every hosted page they were sent to: there is only one, so it is credited once.
    for (const location of locations) {
      expect((await pressSandboxButton(location!, 'pay')).status).toBe(200);
    }
    await api.app.payments.settled();
    expect(await balance()).toBe(before + 5_000);
    expect(locations.size).toBe(1);
    expect(await linkPayments(link.id)).toHaveLength(1);
    const [payment] = await linkPayments(link.id);
    expect(payment).toMatchObject({ status: 'paid', amount: 5_000 });

    // Used: the page says so and starts nothing more.
    const again = await checkout(api.app, link.path);
    expect(again.status).toBe(410);
    expect(again.html).toContain('This top-up link was already used. Ask for a new one.');
    const listed = await ok(
      call(api.app, 'GET', `/v1/customers/${t.customerId}/top-up-links`, { token: t.admin }),
    );
    expect(listed.items.find((l: any) => l.id === link.id).status).toBe('used');
    expect(await linkPayments(link.id)).toHaveLength(1);
    expect(await balance()).toBe(before + 5_000);
  });

  it('through the API too: top-ups with the link token, with new keys and at once, are that one payment', async () => {
    const link = await newLink(2_000);
    const token = link.path.slice('/pay/'.length);
    const topUp = () =>
      call(api.app, 'POST', `/v1/wallets/${t.walletId}/top-ups`, {
        token: t.customer,
        key: key('link'),
        body: { amount: 2_000, provider: 'sandbox', topUpLinkToken: token },
      });
    const first = await ok(topUp());
    const others = await Promise.all([topUp(), topUp(), topUp()]);
    for (const reply of others) {
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ id: first.id, checkout: { url: first.checkout.url } });
    }
    expect(await linkPayments(link.id)).toHaveLength(1);

    const before = await balance();
    await pressSandboxButton(first.checkout.url, 'pay');
    await api.app.payments.settled();
    expect(await balance()).toBe(before + 2_000);
    expectRefusal(await topUp(), 409, 'conflict', 'topUpLinkToken');
  });

  it('a checkout the payer cancelled frees the link for a new one, which is then the only one', async () => {
    const link = await newLink();
    const first = await checkout(api.app, link.path);
    await pressSandboxButton(first.location!, 'cancel');
    await api.app.payments.settled();

    const second = await checkout(api.app, link.path);
    expect(second.status).toBe(303);
    expect(second.location).not.toBe(first.location);
    expect((await checkout(api.app, link.path)).location).toBe(second.location);

    const before = await balance();
    await pressSandboxButton(second.location!, 'pay');
    await api.app.payments.settled();
    expect(await balance()).toBe(before + 5_000);
    const statuses = (await linkPayments(link.id)).map((p: any) => p.status).sort();
    expect(statuses).toEqual(['cancelled', 'paid']);
  });
});
