import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../../src/shared/money.js';
import { call, key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { paymentRows } from '../../support/payment-records.js';
import { startPaymentsApi, type PaymentsApi } from '../../support/payments.js';
import { createTenant, ok, type Tenant } from '../../support/tenants.js';

/**
 * The sandbox's hosted checkout is not Bearer-authenticated (the payer's browser opens it), so the
 * route sweeps leave it out: here, unknown and forged checkout ids are refused and change nothing.
 */
describe.each(DIALECTS)('sandbox checkout pages on %s', (dialect) => {
  let api: PaymentsApi;
  let t: Tenant;
  let checkoutPath: string;

  beforeAll(async () => {
    api = await startPaymentsApi(dialect);
    t = await createTenant(api.app, 'Pages');
    const payment = await ok(
      call(api.app, 'POST', `/v1/wallets/${t.walletId}/top-ups`, {
        token: t.admin,
        key: key(),
        body: { amount: 5_000, provider: 'sandbox' },
      }),
    );
    checkoutPath = new URL(payment.checkout.url).pathname;
  });
  afterAll(() => api.close());

  const page = (method: 'GET' | 'POST', url: string) =>
    api.app.inject({
      method,
      url,
      ...(method === 'POST'
        ? {
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            payload: 'card=4242424242424242',
          }
        : {}),
    });

  it('unknown and forged checkout ids get "no such checkout", and pressing their buttons changes nothing', async () => {
    const id = checkoutPath.slice('/sandbox/checkout/'.length);
    expect(id).toMatch(/^sbx_/);
    const flipped = `${id.slice(0, -1)}${id.endsWith('0') ? '1' : '0'}`;
    const forged = [flipped, id.slice(0, -1), `${id}0`, `sbx_${randomBytes(12).toString('hex')}`, t.walletId];
    const before = await paymentRows(api.db.store);
    for (const candidate of forged) {
      const get = await page('GET', `/sandbox/checkout/${candidate}`);
      expect(get.statusCode, candidate).toBe(404);
      expect(get.body).toContain('No such checkout');
      for (const action of ['pay', 'pay-later', 'complete', 'decline', 'cancel']) {
        const post = await page('POST', `/sandbox/checkout/${candidate}/${action}`);
        expect(post.statusCode, `${candidate} ${action}`).toBe(404);
      }
    }
    expect(await paymentRows(api.db.store)).toEqual(before);
  });

  it('an unknown button or an odd id is a 4xx, never a 500, and the real checkout stays open', async () => {
    for (const url of [
      `${checkoutPath}/refund`,
      `${checkoutPath}/pay%00`,
      '/sandbox/checkout/%00',
      `/sandbox/checkout/${'x'.repeat(65)}`,
      `/sandbox/checkout/'%20OR%20'1'='1/pay`,
    ]) {
      const reply = await page(url.endsWith('/pay') || url.includes('/refund') ? 'POST' : 'GET', url);
      expect(reply.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(reply.statusCode, url).toBeLessThan(500);
    }
    const real = await page('GET', checkoutPath);
    expect(real.statusCode).toBe(200);
    expect(real.body).toContain('>Pay</button>');
  });

  it('speaks Vietnamese when the link or the browser asks for it, and English otherwise', async () => {
    const english = await page('GET', checkoutPath);
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('TEST MODE — no real money');
    expect(english.body).toContain('$50.00');
    expect(english.body).toContain(`action="${checkoutPath}/pay"`);

    const asked = await api.app.inject({ method: 'GET', url: `${checkoutPath}?lang=vi` });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('<html lang="vi">');
    expect(asked.body).toContain('<title>Thanh toán thử (sandbox)</title>');
    expect(asked.body).toContain('CHẾ ĐỘ THỬ NGHIỆM — không dùng tiền thật');
    expect(asked.body).toContain('>Thanh toán</button>');
    expect(asked.body).toContain('Đang chờ bạn thanh toán.');
    expect(asked.body).toContain(formatMoney(5_000, 'USD', { locale: 'vi-VN' }));
    expect(asked.body).not.toContain('>Pay</button>');
    // The buttons keep the language the link asked for.
    expect(asked.body).toContain(`action="${checkoutPath}/pay?lang=vi"`);

    const browser = await api.app.inject({
      method: 'GET',
      url: checkoutPath,
      headers: { 'accept-language': 'vi-VN,vi;q=0.9,en;q=0.8' },
    });
    expect(browser.body).toContain('<html lang="vi">');
    expect(browser.body).toContain('>Thanh toán</button>');

    const overridden = await api.app.inject({
      method: 'GET',
      url: `${checkoutPath}?lang=en`,
      headers: { 'accept-language': 'vi' },
    });
    expect(overridden.body).toContain('<html lang="en">');
    expect(overridden.body).toContain('>Pay</button>');

    const unknown = await api.app.inject({ method: 'GET', url: '/sandbox/checkout/sbx_nope?lang=vi' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Không có phiên thanh toán này');
  });

  it("speaks the language of the customer whose payment it is, whatever the payer's browser says", async () => {
    const other = await createTenant(api.app, 'Languages');
    const customerPath = (id: string) => `/v1/customers/${id}`;
    await ok(
      call(api.app, 'PATCH', customerPath(other.customerId), {
        token: other.admin,
        body: { language: 'vi' },
      }),
    );
    await ok(
      call(api.app, 'PATCH', customerPath(other.otherCustomerId), {
        token: other.admin,
        body: { language: 'en' },
      }),
    );
    const checkoutOf = async (walletId: string) => {
      const payment = await ok(
        call(api.app, 'POST', `/v1/wallets/${walletId}/top-ups`, {
          token: other.admin,
          key: key(),
          body: { amount: 5_000, provider: 'sandbox' },
        }),
      );
      return new URL(payment.checkout.url).pathname;
    };
    const vietnamese = await checkoutOf(other.walletId);
    const english = await checkoutOf(other.otherWalletId);

    for (const headers of [{}, { 'accept-language': 'en-US,en;q=0.9' }]) {
      const opened = await api.app.inject({ method: 'GET', url: vietnamese, headers });
      expect(opened.statusCode).toBe(200);
      expect(opened.body).toContain('<html lang="vi">');
      // Still plainly a test page, in Vietnamese.
      expect(opened.body).toContain('CHẾ ĐỘ THỬ NGHIỆM — không dùng tiền thật');
      expect(opened.body).toContain('<title>Thanh toán thử (sandbox)</title>');
      expect(opened.body).toContain('>Thanh toán</button>');
      expect(opened.body).toContain(formatMoney(5_000, 'USD', { locale: 'vi-VN' }));
      expect(opened.body).not.toContain('TEST MODE');
      expect(opened.body).not.toContain('>Pay</button>');
    }
    // The page a button leads to speaks it too.
    const later = await api.app.inject({
      method: 'POST',
      url: `${vietnamese}/pay-later`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
      payload: '',
    });
    expect(later.statusCode).toBe(200);
    expect(later.body).toContain('<html lang="vi">');
    expect(later.body).toContain('CHẾ ĐỘ THỬ NGHIỆM — không dùng tiền thật');

    const inEnglish = await api.app.inject({
      method: 'GET',
      url: english,
      headers: { 'accept-language': 'vi' },
    });
    expect(inEnglish.body).toContain('<html lang="en">');
    expect(inEnglish.body).toContain('TEST MODE — no real money');
    expect(inEnglish.body).toContain('>Pay</button>');
    expect(inEnglish.body).toContain('$50.00');

    // A link that names its language still has the last word.
    const asked = await api.app.inject({ method: 'GET', url: `${vietnamese}?lang=en` });
    expect(asked.body).toContain('<html lang="en">');
  });
});
