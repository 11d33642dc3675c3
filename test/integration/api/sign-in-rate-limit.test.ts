import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import { call, key, OPERATOR_TOKEN, startApi, type TestApi } from '../../support/api.js';
import { expectRefusal, ok, PASSWORD, rowCounts } from '../../support/tenants.js';

const LIMIT = 3;

describe.each(DIALECTS)('sign-in rate limit on %s', (dialect) => {
  let api: TestApi;
  const emails = [`first-${key()}@example.com`, `second-${key()}@example.com`];

  beforeAll(async () => {
    api = await startApi(dialect, { loginRateLimit: LIMIT });
    for (const adminEmail of emails) {
      await ok(
        call(api.app, 'POST', '/v1/resellers', {
          token: OPERATOR_TOKEN,
          body: { name: adminEmail, adminEmail, adminPassword: PASSWORD },
        }),
      );
    }
  });
  afterAll(() => api.close());

  const attempt = (email: string, password: string) =>
    call(api.app, 'POST', '/v1/auth/login', { body: { email, password } });

  it(`answers 429 after ${LIMIT} attempts for one email, even to the right password`, async () => {
    const [victim] = emails as [string, string];
    for (let i = 0; i < LIMIT; i++)
      expectRefusal(await attempt(victim, `guess number ${i}`), 401, 'unauthorized');
    const sessionsBefore = (await rowCounts(api.db.store)).sessions;

    const limited = await attempt(victim, 'one more guess');
    expectRefusal(limited, 429, 'rate_limited');
    expect(limited.body.error.message).toMatch(/too many sign-in attempts/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    const right = await attempt(victim, PASSWORD);
    expectRefusal(right, 429, 'rate_limited');
    expect(right.body).not.toHaveProperty('token');
    expect((await rowCounts(api.db.store)).sessions).toBe(sessionsBefore);
  });

  it('counts per address and email: another account from the same address still signs in', async () => {
    const [, other] = emails as [string, string];
    const locked = `locked-${key()}@example.com`;
    for (let i = 0; i < LIMIT; i++) await attempt(locked, 'guess');
    expectRefusal(await attempt(locked, 'guess'), 429, 'rate_limited');

    const reply = await attempt(other, PASSWORD);
    expect(reply.status).toBe(200);
    expect(reply.body.token).toMatch(/^rs_/);
  });
});
