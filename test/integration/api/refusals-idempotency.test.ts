import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import { call, key, startApi, type TestApi } from '../../support/api.js';
import { idOf, label, ROUTES } from '../../support/routes.js';
import {
  createTenant,
  customerWithRecords,
  everything,
  expectRefusal,
  ok,
  type Tenant,
} from '../../support/tenants.js';

const MONEY = ROUTES.filter((r) => r.access === 'money');

describe.each(DIALECTS)('Idempotency-Key on %s', (dialect) => {
  let api: TestApi;
  let a: Tenant;
  let b: Tenant;
  const snapshot = (t: Tenant) => everything(api.app, api.db.store, t.admin);

  beforeAll(async () => {
    api = await startApi(dialect);
    a = await createTenant(api.app, 'Acme');
    b = await createTenant(api.app, 'Bravo');
  });
  afterAll(() => api.close());

  it('covers every money-moving route', () => {
    expect(MONEY.map(label).sort()).toEqual(
      [
        'POST /v1/holds/{id}/capture',
        'POST /v1/holds/{id}/release',
        'POST /v1/wallet-transactions/{id}/refunds',
        'POST /v1/wallets/{id}/adjustments',
        'POST /v1/wallets/{id}/credits',
        'POST /v1/wallets/{id}/debits',
        'POST /v1/wallets/{id}/holds',
      ].sort(),
    );
  });

  it('a money-moving request without the header is 400 idempotency_key_missing and moves nothing', async () => {
    const before = await snapshot(a);
    for (const r of MONEY) {
      const { url, body } = r.request(idOf(a, r.idKind!));
      const reply = await call(api.app, 'POST', url, {
        token: a.admin,
        ...(body === undefined ? {} : { body }),
      });
      expect.soft(reply.status, label(r)).toBe(400);
      expectRefusal(reply, 400, 'idempotency_key_missing', 'Idempotency-Key');
    }
    expect(await snapshot(a)).toEqual(before);
  });

  it('the same key with the same request answers the first response again and moves nothing more', async () => {
    for (const r of MONEY) {
      const fresh = await customerWithRecords(api.app, a.admin, 'Replay');
      const { url, body } = r.request(idOf({ ...a, ...fresh }, r.idKind!));
      const k = key();
      const send = () =>
        call(api.app, 'POST', url, { token: a.admin, key: k, ...(body === undefined ? {} : { body }) });
      const first = await send();
      expect.soft([200, 201], `${label(r)}: ${JSON.stringify(first.body)}`).toContain(first.status);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const afterFirst = await snapshot(a);

      const again = await send();
      expect.soft(again.status, label(r)).toBe(first.status);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await snapshot(a)).toEqual(afterFirst);
    }
  });

  it('JSON key order and spacing do not make a request different', async () => {
    const k = key();
    const first = await call(api.app, 'POST', `/v1/wallets/${a.walletId}/credits`, {
      token: a.admin,
      key: k,
      rawBody: '{"amount":100,"description":"Order-free"}',
    });
    const before = await snapshot(a);
    const again = await call(api.app, 'POST', `/v1/wallets/${a.walletId}/credits`, {
      token: a.admin,
      key: k,
      rawBody: '{ "description": "Order-free",\n  "amount": 100 }',
    });
    expect(again).toMatchObject({ status: 201, body: first.body });
    expect(await snapshot(a)).toEqual(before);
  });

  it('a refusal is an answer too: replaying it refuses again even once the money is there', async () => {
    const fresh = await customerWithRecords(api.app, a.admin, 'Refused');
    const k = key();
    const debit = () =>
      call(api.app, 'POST', `/v1/wallets/${fresh.walletId}/debits`, {
        token: a.admin,
        key: k,
        body: { amount: 150_000, description: 'Too big for now' },
      });
    const first = await debit();
    expectRefusal(first, 422, 'insufficient_funds', 'amount');
    await ok(
      call(api.app, 'POST', `/v1/wallets/${fresh.walletId}/credits`, {
        token: a.admin,
        key: key(),
        body: { amount: 500_000, description: 'Top-up' },
      }),
    );
    const before = await snapshot(a);
    const again = await debit();
    expect(again).toMatchObject({ status: 422, body: first.body });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await snapshot(a)).toEqual(before);
  });

  it('the same key with a different request is 422 idempotency_key_reused and moves nothing', async () => {
    const k = key();
    const credit = { amount: 100, description: 'First use' };
    await ok(
      call(api.app, 'POST', `/v1/wallets/${a.walletId}/credits`, { token: a.admin, key: k, body: credit }),
    );
    const before = await snapshot(a);
    const variants: Array<[string, unknown]> = [
      [`/v1/wallets/${a.walletId}/credits`, { ...credit, amount: 101 }],
      [`/v1/wallets/${a.walletId}/credits`, { ...credit, description: 'Second use' }],
      [`/v1/wallets/${a.walletId}/credits`, { ...credit, reference: 'r-1' }],
      [`/v1/wallets/${a.otherWalletId}/credits`, credit],
      [`/v1/wallets/${a.walletId}/debits`, credit],
      [`/v1/wallets/${a.walletId}/holds`, credit],
    ];
    for (const [url, body] of variants) {
      expectRefusal(
        await call(api.app, 'POST', url, { token: a.admin, key: k, body }),
        422,
        'idempotency_key_reused',
        'Idempotency-Key',
      );
    }
    expect(await snapshot(a)).toEqual(before);
  });

  it('keys belong to one reseller: two resellers may use the same key independently', async () => {
    const k = key('shared');
    const forA = await call(api.app, 'POST', `/v1/wallets/${a.walletId}/credits`, {
      token: a.admin,
      key: k,
      body: { amount: 111, description: 'A top-up' },
    });
    const forB = await call(api.app, 'POST', `/v1/wallets/${b.walletId}/credits`, {
      token: b.admin,
      key: k,
      body: { amount: 222, description: 'B top-up' },
    });
    expect(forA.status).toBe(201);
    expect(forB.status).toBe(201);
    expect(forB.headers['idempotent-replayed']).toBeUndefined();
    expect(forB.body.transaction).toMatchObject({ walletId: b.walletId, amount: 222 });

    // Each reseller's replay answers its own first response.
    const replayA = await call(api.app, 'POST', `/v1/wallets/${a.walletId}/credits`, {
      token: a.admin,
      key: k,
      body: { amount: 111, description: 'A top-up' },
    });
    expect(replayA.body).toEqual(forA.body);
    const walletB = await ok(call(api.app, 'GET', `/v1/wallets/${b.walletId}`, { token: b.admin }));
    expect(walletB.balance).toBe(forB.body.wallet.balance);
  });

  it('an optional key on a create (customers) replays the created customer and makes one only', async () => {
    const k = key();
    const body = { name: 'Once', email: `${key()}@example.com` };
    const first = await call(api.app, 'POST', '/v1/customers', { token: a.admin, key: k, body });
    const before = await snapshot(a);
    const again = await call(api.app, 'POST', '/v1/customers', { token: a.admin, key: k, body });
    expect(first.status).toBe(201);
    expect(again).toMatchObject({ status: 201, body: first.body });
    expect(await snapshot(a)).toEqual(before);
    expectRefusal(
      await call(api.app, 'POST', '/v1/customers', {
        token: a.admin,
        key: k,
        body: { ...body, name: 'Twice' },
      }),
      422,
      'idempotency_key_reused',
      'Idempotency-Key',
    );
    expect(await snapshot(a)).toEqual(before);
  });
});
