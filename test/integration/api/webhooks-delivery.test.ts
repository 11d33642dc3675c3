import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import { call, key, startApi, type TestApi } from '../../support/api.js';
import { createTenant, expectRefusal, ok, type Tenant } from '../../support/tenants.js';
import { startReceiver, verifyWithReference } from '../../support/webhook-receiver.js';
import { randomBytes } from 'node:crypto';
import { RETRY_DELAYS_MS } from '../../../src/server/events/schedule.js';
import { WebhookDeliverer } from '../../../src/server/events/delivery.js';
import { OutboundGuard } from '../../../src/server/outbound/guarded-fetch.js';

/**
 * Outgoing webhooks end to end over HTTP: a real receiver on 127.0.0.1 (private networks allowed,
 * as an on-premise operator would), signatures checked by the Standard Webhooks reference library,
 * and a manual clock that moves through the back-off schedule without sleeping.
 */
describe.each(DIALECTS)('outgoing webhooks on %s', (dialect) => {
  let api: TestApi;
  let acme: Tenant;
  let globex: Tenant;
  let now = new Date();
  const secretsKey = randomBytes(32);
  const receivers: Array<{ close(): Promise<void> }> = [];

  beforeAll(async () => {
    api = await startApi(dialect, {
      clock: () => now,
      outbound: { allowPrivateNetworks: true },
      webhooks: { jobs: false, secretsKey },
    });
    acme = await createTenant(api.app, 'Acme');
    globex = await createTenant(api.app, 'Globex');
  });
  afterAll(() => api.close());
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });

  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  const deliver = () => api.app.eventJobs.runOnce('webhook-deliveries');
  const receiver = async (...args: Parameters<typeof startReceiver>) => {
    const r = await startReceiver(...args);
    receivers.push(r);
    return r;
  };
  const createEndpoint = async (tenant: Tenant, url: string, events: string[]) =>
    ok(call(api.app, 'POST', '/v1/webhook-endpoints', { token: tenant.admin, body: { url, events } }));
  const debit = (tenant: Tenant, amount: number, description: string) =>
    ok(
      call(api.app, 'POST', `/v1/wallets/${tenant.walletId}/debits`, {
        token: tenant.admin,
        key: key(),
        body: { amount, description },
      }),
    );
  const deliveries = async (tenant: Tenant, endpointId: string, query = '') =>
    (
      await ok(
        call(api.app, 'GET', `/v1/webhook-endpoints/${endpointId}/deliveries${query}`, {
          token: tenant.admin,
        }),
      )
    ).items as any[];
  const disable = (tenant: Tenant, id: string) =>
    ok(
      call(api.app, 'PATCH', `/v1/webhook-endpoints/${id}`, {
        token: tenant.admin,
        body: { enabled: false },
      }),
    );

  it('signs each event as Standard Webhooks says: the reference library verifies it', async () => {
    const hooks = await receiver();
    const endpoint = await createEndpoint(acme, hooks.url, ['wallet.created', 'wallet.payment_made']);
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(endpoint.secret.slice('whsec_'.length), 'base64')).toHaveLength(32);

    const wallet = await ok(
      call(api.app, 'POST', `/v1/customers/${acme.otherCustomerId}/wallets`, {
        token: acme.admin,
        body: { currency: 'EUR', initialBalance: 5_000 },
        key: key('wallet'),
      }),
    );
    const paid = await debit(acme, 1_250, 'Order 7');
    await deliver();

    expect(hooks.received).toHaveLength(2);
    const [created, payment] = hooks.received.map((r) => verifyWithReference(endpoint.secret, r)) as any[];
    expect(created).toMatchObject({
      type: 'wallet.created',
      data: { wallet: { id: wallet.id, balance: 5_000 } },
    });
    expect(payment).toMatchObject({
      type: 'wallet.payment_made',
      data: { transaction: { id: paid.transaction.id, amount: -1_250 }, wallet: { id: acme.walletId } },
    });
    expect(payment.timestamp).toBe(now.toISOString());
    const first = hooks.received[0]!;
    expect(first.headers['content-type']).toBe('application/json');
    expect(first.headers['webhook-id']).toMatch(/^msg_/);
    expect(first.headers['webhook-timestamp']).toBe(String(Math.floor(now.getTime() / 1000)));
    // Any other key fails the reference check.
    expect(() => verifyWithReference(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, first)).toThrow();

    const log = await deliveries(acme, endpoint.id);
    expect(log.map((d) => [d.eventType, d.status, d.attemptCount])).toEqual([
      ['wallet.payment_made', 'delivered', 1],
      ['wallet.created', 'delivered', 1],
    ]);
    expect(log[0].attempts[0]).toMatchObject({ ok: true, status: 200, responseExcerpt: 'thanks' });
    expect(log[0].attempts[0].durationMs).toBeGreaterThanOrEqual(0);
    await disable(acme, endpoint.id);
  });

  it('a merchant credit adds funds to the wallet: its endpoint hears wallet.topped_up, with no payment', async () => {
    const hooks = await receiver();
    const endpoint = await createEndpoint(acme, hooks.url, ['wallet.topped_up']);
    const credited = await ok(
      call(api.app, 'POST', `/v1/wallets/${acme.walletId}/credits`, {
        token: acme.admin,
        key: key(),
        body: { amount: 2_500, description: 'Goodwill credit' },
      }),
    );
    await deliver();

    expect(hooks.received).toHaveLength(1);
    const event = verifyWithReference(endpoint.secret, hooks.received[0]!) as any;
    expect(event).toMatchObject({
      type: 'wallet.topped_up',
      data: {
        wallet: { id: acme.walletId, balance: credited.wallet.balance },
        transaction: { id: credited.transaction.id, type: 'credit', amount: 2_500 },
      },
    });
    expect(event.data.payment).toBeUndefined();
    await disable(acme, endpoint.id);
  });

  it('merchant credits an offline console replays in a batch are heard as wallet.topped_up too, once each', async () => {
    const hooks = await receiver();
    const endpoint = await createEndpoint(acme, hooks.url, ['wallet.topped_up']);
    const credit = (k: string, amount: number) => ({
      path: `/v1/wallets/${acme.walletId}/credits`,
      idempotencyKey: k,
      body: { amount, description: 'Offline credit' },
    });
    const [k1, k2] = [key(), key()];
    // k1 twice: its second operation is the first one's answer replayed, not another credit.
    const reply = await ok(
      call(api.app, 'POST', '/v1/batch', {
        token: acme.admin,
        body: { operations: [credit(k1, 300), credit(k2, 400), credit(k1, 300)] },
      }),
    );
    const ids = (reply.results as Array<{ body: { transaction: { id: string } } }>).map(
      (r) => r.body.transaction.id,
    );
    await deliver();

    const heard = hooks.received.map((r) => verifyWithReference(endpoint.secret, r) as any);
    expect(heard.map((e) => [e.type, e.data.transaction.id, e.data.transaction.amount])).toEqual([
      ['wallet.topped_up', ids[0], 300],
      ['wallet.topped_up', ids[1], 400],
    ]);
    expect(heard.every((e) => e.data.payment === undefined)).toBe(true);
    await disable(acme, endpoint.id);
  });

  it('a receiver that fails, then recovers, gets every event at least once and in order', async () => {
    const hooks = await receiver(({ n }) => (n <= 3 ? 503 : 200));
    const endpoint = await createEndpoint(acme, hooks.url, ['wallet.payment_made']);
    const ids: string[] = [];
    for (const n of [1, 2, 3]) ids.push((await debit(acme, 10 * n, `Order ${n}`)).transaction.id);

    await deliver();
    expect(hooks.received).toHaveLength(1);
    // The first event is retrying: the later ones wait behind it.
    let log = await deliveries(acme, endpoint.id, '?status=pending');
    expect(log).toHaveLength(3);
    const head = log.find((d) => d.payload.data.transaction.id === ids[0]);
    expect(head).toMatchObject({ attemptCount: 1, lastStatus: 503 });
    expect(head.nextAttemptAt).toBe(new Date(now.getTime() + RETRY_DELAYS_MS[0]!).toISOString());

    await deliver(); // nothing is due yet
    expect(hooks.received).toHaveLength(1);
    advance(RETRY_DELAYS_MS[0]!);
    await deliver();
    advance(RETRY_DELAYS_MS[1]!);
    await deliver();
    expect(hooks.received).toHaveLength(3);
    advance(RETRY_DELAYS_MS[2]!);
    await deliver();

    const order = hooks.received.map((r) => (JSON.parse(r.body) as any).data.transaction.id);
    expect(order).toEqual([ids[0], ids[0], ids[0], ids[0], ids[1], ids[2]]);
    const webhookIds = new Set(hooks.received.slice(0, 4).map((r) => r.headers['webhook-id']));
    expect(webhookIds.size).toBe(1);
    log = await deliveries(acme, endpoint.id);
    expect(log.every((d) => d.status === 'delivered')).toBe(true);
    const retried = log.find((d) => d.payload.data.transaction.id === ids[0]);
    expect(retried.attempts.map((a: any) => [a.ok, a.status])).toEqual([
      [false, 503],
      [false, 503],
      [false, 503],
      [true, 200],
    ]);
    expect(retried.attempts[0].responseExcerpt).toBe('no: 503');
    expect(await deliveries(acme, endpoint.id, '?status=pending')).toEqual([]);
    await disable(acme, endpoint.id);
  });

  it('redelivers an event with the same webhook-id, and sends a test event on request', async () => {
    const hooks = await receiver();
    const endpoint = await createEndpoint(acme, hooks.url, ['wallet.payment_made']);
    await debit(acme, 5, 'Order R');
    await deliver();
    const [delivered] = await deliveries(acme, endpoint.id);

    const again = await call(api.app, 'POST', `/v1/webhook-deliveries/${delivered.id}/redeliver`, {
      token: acme.admin,
    });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ eventId: delivered.eventId, status: 'pending' });
    const test = await call(api.app, 'POST', `/v1/webhook-endpoints/${endpoint.id}/test`, {
      token: acme.admin,
    });
    expect(test.status).toBe(201);
    await deliver();

    expect(hooks.received.map((r) => r.headers['webhook-id'])).toEqual([
      delivered.eventId,
      delivered.eventId,
      test.body.eventId,
    ]);
    expect(verifyWithReference(endpoint.secret, hooks.received[2]!)).toMatchObject({
      type: 'webhook.test',
      data: { endpointId: endpoint.id },
    });
    // Another tenant's delivery does not exist for Globex; a support agent may not redeliver.
    expectRefusal(
      await call(api.app, 'POST', `/v1/webhook-deliveries/${delivered.id}/redeliver`, {
        token: globex.admin,
      }),
      404,
      'not_found',
      'id',
    );
    expectRefusal(
      await call(api.app, 'POST', `/v1/webhook-deliveries/${delivered.id}/redeliver`, {
        token: acme.support,
      }),
      403,
      'forbidden',
    );
    await disable(acme, endpoint.id);
  });

  it('after a failure streak of about three days the endpoint is disabled, with a feed notice and an email', async () => {
    const hooks = await receiver(() => 500);
    const endpoint = await createEndpoint(globex, hooks.url, ['wallet.payment_made']);
    await debit(globex, 7, 'Order X');
    await deliver();
    for (const delay of RETRY_DELAYS_MS) {
      advance(delay);
      await deliver();
    }
    expect(hooks.received).toHaveLength(RETRY_DELAYS_MS.length + 1);
    const after = await ok(
      call(api.app, 'GET', `/v1/webhook-endpoints/${endpoint.id}`, { token: globex.admin }),
    );
    expect(after).toMatchObject({ status: 'disabled', failureStreak: RETRY_DELAYS_MS.length + 1 });
    expect(after.disabledReason).toMatch(/three days/);
    const [failed] = await deliveries(globex, endpoint.id);
    expect(failed).toMatchObject({ status: 'failed', attemptCount: RETRY_DELAYS_MS.length + 1 });

    await api.app.sequencer.flush();
    const feed = await ok(
      call(api.app, 'GET', '/v1/sync/changes?cursor=0&limit=5000', { token: globex.admin }),
    );
    const notice = feed.changes
      .filter((c: any) => c.entity === 'webhook_endpoint' && c.id === endpoint.id)
      .pop();
    expect(notice.data).toMatchObject({ status: 'disabled' });
    // Staff only: the notice names no customer, so no customer's feed carries it.
    const rows = await api.db.store.db
      .selectFrom('changes')
      .select('customer_id')
      .where('entity', '=', 'webhook_endpoint')
      .where('entity_id', '=', endpoint.id)
      .execute();
    expect(rows.every((r) => r.customer_id === null)).toBe(true);
    const emails = await api.db.store.db
      .selectFrom('emails')
      .selectAll()
      .where('reseller_id', '=', globex.resellerId)
      .where('subject', 'like', 'Webhook endpoint disabled%')
      .execute();
    expect(emails).toHaveLength(1);
    expect(emails[0]!.text_body).toContain(hooks.url);

    // Nothing more goes to it; enabled again, a new event goes.
    await debit(globex, 8, 'Order Y');
    advance(60_000);
    await deliver();
    expect(hooks.received).toHaveLength(RETRY_DELAYS_MS.length + 1);
    await disable(globex, endpoint.id);
  });

  it('refuses a redirect and does not follow it', async () => {
    const target = await receiver();
    const hooks = await receiver(() => ({ status: 302, location: target.url }));
    const endpoint = await createEndpoint(acme, hooks.url, ['wallet.payment_made']);
    await debit(acme, 3, 'Order Z');
    await deliver();
    expect(hooks.received).toHaveLength(1);
    expect(target.received).toHaveLength(0);
    const [d] = await deliveries(acme, endpoint.id);
    expect(d.status).toBe('pending');
    expect(d.attempts[0]).toMatchObject({ ok: false, status: null });
    expect(d.attempts[0].error).toMatch(/redirects are not followed/);
    await disable(acme, endpoint.id);
  });

  it("two processes' delivery jobs running at once send each event once, each endpoint's in order", async () => {
    const first = await receiver();
    const second = await receiver();
    const a = await createEndpoint(acme, first.url, ['wallet.payment_made']);
    const b = await createEndpoint(acme, second.url, ['wallet.payment_made']);
    const ids: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) ids.push((await debit(acme, n, `Order C${n}`)).transaction.id);
    // Another API process on the same database: its own job, the same leases.
    const other = new WebhookDeliverer({
      store: api.db.store,
      clock: () => now,
      fetch: new OutboundGuard({ allowPrivateNetworks: true }).fetch,
      secretsKey,
    });
    await Promise.all([deliver(), other.run(), deliver(), other.run()]);
    await Promise.all([deliver(), other.run()]);
    for (const hooks of [first, second]) {
      expect(hooks.received.map((r) => (JSON.parse(r.body) as any).data.transaction.id)).toEqual(ids);
    }
    await disable(acme, a.id);
    await disable(acme, b.id);
  });

  it('a captured hold is a payment made from the wallet: wallet.payment_made names the hold', async () => {
    const hooks = await receiver();
    const endpoint = await createEndpoint(acme, hooks.url, ['wallet.payment_made']);
    const placed = await ok(
      call(api.app, 'POST', `/v1/wallets/${acme.walletId}/holds`, {
        token: acme.admin,
        key: key(),
        body: { amount: 400, description: 'Renewal' },
      }),
    );
    await ok(
      call(api.app, 'POST', `/v1/holds/${placed.hold.id}/capture`, {
        token: acme.admin,
        key: key(),
        body: { amount: 300 },
      }),
    );
    await deliver();
    expect(hooks.received.map((r) => verifyWithReference(endpoint.secret, r))).toMatchObject([
      {
        type: 'wallet.payment_made',
        data: { hold: { id: placed.hold.id, status: 'captured' }, transaction: { amount: -300 } },
      },
    ]);
    await disable(acme, endpoint.id);
  });
});
