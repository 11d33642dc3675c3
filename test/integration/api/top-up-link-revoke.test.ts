import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { pressSandboxButton, startPaymentsApi, type PaymentsApi } from '../../support/payments.js';
import { createTenant, expectRefusal, ok, type Tenant } from '../../support/tenants.js';

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

/**
 * Revoking a top-up link (an admin's action, scoped to the reseller), what a payer sees on a link's
 * page (whom they pay, whose wallet), and where a payer ends after the provider's checkout: a page of
 * the API's own, not the console's `resellerconsole://` deep link a shared link's payer does not have.
 * The API listens on a port so the sandbox's webhooks reach it over real HTTP.
 */
describe.each(DIALECTS)('revoking top-up links and the payer pages on %s', (dialect) => {
  let api: PaymentsApi;
  let t: Tenant;
  let other: Tenant;

  beforeAll(async () => {
    api = await startPaymentsApi(dialect, { listen: true });
    t = await createTenant(api.app, 'Revokeco');
    other = await createTenant(api.app, 'Elsewhere');
  });
  afterAll(() => api.close());

  const newLink = async (body: object = {}) => {
    const link = await ok(
      call(api.app, 'POST', `/v1/customers/${t.customerId}/top-up-links`, {
        token: t.admin,
        body: { walletId: t.walletId, amount: 5_000, expiresAt: inAWeek(), ...body },
      }),
    );
    return { ...link, path: new URL(link.url).pathname as string };
  };
  const revoke = (id: string, token = t.admin) =>
    call(api.app, 'POST', `/v1/top-up-links/${encodeURIComponent(id)}/revoke`, { token });
  const listed = async (id: string) =>
    (
      await ok(call(api.app, 'GET', `/v1/customers/${t.customerId}/top-up-links`, { token: t.admin }))
    ).items.find((l: any) => l.id === id);
  const linkPayments = async (linkId: string) =>
    (
      await ok(call(api.app, 'GET', `/v1/payments?walletId=${t.walletId}&limit=500`, { token: t.admin }))
    ).items.filter((p: any) => p.topUpLinkId === linkId);
  const open = (path: string, headers: Record<string, string> = {}) =>
    api.app.inject({ method: 'GET', url: path, headers });
  /** The payer's browser submits the link's form as the page gives it (nonce and all). */
  const submit = async (path: string) => {
    const form = await open(path);
    const nonce = /name="nonce" value="([0-9a-f]+)"/.exec(form.body)?.[1];
    return api.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ method: 'sandbox', ...(nonce ? { nonce } : {}) }).toString(),
    });
  };

  it('an admin revokes a link: listed as revoked, its page takes nothing (GET or POST), a repeat changes nothing', async () => {
    const link = await newLink();
    expect(link).toMatchObject({ status: 'active', revokedAt: null });

    const revoked = await ok(revoke(link.id));
    expect(revoked).toMatchObject({ id: link.id, status: 'revoked', url: link.url });
    expect(Date.parse(revoked.revokedAt)).not.toBeNaN();
    expect(await listed(link.id)).toMatchObject({ status: 'revoked', revokedAt: revoked.revokedAt });

    // Idempotent: the same answer, the first revocation time kept, one audit record.
    expect(await ok(revoke(link.id))).toEqual(revoked);
    const audit = await ok(
      call(api.app, 'GET', `/v1/audit?action=top_up_link.revoked&entity=${link.id}`, { token: t.admin }),
    );
    expect(audit.items).toHaveLength(1);
    expect(JSON.stringify(audit.items[0])).not.toContain(link.path.slice('/pay/'.length));

    const page = await open(link.path);
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('This top-up link is no longer valid: the merchant revoked it.');
    expect(page.body).not.toContain('<form');
    expect(page.body).not.toContain('$50.00');

    const vi = await open(`${link.path}?lang=vi`);
    expect(vi.body).toContain('Liên kết nạp tiền này không còn hiệu lực');

    // A form loaded before the revoke, posted after it, starts nothing.
    const posted = await api.app.inject({
      method: 'POST',
      url: link.path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ method: 'sandbox', nonce: 'ab'.repeat(12) }).toString(),
    });
    expect(posted.statusCode).toBe(410);
    expect(posted.body).toContain('no longer valid');
    expect(posted.headers.location).toBeUndefined();
    expect(await linkPayments(link.id)).toEqual([]);

    // Nor can the API be asked to start a top-up through it; the reason says why, for any client to word.
    const throughApi = await call(api.app, 'POST', `/v1/wallets/${t.walletId}/top-ups`, {
      token: t.admin,
      key: `revoked-${link.id}`,
      body: { amount: 5_000, provider: 'sandbox', topUpLinkToken: link.path.slice('/pay/'.length) },
    });
    expectRefusal(throughApi, 409, 'conflict', 'topUpLinkToken');
    expect(throughApi.body.error.reason).toEqual({ key: 'top_up_link_revoked', values: {} });
  });

  it('only an admin of the same reseller revokes: support agents and customers are refused, other tenants see nothing', async () => {
    const link = await newLink();
    expectRefusal(await revoke(link.id, t.support), 403, 'forbidden');
    expectRefusal(await revoke(link.id, t.customer), 403, 'forbidden');
    expectRefusal(await revoke(link.id, other.admin), 404, 'not_found', 'id');
    expectRefusal(await revoke('tul_nosuchlink', t.admin), 404, 'not_found', 'id');
    expect(await listed(link.id)).toMatchObject({ status: 'active', revokedAt: null });
    expect((await open(link.path)).statusCode).toBe(200);
  });

  it('a payment started before the revoke stays as it is: the payer may still pay it', async () => {
    const link = await newLink();
    const started = await submit(link.path);
    expect(started.statusCode).toBe(303);
    await ok(revoke(link.id));
    const [payment] = await linkPayments(link.id);
    expect(payment).toMatchObject({ status: 'new' });

    const before = (await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}`, { token: t.admin }))).balance;
    expect((await pressSandboxButton(started.headers.location as string, 'pay')).status).toBe(200);
    await api.app.payments.settled();
    expect(await linkPayments(link.id)).toMatchObject([{ id: payment.id, status: 'paid' }]);
    const after = (await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}`, { token: t.admin }))).balance;
    expect(after).toBe(before + 5_000);
    // Settling it does not bring the link back: it stays revoked, and a used link is not revoked again.
    expect(await listed(link.id)).toMatchObject({ status: 'revoked' });
    expect((await open(link.path)).body).toContain('no longer valid');
  });

  it('a used link cannot be revoked (409, field id)', async () => {
    const link = await newLink();
    const started = await submit(link.path);
    expect((await pressSandboxButton(started.headers.location as string, 'pay')).status).toBe(200);
    await api.app.payments.settled();
    expect(await listed(link.id)).toMatchObject({ status: 'used' });
    const refused = await revoke(link.id);
    expectRefusal(refused, 409, 'conflict', 'id');
    // The console words it from its reason, in its own language.
    expect(refused.body.error.reason).toEqual({ key: 'top_up_link_nothing_to_revoke', values: {} });
    expect(await listed(link.id)).toMatchObject({ status: 'used', revokedAt: null });
    expect(
      (
        await call(api.app, 'POST', `/v1/wallets/${t.walletId}/top-ups`, {
          token: t.admin,
          key: `used-${link.id}`,
          body: { amount: 5_000, provider: 'sandbox', topUpLinkToken: link.path.slice('/pay/'.length) },
        })
      ).body.error,
    ).toMatchObject({ code: 'conflict', reason: { key: 'top_up_link_used', values: {} } });
  });

  it('a top-up through an expired link, or of another amount than its own, names why', async () => {
    const link = await newLink();
    const token = link.path.slice('/pay/'.length);
    const through = (amount: number, tag: string) =>
      call(api.app, 'POST', `/v1/wallets/${t.walletId}/top-ups`, {
        token: t.admin,
        key: `${tag}-${link.id}`,
        body: { amount, provider: 'sandbox', topUpLinkToken: token },
      });
    const other = await through(4_000, 'other');
    expectRefusal(other, 400, 'validation', 'amount');
    expect(other.body.error.reason).toEqual({
      key: 'top_up_link_amount',
      values: { amount: 5_000, currency: 'USD' },
    });

    await api.db.store.write((trx) =>
      trx
        .updateTable('top_up_links')
        .set({ expires_at: new Date(Date.now() - 60_000).toISOString() })
        .where('id', '=', link.id)
        .execute(),
    );
    const expired = await through(5_000, 'expired');
    expectRefusal(expired, 409, 'conflict', 'topUpLinkToken');
    expect(expired.body.error.reason).toEqual({ key: 'top_up_link_expired', values: {} });
  });

  it("the link's page names the merchant and whose wallet it tops up, escaped, and nothing more", async () => {
    const customer = await ok(
      call(api.app, 'POST', '/v1/customers', {
        token: t.admin,
        body: { name: 'Ann <b>& Co</b>', email: 'ann-private@example.com' },
      }),
    );
    const wallet = await ok(
      call(api.app, 'POST', `/v1/customers/${customer.id}/wallets`, {
        token: t.admin,
        body: { currency: 'USD', initialBalance: 123_456 },
        key: key('wallet'),
      }),
    );
    const link = await ok(
      call(api.app, 'POST', `/v1/customers/${customer.id}/top-up-links`, {
        token: t.admin,
        body: { walletId: wallet.id, expiresAt: inAWeek() },
      }),
    );
    const path = new URL(link.url).pathname;

    const page = await open(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<dt>Merchant</dt><dd>Revokeco</dd>');
    expect(page.body).toContain('<dt>Tops up the wallet of</dt><dd>Ann &#60;b&#62;&#38; Co&#60;/b&#62;</dd>');
    expect(page.body).not.toContain('<b>&');
    expect(page.body).not.toContain('ann-private@example.com');
    expect(page.body).not.toContain('1,234.56');
    // The names come before the form.
    expect(page.body.indexOf('Revokeco')).toBeLessThan(page.body.indexOf('<form'));

    const vi = await open(path, { 'accept-language': 'vi' });
    expect(vi.body).toContain('<dt>Người bán</dt><dd>Revokeco</dd>');
    expect(vi.body).toContain('<dt>Nạp vào ví của</dt><dd>Ann &#60;b&#62;&#38; Co&#60;/b&#62;</dd>');
  });

  it("after the checkout the payer returns to the API's own page, which says paid, waiting or failed", async () => {
    const returnLink = (html: string) =>
      /<a href="([^"]+)">(?:See the payment status|Return to Reseller Console)<\/a>/.exec(html)?.[1];
    const sandboxReturn = async (action: 'pay' | 'decline', path: string) => {
      const started = await submit(path);
      expect(started.statusCode).toBe(303);
      const pressed = await pressSandboxButton(started.headers.location as string, action);
      await api.app.payments.settled();
      return pressed.html;
    };

    const paidLink = await newLink();
    const paidHtml = await sandboxReturn('pay', paidLink.path);
    expect(paidHtml).not.toContain('resellerconsole://');
    const [paid] = await linkPayments(paidLink.id);
    const back = returnLink(paidHtml);
    expect(back).toBe(`${new URL(paidLink.url).origin}${paidLink.path}/payments/${paid.id}`);
    const paidPage = await fetch(back!);
    const paidBody = await paidPage.text();
    expect(paidPage.status).toBe(200);
    expect(paidBody).toContain('Paid. $50.00 was added to the wallet.');
    expect(paidBody).toContain('<dd>Revokeco</dd>');

    const failedLink = await newLink();
    const failedHtml = await sandboxReturn('decline', failedLink.path);
    const failedPage = await (await fetch(returnLink(failedHtml)!)).text();
    expect(failedPage).toContain('The payment failed or was cancelled. The wallet was not credited.');
    expect(failedPage).toContain(`<a href="${failedLink.path}">Try again</a>`);

    // Paid later: the provider has not confirmed it yet, so the page says it waits.
    const laterLink = await newLink();
    const later = await submit(laterLink.path);
    await pressSandboxButton(later.headers.location as string, 'pay-later');
    await api.app.payments.settled();
    const [waiting] = await linkPayments(laterLink.id);
    expect(waiting.status).toBe('processing');
    const waitingPage = await open(`${laterLink.path}/payments/${waiting.id}?lang=vi`);
    expect(waitingPage.statusCode).toBe(200);
    expect(waitingPage.body).toContain('Đang chờ nhà cung cấp thanh toán xác nhận.');
    expect(waitingPage.body).toContain(
      `<a href="${laterLink.path}/payments/${waiting.id}?lang=vi">Kiểm tra lại</a>`,
    );

    // Another link's payment, or another wallet's, is not this link's to show.
    expect((await open(`${paidLink.path}/payments/${waiting.id}`)).statusCode).toBe(404);
    expect((await open(`${paidLink.path}/payments/${t.paymentId}`)).statusCode).toBe(404);

    // A checkout the console opens keeps the console's deep link.
    const consoleTopUp = await ok(
      call(api.app, 'POST', `/v1/wallets/${t.walletId}/top-ups`, {
        token: t.admin,
        key: `console-${Date.now()}`,
        body: { amount: 5_000, provider: 'sandbox' },
      }),
    );
    const consoleHtml = (await pressSandboxButton(consoleTopUp.checkout.url, 'cancel')).html;
    expect(returnLink(consoleHtml)).toBe(`resellerconsole://payments/${consoleTopUp.id}`);
  });
});
