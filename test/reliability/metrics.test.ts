import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import type { Api } from '../../src/server/context.js';
import { call, key, OPERATOR_TOKEN, seedReseller } from '../support/api.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../support/databases.js';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789abcdef';

describe.each(DIALECTS)('Prometheus metrics on %s', (dialect) => {
  let db: TestDatabase;
  let app: Api;
  /** A second app in the same process: each has its own registry. */
  let other: Api;
  beforeAll(async () => {
    db = await freshDatabase(dialect);
    const options = {
      store: db.store,
      operatorToken: OPERATOR_TOKEN,
      metricsToken: METRICS_TOKEN,
      payments: { jobs: false },
      retention: { jobs: false },
    };
    app = await buildApp(options);
    other = await buildApp(options);
    await app.ready();
    await other.ready();
  });
  afterAll(async () => {
    await app?.close();
    await other?.close();
    await db?.drop();
  });

  const scrape = async (target: Api) => {
    const reply = await target.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return reply.body;
  };

  it('counts a request under its route pattern and status, never its raw URL', async () => {
    const { admin, walletId } = await seedReseller(app);
    const k = key('metrics');
    const body = { amount: 100, description: 'Order #m' };
    expect(
      (await call(app, 'POST', `/v1/wallets/${walletId}/debits`, { token: admin, key: k, body })).status,
    ).toBe(201);
    const replay = await call(app, 'POST', `/v1/wallets/${walletId}/debits`, { token: admin, key: k, body });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    await call(app, 'GET', `/v1/wallets/${walletId}`, { token: admin });
    await call(app, 'GET', `/v1/no-such-route/${walletId}`, { token: admin });

    const text = await scrape(app);
    expect(text).toContain(
      'http_requests_total{method="POST",route="/v1/wallets/:id/debits",status="201"} 2',
    );
    expect(text).toContain('http_requests_total{method="GET",route="/v1/wallets/:id",status="200"} 1');
    expect(text).toContain('http_requests_total{method="GET",route="(unmatched)",status="404"} 1');
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{le="\+Inf",method="POST",route="\/v1\/wallets\/:id\/debits",status="201"\} 2/,
    );
    expect(text).toContain('idempotent_replays_total{method="POST",route="/v1/wallets/:id/debits"} 1');
    // The seed's initial balance is part of wallet creation; the debit is one movement, its replay none.
    expect(text).toContain('ledger_movements_total{type="payment"} 1');
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');

    // No id, no secret, no key in any label or value.
    for (const secret of [walletId, admin, k, OPERATOR_TOKEN, METRICS_TOKEN])
      expect(text).not.toContain(secret);
  });

  it('keeps each app’s counts apart', async () => {
    const text = await scrape(other);
    expect(text).not.toContain('route="/v1/wallets/:id/debits"');
  });

  it('answers only the metrics token: none, a wrong one and the operator token are 401', async () => {
    for (const authorization of [undefined, 'Bearer wrong', `Bearer ${OPERATOR_TOKEN}`, METRICS_TOKEN]) {
      const reply = await app.inject({
        method: 'GET',
        url: '/metrics',
        headers: authorization ? { authorization } : {},
      });
      expect(reply.statusCode, String(authorization)).toBe(401);
      expect(reply.body).not.toContain('http_requests_total');
    }
  });

  it('is not served at all without METRICS_TOKEN', async () => {
    const bare = await buildApp({ store: db.store, payments: { jobs: false }, retention: { jobs: false } });
    try {
      const reply = await bare.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(reply.statusCode).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
