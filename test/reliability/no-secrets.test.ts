import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, key, OPERATOR_TOKEN } from '../support/api.js';
import { DIALECTS } from '../support/databases.js';
import { METRICS_TOKEN, startObservedApi, type ObservedApi } from '../support/observed-api.js';
import { sandboxEventId, signedSandboxEvent, useKnownSandboxSecret } from '../support/payments.js';
import { createTenant, ok, PASSWORD, type Tenant } from '../support/tenants.js';

/** A webhook secret only this test knows, saved through the credentials route. */
const GATEWAY_SECRET = 'sbwhsec_secret_for_the_log_test_7f3e';

/**
 * Every secret that passes through the API — a password at sign-in, the session it returns, an API
 * key, the operator and metrics tokens, a gateway's webhook secret, a webhook's signature, an
 * Idempotency-Key — is absent from every log line (level trace: all of them) and from the metrics.
 */
describe.each(DIALECTS)('no secret in logs or metrics on %s', (dialect) => {
  let api: ObservedApi;
  let t: Tenant;
  const secrets: Record<string, string> = {};
  beforeAll(async () => {
    api = await startObservedApi(dialect);
    t = await createTenant(api.app, 'Secrets');
    secrets.password = PASSWORD;
    secrets.apiKey = t.admin;
    secrets.operatorToken = OPERATOR_TOKEN;
    secrets.metricsToken = METRICS_TOKEN;
    secrets.gatewaySecret = GATEWAY_SECRET;
  });
  afterAll(() => api.close());

  it('drives sign-in, key requests, a credential save and signed webhooks, then finds none of them', async () => {
    // Sign-in, right and wrong: the password is in the body; the session comes back.
    const customerEmail = (
      (await ok(call(api.app, 'GET', '/v1/users?role=customer', { token: t.admin }))) as any
    ).items?.[0]?.email as string;
    expect(typeof customerEmail).toBe('string');
    const session = await ok(
      call(api.app, 'POST', '/v1/auth/login', { body: { email: customerEmail, password: PASSWORD } }),
    );
    secrets.session = session.token as string;
    expect(
      (
        await call(api.app, 'POST', '/v1/auth/login', {
          body: { email: customerEmail, password: `${PASSWORD}!` },
        })
      ).status,
    ).toBe(401);
    await ok(call(api.app, 'GET', '/v1/me', { token: secrets.session }));

    // An API-key request with an Idempotency-Key, and one with a key that is not ours.
    const idempotencyKey = key('secret-idem');
    secrets.idempotencyKey = idempotencyKey;
    await ok(
      call(api.app, 'POST', `/v1/wallets/${t.walletId}/credits`, {
        token: t.admin,
        key: idempotencyKey,
        body: { amount: 100, description: 'no secrets here' },
      }),
    );
    secrets.unknownKey = 'rk_live_unknown_key_0123456789abcdef';
    expect((await call(api.app, 'GET', '/v1/me', { token: secrets.unknownKey })).status).toBe(401);

    // A gateway credential saved, then a signed webhook and a forged one.
    await useKnownSandboxSecret(api.app, t.admin, GATEWAY_SECRET);
    const delivery = signedSandboxEvent(
      { id: sandboxEventId(), type: 'checkout.paid', checkout: 'sbco_none', reference: 'none' },
      { secret: GATEWAY_SECRET },
    );
    for (const value of Object.values(delivery.headers)) secrets[`signature ${value.slice(0, 8)}`] = value;
    await ok(
      call(api.app, 'POST', `/v1/webhooks/sandbox/${t.resellerId}`, {
        rawBody: delivery.body,
        headers: delivery.headers,
      }),
    );
    const forged = signedSandboxEvent(
      { id: sandboxEventId(), type: 'checkout.paid', checkout: 'sbco_none', reference: 'none' },
      { secret: 'sbwhsec_forged_secret_000000000000' },
    );
    for (const value of Object.values(forged.headers)) secrets[`forged ${value.slice(0, 8)}`] = value;
    expect(
      (
        await call(api.app, 'POST', `/v1/webhooks/sandbox/${t.resellerId}`, {
          rawBody: forged.body,
          headers: forged.headers,
        })
      ).status,
    ).toBe(401);
    await api.app.payments.settled();

    const metrics = await api.scrape();
    expect(api.lines.length).toBeGreaterThan(20);
    // The lines do name the requests (so the search below looks at real lines).
    expect(api.lines.some((l) => l.text.includes('/v1/auth/login'))).toBe(true);
    for (const [name, secret] of Object.entries(secrets)) {
      const leaks = api.lines.filter((l) => l.text.includes(secret)).map((l) => l.text);
      expect(leaks, `${name} in a log line`).toEqual([]);
      expect(metrics.includes(secret), `${name} in the metrics`).toBe(false);
    }
  });

  it('censors credentials in anything logged whole: request headers, bodies, gateway settings', () => {
    const before = api.lines.length;
    api.app.log.warn(
      {
        req: { headers: { authorization: `Bearer ${t.admin}`, 'idempotency-key': 'idem-logged-whole' } },
        body: { email: 'a@example.com', password: PASSWORD },
        settings: { credentials: { webhookSecret: GATEWAY_SECRET } },
      },
      'an object logged whole',
    );
    const line = api.lines.slice(before).find((l) => l.json.msg === 'an object logged whole');
    expect(line).toBeDefined();
    for (const secret of [t.admin, 'idem-logged-whole', PASSWORD, GATEWAY_SECRET])
      expect(line!.text).not.toContain(secret);
    expect(line!.text).toContain('[redacted]');
    expect(line!.text).toContain('a@example.com');
  });
});
