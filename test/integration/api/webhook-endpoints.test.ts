import { Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/server/app.js';
import type { Api } from '../../../src/server/context.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';
import { call, key, OPERATOR_TOKEN } from '../../support/api.js';
import { createTenant, expectRefusal, ok, type Tenant } from '../../support/tenants.js';

/**
 * Webhook endpoints as a reseller admin manages them: the secret shown once (never again, never in a
 * log line), the outbound guard on save (by name) and on send (by resolved address), bad input named
 * by its field, and email that waits, without failing, when no SMTP server is configured.
 */
describe.each(DIALECTS)('webhook endpoints on %s', (dialect) => {
  let db: TestDatabase;
  let app: Api;
  let acme: Tenant;
  const logLines: string[] = [];

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    app = await buildApp({
      store: db.store,
      operatorToken: OPERATOR_TOKEN,
      databaseUrl: dialect === 'postgres' ? db.url : undefined,
      schema: db.schema,
      retention: { jobs: false },
      payments: { credentialsKey: randomBytes(32), jobs: false },
      // Public https only; every name "resolves" to loopback, as a rebinding DNS would answer.
      outbound: {
        allowPrivateNetworks: false,
        resolve: async () => [{ address: '127.0.0.1', family: 4 }],
      },
      webhooks: { jobs: false },
      logger: {
        level: 'trace',
        stream: new Writable({
          write(chunk: Buffer, _encoding, done) {
            logLines.push(chunk.toString('utf8'));
            done();
          },
        }),
      },
    });
    await app.ready();
    acme = await createTenant(app, 'Acme');
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const create = (body: unknown, token = acme.admin) =>
    call(app, 'POST', '/v1/webhook-endpoints', { token, body });

  it('shows the secret once: not in the list, the endpoint, a delivery or any log line', async () => {
    const created = await create({
      url: 'https://hooks.acme.example/billing',
      events: ['wallet.created', 'payment.succeeded'],
      description: 'ERP',
    });
    expect(created.status).toBe(201);
    const { secret, ...endpoint } = created.body;
    expect(secret).toMatch(/^whsec_/);
    expect(endpoint).toMatchObject({ status: 'enabled', description: 'ERP', failureStreak: 0 });

    const rotated = await ok(
      call(app, 'POST', `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, { token: acme.admin }),
    );
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(secret);

    const list = await ok(call(app, 'GET', '/v1/webhook-endpoints', { token: acme.admin }));
    const one = await ok(call(app, 'GET', `/v1/webhook-endpoints/${endpoint.id}`, { token: acme.admin }));
    await ok(call(app, 'POST', `/v1/webhook-endpoints/${endpoint.id}/test`, { token: acme.admin }));
    await app.eventJobs.runOnce('webhook-deliveries');
    const log = await ok(
      call(app, 'GET', `/v1/webhook-endpoints/${endpoint.id}/deliveries`, { token: acme.admin }),
    );
    const everything = JSON.stringify([list, one, log]) + logLines.join('');
    for (const s of [secret, rotated.secret]) {
      expect(everything).not.toContain(s);
      expect(everything).not.toContain(s.slice('whsec_'.length));
    }
    expect(one).not.toHaveProperty('secret');
    expect(list.items.map((e: any) => e.id)).toContain(endpoint.id);
    // The name passed on save; its address, loopback, is refused at send time: nothing connects.
    expect(log.items[0].attempts[0]).toMatchObject({ ok: false, status: null });
    expect(log.items[0].attempts[0].error).toMatch(/resolves to an address that is/);
  });

  it('created under an Idempotency-Key: a retry gets the same endpoint and secret, and the stored answer does not hold it', async () => {
    const k = key('endpoint');
    const body = { url: 'https://hooks.acme.example/retried', events: ['wallet.created'] };
    const first = await call(app, 'POST', '/v1/webhook-endpoints', { token: acme.admin, key: k, body });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.secret).toMatch(/^whsec_/);

    const again = await call(app, 'POST', '/v1/webhook-endpoints', { token: acme.admin, key: k, body });
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);

    // Kept for replays in the database: never the secret in the clear, which the endpoint keeps sealed.
    const stored = await db.store.db.selectFrom('idempotency_keys').select('response_body').execute();
    const all = stored.map((r) => r.response_body).join('\n');
    expect(all).toContain(first.body.id);
    expect(all).not.toContain(first.body.secret.slice('whsec_'.length));
  });

  it('refuses loopback, private and plain-http URLs on save, naming the field', async () => {
    for (const url of [
      'http://hooks.acme.example/x',
      'https://127.0.0.1/x',
      'https://10.1.2.3/x',
      'https://localhost/x',
      'https://[::1]/x',
      'https://169.254.169.254/latest',
      'not a url',
    ]) {
      expectRefusal(await create({ url, events: ['wallet.created'] }), 400, 'validation', 'url');
    }
    const [endpoint] = (await ok(call(app, 'GET', '/v1/webhook-endpoints', { token: acme.admin }))).items;
    expectRefusal(
      await call(app, 'PATCH', `/v1/webhook-endpoints/${endpoint.id}`, {
        token: acme.admin,
        body: { url: 'https://192.168.0.10/hook' },
      }),
      400,
      'validation',
      'url',
    );
  });

  it('names the field of bad input', async () => {
    const url = 'https://hooks.acme.example/x';
    expectRefusal(await create({ url, events: ['wallet.exploded'] }), 400, 'validation', 'events.0');
    expectRefusal(await create({ url, events: [] }), 400, 'validation', 'events');
    expectRefusal(
      await create({ url, events: ['wallet.created', 'wallet.created'] }),
      400,
      'validation',
      'events',
    );
    expectRefusal(await create({ events: ['wallet.created'] }), 400, 'validation', 'url');
    expectRefusal(
      await create({ url, events: ['wallet.created'], description: 'x'.repeat(501) }),
      400,
      'validation',
      'description',
    );
    expectRefusal(
      await create({ url, events: ['wallet.created'], secret: 'mine' }),
      400,
      'validation',
      'secret',
    );
    const q = await call(app, 'GET', `/v1/webhook-endpoints/whe_none/deliveries?status=lost`, {
      token: acme.admin,
    });
    expectRefusal(q, 400, 'validation', 'status');
  });

  it('a deleted endpoint leaves the list, gets no events, and its id is not found', async () => {
    const created = await ok(create({ url: 'https://hooks.acme.example/gone', events: ['wallet.created'] }));
    const gone = await call(app, 'DELETE', `/v1/webhook-endpoints/${created.id}`, { token: acme.admin });
    expect(gone.status).toBe(204);
    const list = await ok(call(app, 'GET', '/v1/webhook-endpoints', { token: acme.admin }));
    expect(list.items.map((e: any) => e.id)).not.toContain(created.id);
    expectRefusal(
      await call(app, 'GET', `/v1/webhook-endpoints/${created.id}`, { token: acme.admin }),
      404,
      'not_found',
      'id',
    );
    await ok(
      call(app, 'POST', `/v1/customers/${acme.otherCustomerId}/wallets`, {
        token: acme.admin,
        body: { currency: 'EUR' },
      }),
    );
    const rows = await db.store.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('endpoint_id', '=', created.id)
      .execute();
    expect(rows).toEqual([]);
  });

  it('without SMTP_URL emails stay queued, the log says so once, and nothing fails', async () => {
    await db.store.write((trx) =>
      trx
        .insertInto('emails')
        .values({
          id: `eml_${key()}`,
          reseller_id: acme.resellerId,
          to_addresses: '["a@example.com"]',
          subject: 'S',
          text_body: 'T',
          html_body: 'H',
          status: 'queued',
          next_attempt_at: new Date().toISOString(),
          created_at: new Date().toISOString(),
          updated_at: new Date().toISOString(),
        })
        .execute(),
    );
    await app.eventJobs.runOnce('emails');
    await app.eventJobs.runOnce('emails');
    const queued = await db.store.db.selectFrom('emails').select('status').execute();
    expect(queued.every((e) => e.status === 'queued')).toBe(true);
    expect(logLines.filter((l) => l.includes('SMTP_URL is not set'))).toHaveLength(1);
  });
});
