import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, OPERATOR_TOKEN, seedReseller, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { expectRefusal } from '../../support/tenants.js';

const LONG_ID = 'a'.repeat(10_000);

describe.each(DIALECTS)('path parameters and response headers on %s', (dialect) => {
  let api: TestApi;
  let admin: string;
  let walletId: string;
  beforeAll(async () => {
    api = await startApi(dialect);
    const seeded = await seedReseller(api.app);
    admin = seeded.admin;
    walletId = seeded.walletId;
  });
  afterAll(() => api.close());

  const PATHS: Array<[label: string, method: 'GET' | 'POST', url: string, field: string, reason: RegExp]> = [
    ['truncated UTF-8', 'GET', '/v1/customers/%E0%A4%A', 'id', /percent-encoded UTF-8/],
    ['a lone 0xFF byte', 'GET', '/v1/customers/%FF', 'id', /percent-encoded UTF-8/],
    ['a 10,000-character id', 'GET', `/v1/customers/${LONG_ID}`, 'id', /longer than 100 characters/],
    ['a 10,000-character id mid-path', 'GET', `/v1/wallets/${LONG_ID}/transactions`, 'id', /longer than 100/],
    ['an invalid UTF-8 pair', 'POST', '/v1/wallets/%C3%28/credits', 'id', /percent-encoded UTF-8/],
    ['a long second parameter', 'POST', `/v1/webhooks/vietqr/${LONG_ID}`, 'resellerId', /longer than 100/],
    ['a bad first parameter', 'POST', '/v1/webhooks/%E0%A4%A/rsl_x', 'provider', /percent-encoded UTF-8/],
    ['a bad segment of no route', 'GET', '/v1/%E0%A4%A/x', 'path', /percent-encoded UTF-8/],
  ];

  it.each(PATHS)(
    '%s (%s) → 400 naming the parameter, without echoing the URL',
    async (_label, method, url, field, reason) => {
      const reply = await call(api.app, method, url, { token: admin });
      expectRefusal(reply, 400, 'validation', field);
      expect(reply.body.error.message).toMatch(reason);
      expect(reply.body.error.message).not.toContain('%E0');
      expect(reply.body.error.message).not.toContain('aaaaaaaaaa');
      expect(reply.body.error.message.length).toBeLessThan(100);
    },
  );

  it('a long path no route has is named in a line, not echoed whole', async () => {
    const reply = await call(api.app, 'GET', `/v1/no-such-route/${'x'.repeat(90)}/${LONG_ID}`, {
      token: admin,
    });
    expectRefusal(reply, 404, 'not_found');
    expect(reply.body.error.message.length).toBeLessThan(160);
  });

  it('a parameter the router takes reaches the route, which applies its own rule', async () => {
    expectRefusal(
      await call(api.app, 'GET', `/v1/customers/${'a'.repeat(100)}`, { token: admin }),
      400,
      'validation',
      'id',
    );
    expect((await call(api.app, 'GET', '/v1/customers/cus_%C3%A9', { token: admin })).body).toMatchObject({
      error: { code: 'not_found' },
    });
  });

  it('JSON answers, successes and refusals alike, say nosniff and no-store', async () => {
    const answers = [
      await call(api.app, 'GET', `/v1/wallets/${walletId}`, { token: admin }),
      await call(api.app, 'GET', `/v1/wallets/${walletId}/transactions`, { token: admin }),
      await call(api.app, 'GET', '/v1/customers/%E0%A4%A', { token: admin }),
      await call(api.app, 'GET', '/v1/customers', {}),
      await call(api.app, 'GET', '/v1/customers', { token: OPERATOR_TOKEN }),
      await call(api.app, 'POST', `/v1/wallets/${walletId}/credits`, { token: admin, body: { amount: 'x' } }),
      await call(api.app, 'GET', '/v1/no-such-route', { token: admin }),
      await call(api.app, 'GET', '/healthz'),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 400, 401, 403, 400, 404, 200]);
    for (const [index, answer] of answers.entries()) {
      expect(answer.headers['content-type'], `answer ${index}`).toMatch(/^application\/json/);
      expect(answer.headers['x-content-type-options'], `answer ${index}`).toBe('nosniff');
      expect(answer.headers['cache-control'], `answer ${index}`).toBe('no-store');
    }
  });

  it('a hosted page keeps its own CSP and cache headers and is not sniffed either', async () => {
    const page = await api.app.inject({ method: 'GET', url: '/pay/no-such-link-token' });
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/default-src/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['cache-control']).toBe('no-store');
  });
});
