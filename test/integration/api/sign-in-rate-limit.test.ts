import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Api } from '../../../src/server/context.js';
import { DEFAULT_THROTTLE_RULES } from '../../../src/server/services/auth/throttle.js';
import { DIALECTS } from '../../support/databases.js';
import { call, key, OPERATOR_TOKEN, startApi, type Reply, type TestApi } from '../../support/api.js';
import { expectRefusal, manualClock, ok, PASSWORD, rowCounts } from '../../support/tenants.js';
import { startTwinApis, type TwinApis } from '../../support/twin-apis.js';

const LIMIT = 3;
const FIFTEEN_MINUTES = 15 * 60_000;

describe.each(DIALECTS)('sign-in rate limit on %s', (dialect) => {
  let api: TestApi;
  const emails = [`first-${key()}@example.com`, `second-${key()}@example.com`];

  beforeAll(async () => {
    api = await startApi(dialect, {
      throttle: { signInPerAccount: { max: LIMIT, windowMs: FIFTEEN_MINUTES } },
    });
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

/**
 * The attacks of issue 8 against the default limits, on two API instances over one database (as two
 * API processes behind a load balancer): attempts alternate between them, so each limit holds only if
 * the count is shared. A hand-moved clock ends the windows.
 */
describe.each(DIALECTS)('guessing is throttled across API processes on %s', (dialect) => {
  // The default limits, but fewer sign-ins per account and address where a test does not need the
  // default: every checked password costs a deliberately slow hash.
  const rules = {
    ...DEFAULT_THROTTLE_RULES,
    signInPerAccount: { ...DEFAULT_THROTTLE_RULES.signInPerAccount, max: 4 },
  };
  const fewPerAddress = { ...rules, signInPerAddress: { ...rules.signInPerAddress, max: 5 } };
  let apis: TwinApis;
  let clock: ReturnType<typeof manualClock>;
  let victim: string;
  let seq = 0;

  beforeEach(async () => {
    clock = manualClock();
    apis = await startTwinApis(dialect, { clock: clock.now, throttle: rules });
    victim = `victim-${key()}@example.com`;
    await ok(
      call(apis.a, 'POST', '/v1/resellers', {
        token: OPERATOR_TOKEN,
        body: { name: 'Victim', adminEmail: victim, adminPassword: PASSWORD },
      }),
    );
  });
  afterEach(() => apis.close());

  /** Every other request goes to the other process. */
  const app = (): Api => (seq++ % 2 === 0 ? apis.a : apis.b);
  const inject = async (
    target: Api,
    request: { method: 'GET' | 'POST'; url: string; headers?: Record<string, string>; body?: unknown },
    remoteAddress: string,
  ): Promise<Reply<any>> => {
    const response = await target.inject({
      method: request.method,
      url: request.url,
      remoteAddress,
      headers: { ...request.headers, ...(request.body ? { 'content-type': 'application/json' } : {}) },
      ...(request.body ? { payload: JSON.stringify(request.body) } : {}),
    });
    return { status: response.statusCode, body: JSON.parse(response.body), headers: response.headers };
  };
  const signIn = (email: string, password: string, address: string, target = app()) =>
    inject(target, { method: 'POST', url: '/v1/auth/login', body: { email, password } }, address);
  const sessions = async () => (await rowCounts(apis.db.store)).sessions;

  it('40 different emails from one address: throttled by address, whatever the email', async () => {
    const address = '203.0.113.7';
    const replies: number[] = [];
    for (let i = 0; i < 40; i++) {
      replies.push((await signIn(`nobody-${i}-${key()}@example.com`, 'guess', address)).status);
    }
    expect(replies.slice(0, rules.signInPerAddress.max)).toEqual(Array(rules.signInPerAddress.max).fill(401));
    expect(replies.slice(rules.signInPerAddress.max)).toEqual(
      Array(40 - rules.signInPerAddress.max).fill(429),
    );

    // The address is refused even the right password; another address is not.
    const sessionsBefore = await sessions();
    const refused = await signIn(victim, PASSWORD, address);
    expectRefusal(refused, 429, 'rate_limited');
    expect(refused.body.error.message).toMatch(
      /too many sign-in attempts from this address; try again in \d+ s/,
    );
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(rules.signInPerAddress.windowMs / 1000);
    expect(await sessions()).toBe(sessionsBefore);
    expect((await signIn(victim, PASSWORD, '198.51.100.1')).status).toBe(200);

    // The lock ends with its window: Retry-After said when.
    clock.advance(retryAfter * 1000);
    expect((await signIn(victim, PASSWORD, address)).status).toBe(200);
  });

  it('one account from many addresses: throttled per account; the right password works once the window passed', async () => {
    const max = rules.signInPerAccount.max;
    for (let i = 0; i < max; i++) {
      expectRefusal(await signIn(victim, `guess ${i}`, `192.0.2.${i + 1}`), 401, 'unauthorized');
    }
    const locked = await signIn(victim, 'one more guess', '192.0.2.200');
    expectRefusal(locked, 429, 'rate_limited');
    expect(locked.body.error.message).toMatch(/too many sign-in attempts for this account/);
    const sessionsBefore = await sessions();
    const right = await signIn(victim, PASSWORD, '192.0.2.201');
    expectRefusal(right, 429, 'rate_limited');
    expect(await sessions()).toBe(sessionsBefore);

    // Not locked for ever: just before the window ends still refused, then the right password works.
    clock.advance(rules.signInPerAccount.windowMs - 1000);
    expectRefusal(await signIn(victim, PASSWORD, '192.0.2.202'), 429, 'rate_limited');
    clock.advance(1000);
    const after = await signIn(victim, PASSWORD, '192.0.2.203');
    expect(after.status).toBe(200);
    expect(after.body.token).toMatch(/^rs_/);
  });

  it('behind a proxy (TRUST_PROXY on) the address is the forwarded one: one account from many forwarded addresses', async () => {
    const proxied = await startTwinApis(dialect, {
      clock: clock.now,
      // As the README says: TRUST_PROXY names the proxy's own address.
      trustProxy: ['10.0.0.2'],
      throttle: fewPerAddress,
    });
    try {
      const email = `proxied-${key()}@example.com`;
      await ok(
        call(proxied.a, 'POST', '/v1/resellers', {
          token: OPERATOR_TOKEN,
          body: { name: 'Proxied', adminEmail: email, adminPassword: PASSWORD },
        }),
      );
      const via = (i: number, password: string) =>
        inject(
          i % 2 === 0 ? proxied.a : proxied.b,
          {
            method: 'POST',
            url: '/v1/auth/login',
            headers: { 'x-forwarded-for': `100.64.${Math.floor(i / 250)}.${(i % 250) + 1}` },
            body: { email, password },
          },
          '10.0.0.2',
        );
      // More accounts than one address may try, from as many forwarded addresses behind one proxy:
      // none is throttled by address.
      for (let i = 0; i < fewPerAddress.signInPerAddress.max + 3; i++) {
        const reply = await inject(
          proxied.a,
          {
            method: 'POST',
            url: '/v1/auth/login',
            headers: { 'x-forwarded-for': `100.65.0.${i + 1}` },
            body: { email: `other-${i}-${key()}@example.com`, password: 'guess' },
          },
          '10.0.0.2',
        );
        expect(reply.status).toBe(401);
      }
      for (let i = 0; i < rules.signInPerAccount.max; i++) expect((await via(i, 'guess')).status).toBe(401);
      expectRefusal(await via(100, PASSWORD), 429, 'rate_limited');
    } finally {
      await proxied.close();
    }
  });

  it('with TRUST_PROXY off (the default) a forged X-Forwarded-For does not make a fresh address', async () => {
    const direct = await startTwinApis(dialect, { clock: clock.now, throttle: fewPerAddress });
    const address = '203.0.113.9';
    const statuses: number[] = [];
    const tries = fewPerAddress.signInPerAddress.max + 3;
    for (let i = 0; i < tries; i++) {
      const reply = await inject(
        i % 2 === 0 ? direct.a : direct.b,
        {
          method: 'POST',
          url: '/v1/auth/login',
          headers: { 'x-forwarded-for': `198.18.0.${i + 1}` },
          body: { email: `forged-${i}-${key()}@example.com`, password: 'guess' },
        },
        address,
      );
      statuses.push(reply.status);
    }
    await direct.close();
    expect(statuses.filter((s) => s === 429)).toHaveLength(tries - fewPerAddress.signInPerAddress.max);
  });

  it('200 operator-token guesses from one address: throttled, and then the right token is refused too', async () => {
    const address = '203.0.113.66';
    const guess = (token: string) =>
      inject(
        app(),
        { method: 'GET', url: '/v1/resellers', headers: { authorization: `Bearer ${token}` } },
        address,
      );
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) {
      // Operator-token guesses, and API-key and session look-alikes: all guesses.
      const candidate = [`operator-guess-${i}-0123456789`, `rk_${randomBytes(32).toString('base64url')}`][
        i % 2
      ]!;
      statuses.push((await guess(candidate)).status);
    }
    const max = rules.credentialsPerAddress.max;
    expect(statuses.slice(0, max)).toEqual(Array(max).fill(401));
    expect(statuses.slice(max)).toEqual(Array(200 - max).fill(429));

    const right = await guess(OPERATOR_TOKEN);
    expectRefusal(right, 429, 'rate_limited');
    expect(right.body.error.message).toMatch(/too many invalid credentials from this address/);
    const retryAfter = Number(right.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);

    // The operator elsewhere is not locked out, and the address is free again after the window.
    const elsewhere = await inject(
      app(),
      { method: 'GET', url: '/v1/resellers', headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } },
      '198.51.100.2',
    );
    expect(elsewhere.status).toBe(200);
    clock.advance(retryAfter * 1000);
    expect((await guess(OPERATOR_TOKEN)).status).toBe(200);
  });

  it('the operator and live keys are never counted: many good requests from one address stay 200', async () => {
    const address = '203.0.113.80';
    for (let i = 0; i < rules.credentialsPerAddress.max + 5; i++) {
      const reply = await inject(
        app(),
        { method: 'GET', url: '/v1/resellers', headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } },
        address,
      );
      expect(reply.status).toBe(200);
    }
  });

  it('concurrent guesses at one account: exactly the limit is checked, the rest are 429', async () => {
    const max = rules.signInPerAccount.max;
    const replies = await Promise.all(
      Array.from({ length: max + 8 }, (_, i) => signIn(victim, `concurrent guess ${i}`, `192.0.2.${i + 10}`)),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(max);
    expect(statuses.filter((s) => s === 429)).toHaveLength(8);
  });

  it('a successful sign-in resets the account count', async () => {
    const max = rules.signInPerAccount.max;
    for (let i = 0; i < max - 1; i++)
      expect((await signIn(victim, 'guess', `192.0.2.${i + 1}`)).status).toBe(401);
    expect((await signIn(victim, PASSWORD, '192.0.2.100')).status).toBe(200);
    for (let i = 0; i < max; i++)
      expect((await signIn(victim, 'guess', `192.0.2.${i + 1}`)).status).toBe(401);
    expectRefusal(await signIn(victim, PASSWORD, '192.0.2.100'), 429, 'rate_limited');
  });

  it('gateway webhooks carry their own Authorization and are never throttled as guesses', async () => {
    const address = '203.0.113.90';
    for (let i = 0; i < rules.credentialsPerAddress.max + 5; i++) {
      const reply = await inject(
        app(),
        {
          method: 'POST',
          url: '/v1/webhooks/vietqr/rsl_unknown',
          headers: { authorization: `Bearer not-ours-${i}` },
          body: {},
        },
        address,
      );
      expect(reply.status).not.toBe(429);
    }
  });
});
