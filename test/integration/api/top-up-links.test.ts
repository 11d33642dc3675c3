import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../../src/shared/money.js';
import { call, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { createTenant, expectRefusal, ok, type Tenant } from '../../support/tenants.js';

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

/**
 * A top-up link is a shareable payment URL (like a Stripe Payment Link): listed with its URL at any
 * time, by every role that may read the customer. The plain API (no credentials key: PostgreSQL's
 * default) is used on purpose, since the URL must not depend on one.
 */
describe.each(DIALECTS)('top-up links on %s', (dialect) => {
  let api: TestApi;
  let t: Tenant;

  beforeAll(async () => {
    api = await startApi(dialect);
    t = await createTenant(api.app, 'Linkco');
  });
  afterAll(() => api.close());

  const create = (body: object) =>
    ok(call(api.app, 'POST', `/v1/customers/${t.customerId}/top-up-links`, { token: t.admin, body }));
  const page = (path: string) => api.app.inject({ method: 'GET', url: path });

  it('the list gives every link its URL, the same one the creation answered, to every reader', async () => {
    const open = await create({ walletId: t.walletId, expiresAt: inAWeek() });
    const fixed = await create({ walletId: t.walletId, amount: 5_000, expiresAt: inAWeek() });
    for (const link of [open, fixed]) expect(link.url).toMatch(/\/pay\/[A-Za-z0-9_-]{43}$/);
    expect(open.url).not.toBe(fixed.url);

    for (const token of [t.admin, t.support, t.customer]) {
      const list = await ok(call(api.app, 'GET', `/v1/customers/${t.customerId}/top-up-links`, { token }));
      expect(list.items.map((l: any) => [l.id, l.url])).toEqual(
        expect.arrayContaining([
          [open.id, open.url],
          [fixed.id, fixed.url],
        ]),
      );
    }

    // The listed URL is the working one: its page offers the payment form.
    const listed = await ok(
      call(api.app, 'GET', `/v1/customers/${t.customerId}/top-up-links`, { token: t.admin }),
    );
    const path = new URL(listed.items.find((l: any) => l.id === fixed.id).url).pathname;
    const reply = await page(path);
    expect(reply.statusCode).toBe(200);
    expect(reply.body).toContain(`<form method="post" action="${path}">`);
    expect(reply.body).toContain('$50.00');
  });

  it('the payer page speaks Vietnamese when the link or the browser asks for it, English otherwise', async () => {
    const fixed = await create({ walletId: t.walletId, amount: 5_000, expiresAt: inAWeek() });
    const path = new URL(fixed.url).pathname;

    const english = await page(path);
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('<h1>Top up your wallet</h1>');
    expect(english.body).toContain('$50.00');

    const asked = await page(`${path}?lang=vi`);
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('<html lang="vi">');
    expect(asked.body).toContain('<h1>Nạp tiền vào ví của bạn</h1>');
    expect(asked.body).toContain('<legend>Phương thức thanh toán</legend>');
    expect(asked.body).toContain('>Tiếp tục thanh toán</button>');
    expect(asked.body).toContain(formatMoney(5_000, 'USD', { locale: 'vi-VN' }));
    expect(asked.body).not.toContain('Top up your wallet');
    // The form posts back in the language the link asked for.
    expect(asked.body).toContain(`<form method="post" action="${path}?lang=vi">`);

    const browser = await api.app.inject({
      method: 'GET',
      url: path,
      headers: { 'accept-language': 'vi-VN,vi;q=0.9,en;q=0.8' },
    });
    expect(browser.body).toContain('<html lang="vi">');
    expect(browser.body).toContain('<h1>Nạp tiền vào ví của bạn</h1>');
    expect(browser.body).toContain(`<form method="post" action="${path}">`);

    const gone = await page(`/pay/${randomBytes(32).toString('base64url')}?lang=vi`);
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('Liên kết nạp tiền này không tồn tại. Hãy yêu cầu một liên kết mới.');
  });

  it("tells the payer why the API refused, in the page's language, never in the API's own words", async () => {
    const link = await create({ walletId: t.walletId, expiresAt: inAWeek() });
    const path = new URL(link.url).pathname;
    const submit = (query: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
      api.app.inject({
        method: 'POST',
        url: `${path}${query}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        payload: new URLSearchParams(form).toString(),
      });
    // 0.01 USD is under the default minimum (0.50 USD): a top_up_limit refusal, with the range to use.
    const range = (locale: string) =>
      [50, 1_500_000].map((amount) => formatMoney(amount, 'USD', { locale })) as [string, string];
    const vi = await submit('?lang=vi', { method: 'sandbox', amount: '0.01' });
    expect(vi.statusCode).toBe(422);
    expect(vi.body).toContain('<html lang="vi">');
    const [viMin, viMax] = range('vi-VN');
    expect(vi.body).toContain(`<p role="alert">Hãy nhập số tiền từ ${viMin} đến ${viMax}.</p>`);
    expect(vi.body).not.toContain('a top-up must be');

    const en = await submit('', { method: 'sandbox', amount: '0.01' });
    expect(en.body).toContain('<p role="alert">Enter an amount between $0.50 and $15,000.00.</p>');
    expect(en.body).not.toContain('a top-up must be');

    // A method the reseller does not offer, chosen by a browser that prefers Vietnamese.
    const method = await submit(
      '',
      { method: 'nosuchgateway', amount: '50' },
      { 'accept-language': 'vi-VN,vi;q=0.9' },
    );
    expect(method.body).toContain('<html lang="vi">');
    expect(method.body).toContain(
      '<p role="alert">Phương thức thanh toán này hiện không khả dụng. Hãy quay lại và chọn phương thức khác.</p>',
    );
  });

  it('unknown and forged tokens get the "does not exist" page and start nothing', async () => {
    const link = await create({ walletId: t.walletId, expiresAt: inAWeek() });
    const token = new URL(link.url).pathname.slice('/pay/'.length);
    const flipped = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const forged = [
      flipped,
      token.slice(0, -1),
      `${token}A`,
      token.toLowerCase() === token ? token.toUpperCase() : token.toLowerCase(),
      randomBytes(32).toString('base64url'),
      link.id,
      '%00',
      `'%20OR%20'1'='1`,
    ];
    const before = await ok(call(api.app, 'GET', '/v1/payments', { token: t.admin }));
    for (const candidate of forged) {
      const get = await page(`/pay/${candidate}`);
      expect(get.statusCode, candidate).toBeGreaterThanOrEqual(400);
      expect(get.statusCode, candidate).toBeLessThan(500);
      const post = await api.app.inject({
        method: 'POST',
        url: `/pay/${candidate}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ method: 'sandbox', amount: '50' }).toString(),
      });
      expect(post.statusCode, candidate).toBeGreaterThanOrEqual(400);
      expect(post.statusCode, candidate).toBeLessThan(500);
    }
    expect((await page(`/pay/${flipped}`)).body).toContain('does not exist');
    expect(await ok(call(api.app, 'GET', '/v1/payments', { token: t.admin }))).toEqual(before);
  });

  it("a link's token names its own wallet only: another wallet's top-up cannot use it", async () => {
    const link = await create({ walletId: t.walletId, expiresAt: inAWeek() });
    const token = new URL(link.url).pathname.slice('/pay/'.length);
    expectRefusal(
      await call(api.app, 'POST', `/v1/wallets/${t.otherWalletId}/top-ups`, {
        token: t.admin,
        key: `link-${token.slice(0, 8)}`,
        body: { amount: 5_000, provider: 'sandbox', topUpLinkToken: token },
      }),
      404,
      'not_found',
      'topUpLinkToken',
    );
  });
});
