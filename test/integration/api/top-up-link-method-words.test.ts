import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startApi, type TestApi } from '../../support/api.js';
import { createTenant, ok, type Tenant } from '../../support/tenants.js';

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

/**
 * A top-up link's payer page names each method as the console does: a method's starting words
 * ("Sandbox test card", "Instant") in the page's language, a reseller's own words as typed.
 */
describe('the methods a top-up link offers, in its language', () => {
  let api: TestApi;
  let t: Tenant;

  beforeAll(async () => {
    api = await startApi('sqlite');
    t = await createTenant(api.app, 'Wordco');
  });
  afterAll(() => api.close());

  const linkPage = async (query: string) => {
    const link = await ok(
      call(api.app, 'POST', `/v1/customers/${t.customerId}/top-up-links`, {
        token: t.admin,
        body: { walletId: t.walletId, amount: 2_550, expiresAt: inAWeek() },
      }),
    );
    const reply = await api.app.inject({ method: 'GET', url: `${new URL(link.url).pathname}${query}` });
    expect(reply.statusCode).toBe(200);
    return reply.body;
  };

  it('a Vietnamese page says the starting words in Vietnamese, not in English', async () => {
    const vi = await linkPage('?lang=vi');
    expect(vi).toContain(
      'Thẻ thử nghiệm sandbox (CHẾ ĐỘ THỬ NGHIỆM — không dùng tiền thật) — Miễn phí · Tức thì',
    );
    expect(vi).not.toContain('Sandbox test card');
    expect(vi).not.toContain('Instant');

    const en = await linkPage('');
    expect(en).toContain('Sandbox test card (TEST MODE — no real money) — No fee · Instant');
  });

  it("a reseller's own words stay as typed, in either language", async () => {
    const settings = await ok(call(api.app, 'GET', '/v1/payment-settings', { token: t.admin }));
    const methods = settings.methods.map(({ available: _available, ...m }: { available: boolean }) => m);
    await ok(
      call(api.app, 'PATCH', '/v1/payment-settings', {
        token: t.admin,
        body: {
          methods: methods.map((m: { provider: string }) =>
            m.provider === 'sandbox'
              ? { ...m, label: 'Thẻ test của Wordco', processingTime: 'Ngay lập tức' }
              : m,
          ),
        },
      }),
    );
    for (const query of ['?lang=vi', '?lang=en']) {
      const body = await linkPage(query);
      expect(body).toContain('Thẻ test của Wordco');
      expect(body).toContain('Ngay lập tức');
    }
  });
});
