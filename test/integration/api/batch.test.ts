import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BATCH_BODY_LIMIT, MAX_BATCH_OPERATIONS } from '../../../src/shared/api/batch.js';
import { DIALECTS } from '../../support/databases.js';
import { call, key, seedReseller, startApi, type TestApi } from '../../support/api.js';
import { expectRefusal, ok } from '../../support/tenants.js';

describe.each(DIALECTS)('POST /v1/batch on %s', (dialect) => {
  let api: TestApi;
  let admin: string;
  let walletId: string;

  const batch = (operations: unknown[], token = admin) =>
    call(api.app, 'POST', '/v1/batch', { token, body: { operations } });
  const single = (url: string, k: string, body: unknown) =>
    call(api.app, 'POST', url, { token: admin, key: k, body });
  const balance = async () =>
    (await ok(call(api.app, 'GET', `/v1/wallets/${walletId}`, { token: admin }))).balance as number;
  const history = async () =>
    (await ok(call(api.app, 'GET', `/v1/wallets/${walletId}/transactions?limit=500`, { token: admin })))
      .items as Array<{ id: string; amount: number }>;

  beforeAll(async () => {
    api = await startApi(dialect);
    const seeded = await seedReseller(api.app);
    admin = seeded.admin;
    const customer = await ok(
      call(api.app, 'POST', '/v1/customers', {
        token: admin,
        body: { name: 'Payer', email: `${key()}@example.com` },
      }),
    );
    walletId = (
      await ok(
        call(api.app, 'POST', `/v1/customers/${customer.id}/wallets`, {
          token: admin,
          body: { currency: 'USD', initialBalance: 1_000 },
          key: key('wallet'),
        }),
      )
    ).id;
  });
  afterAll(() => api.close());

  it('answers each operation as its own route would, in order, and moves the money once per key', async () => {
    const before = await balance();
    const [k1, k2] = [key('b'), key('b')];
    const credit = (k: string, amount: number) => ({
      path: `/v1/wallets/${walletId}/credits`,
      idempotencyKey: k,
      body: { amount, description: 'Offline top-up' },
    });
    // k1 twice inside the same batch: the second is the first one's stored answer, replayed.
    const reply = await batch([credit(k1, 100), credit(k2, 200), credit(k1, 100)]);
    expect(reply.status).toBe(200);
    const [a, b, dup] = reply.body.results;
    expect(a).toMatchObject({ status: 201, replayed: false, body: { transaction: { amount: 100 } } });
    expect(b).toMatchObject({ status: 201, replayed: false, body: { transaction: { amount: 200 } } });
    expect(dup).toStrictEqual({ ...a, replayed: true });
    expect(await balance()).toBe(before + 300);

    // The same keys again, alone and batched (a console that crashed before hearing the answer).
    const alone = await single(`/v1/wallets/${walletId}/credits`, k2, {
      amount: 200,
      description: 'Offline top-up',
    });
    expect(alone.status).toBe(201);
    expect(alone.headers['idempotent-replayed']).toBe('true');
    expect(alone.body).toStrictEqual(b.body);
    const again = await batch([credit(k1, 100), credit(k2, 200)]);
    expect(again.body.results).toStrictEqual([
      { ...a, replayed: true },
      { ...b, replayed: true },
    ]);
    expect(await balance()).toBe(before + 300);
  });

  it('runs the operations on one wallet in the order sent, beside those on other wallets', async () => {
    const customer = await ok(
      call(api.app, 'POST', '/v1/customers', {
        token: admin,
        body: { name: 'Other', email: `${key()}@example.com` },
      }),
    );
    const other = (
      await ok(
        call(api.app, 'POST', `/v1/customers/${customer.id}/wallets`, {
          token: admin,
          body: { currency: 'USD' },
        }),
      )
    ).id as string;
    const start = await balance();
    const move = (kind: 'credits' | 'debits', wallet: string, amount: number) => ({
      path: `/v1/wallets/${wallet}/${kind}`,
      idempotencyKey: key('lane'),
      body: { amount, description: 'lane' },
    });
    const reply = await batch([
      move('debits', walletId, start + 50),
      move('credits', other, 1),
      move('credits', walletId, 100),
      move('credits', other, 2),
      move('debits', walletId, start + 50),
    ]);
    // The first debit is refused (not enough yet), the credit after it lets the last one through.
    expect(reply.body.results.map((r: { status: number }) => r.status)).toEqual([422, 201, 201, 201, 201]);
    expect(reply.body.results[4].body.transaction.balanceAfter).toBe(50);
    expect(await balance()).toBe(50);
    // Re-funded for the tests after.
    await single(`/v1/wallets/${walletId}/credits`, key(), { amount: start, description: 'refund' });
  });

  it('a bad operation gets its own 4xx naming the field, and the others still succeed', async () => {
    const before = await balance();
    const rows = (await history()).length;
    const reply = await batch([
      {
        path: `/v1/wallets/${walletId}/credits`,
        idempotencyKey: key(),
        body: { amount: 50, description: 'ok' },
      },
      {
        path: `/v1/wallets/${walletId}/credits`,
        idempotencyKey: key(),
        body: { amount: -5, description: 'bad' },
      },
      { path: `/v1/wallets/${walletId}/credits`, body: { amount: 5, description: 'no key' } },
      {
        path: `/v1/wallets/wal_missing/credits`,
        idempotencyKey: key(),
        body: { amount: 5, description: 'x' },
      },
      {
        path: `/v1/wallets/${walletId}/debits`,
        idempotencyKey: key(),
        body: { amount: 10 ** 9, description: 'x' },
      },
      {
        path: `/v1/wallets/${walletId}/credits`,
        idempotencyKey: key(),
        body: { amount: 70, description: 'ok' },
      },
    ]);
    expect(reply.status).toBe(200);
    const statuses = reply.body.results.map((r: { status: number }) => r.status);
    expect(statuses).toEqual([201, 400, 400, 404, 422, 201]);
    const [, negative, noKey, missing, overdraft] = reply.body.results;
    expect(negative.body.error).toMatchObject({ code: 'validation', field: 'amount' });
    expect(noKey.body.error).toMatchObject({ code: 'idempotency_key_missing', field: 'Idempotency-Key' });
    expect(missing.body.error.code).toBe('not_found');
    expect(overdraft.body.error.code).toBe('insufficient_funds');
    expect(await balance()).toBe(before + 120);
    expect((await history()).length).toBe(rows + 2);
  });

  it('a watched wallet still fires its low-balance alert once, and a staff movement over the limit is refused alone', async () => {
    const customer = await ok(
      call(api.app, 'POST', '/v1/customers', {
        token: admin,
        body: { name: 'Watched', email: `${key()}@example.com` },
      }),
    );
    const watched = (
      await ok(
        call(api.app, 'POST', `/v1/customers/${customer.id}/wallets`, {
          token: admin,
          body: { currency: 'USD', initialBalance: 1_000 },
          key: key('wallet'),
        }),
      )
    ).id as string;
    await ok(
      call(api.app, 'PUT', `/v1/wallets/${watched}/alert-settings`, {
        token: admin,
        body: { threshold: 500, channels: ['desktop'] },
      }),
    );
    await ok(
      call(api.app, 'PUT', '/v1/movement-limits', {
        token: admin,
        body: { items: [{ currency: 'USD', confirmAbove: 10_000, maxPerMovement: 10_000 }] },
      }),
    );
    const move = (kind: 'credits' | 'debits', wallet: string, amount: number) => ({
      path: `/v1/wallets/${wallet}/${kind}`,
      idempotencyKey: key('w'),
      body: { amount, description: 'watched' },
    });
    const reply = await batch([
      move('debits', watched, 300),
      move('debits', watched, 300),
      move('credits', walletId, 10_001),
      move('debits', watched, 300),
      move('debits', watched, 300),
    ]);
    expect(reply.body.results.map((r: { status: number }) => r.status)).toEqual([201, 201, 422, 201, 422]);
    expect(reply.body.results[2].body.error).toMatchObject({ code: 'movement_limit', field: 'amount' });
    expect(reply.body.results[4].body.error.code).toBe('insufficient_funds');
    const alerts = await ok(call(api.app, 'GET', `/v1/wallets/${watched}/alerts`, { token: admin }));
    expect((alerts.items as Array<{ type: string }>).map((a) => a.type)).toEqual(['wallet.balance_low']);
    await ok(
      call(api.app, 'PUT', '/v1/movement-limits', {
        token: admin,
        body: { items: [{ currency: 'USD', confirmAbove: 1_000_000_000, maxPerMovement: 1_000_000_000 }] },
      }),
    );
  });

  it('takes a description with a lone surrogate, storing a replacement character in its place', async () => {
    const reply = await batch([
      {
        path: `/v1/wallets/${walletId}/credits`,
        idempotencyKey: key('s'),
        body: { amount: 7, description: 'broken \ud800 text' },
      },
    ]);
    expect(reply.status).toBe(200);
    const [result] = reply.body.results;
    expect(result).toMatchObject({ status: 201 });
    const stored = (await history()).find((t) => t.id === result.body.transaction.id) as
      { description?: string } | undefined;
    // PostgreSQL stores one U+FFFD, SQLite the surrogate's three bytes, read back as three.
    expect(stored?.description).toMatch(/^broken \ufffd+ text$/);
  });

  it('refuses a malformed batch as a whole, naming the field, and writes nothing', async () => {
    const before = await balance();
    expectRefusal(await batch([]), 400, 'validation', 'operations');
    const nested = await batch([{ path: '/v1/batch', body: { operations: [] } }]);
    expectRefusal(nested, 400, 'validation', 'operations.0.path');
    const tooMany = Array.from({ length: MAX_BATCH_OPERATIONS + 1 }, () => ({
      path: `/v1/wallets/${walletId}/credits`,
    }));
    expectRefusal(await batch(tooMany), 400, 'validation', 'operations');
    const huge = [
      { path: `/v1/wallets/${walletId}/credits`, body: { padding: 'x'.repeat(BATCH_BODY_LIMIT) } },
    ];
    const tooLarge = await batch(huge);
    expectRefusal(tooLarge, 413, 'payload_too_large');
    expect((tooLarge.body as { error: { message: string } }).error.message).toContain(
      String(BATCH_BODY_LIMIT),
    );
    expect(await balance()).toBe(before);
  });

  it('takes a full batch of the longest movements, far above the 64 KiB other routes accept', async () => {
    const before = await balance();
    const operations = Array.from({ length: MAX_BATCH_OPERATIONS }, (_, n) => ({
      path: `/v1/wallets/${walletId}/credits`,
      idempotencyKey: key(),
      body: { amount: 1, description: `${n} ${'é'.repeat(490)}`, reference: `ref-${n}` },
    }));
    expect(JSON.stringify({ operations }).length).toBeGreaterThan(64 * 1024);
    const results = (await ok(batch(operations))).results as Array<{ status: number }>;
    expect(results.filter((r) => r.status === 201)).toHaveLength(MAX_BATCH_OPERATIONS);
    expect(await balance()).toBe(before + MAX_BATCH_OPERATIONS);
  });

  it('a support agent may not send a batch; a missing credential is 401', async () => {
    const before = await balance();
    const support = await ok(
      call(api.app, 'POST', '/v1/api-keys', { token: admin, body: { name: 'Desk', role: 'support_agent' } }),
    );
    const op = {
      path: `/v1/wallets/${walletId}/credits`,
      idempotencyKey: key(),
      body: { amount: 5, description: 'x' },
    };
    expectRefusal(await batch([op], support.key), 403, 'forbidden');
    expectRefusal(
      await call(api.app, 'POST', '/v1/batch', { body: { operations: [op] } }),
      401,
      'unauthorized',
    );
    expect(await balance()).toBe(before);
  });
});
