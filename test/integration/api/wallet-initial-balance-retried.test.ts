import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, key, seedReseller, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { expectRefusal, ok } from '../../support/tenants.js';

/**
 * A wallet created with an initial balance moves money: however often its request is sent again
 * (a console that never heard the answer), the balance is credited once, and a retry under the
 * same key is answered as the first request was. Without a key it is refused: a retry could not be
 * told from a second creation.
 */
describe.each(DIALECTS)('a retried wallet creation with an initial balance on %s', (dialect) => {
  let api: TestApi;
  let admin: string;

  beforeAll(async () => {
    api = await startApi(dialect);
    ({ admin } = await seedReseller(api.app));
  });
  afterAll(() => api.close());

  const newCustomer = async () =>
    (
      await ok(
        call(api.app, 'POST', '/v1/customers', {
          token: admin,
          body: { name: 'Lan', email: `lan-${key()}@example.com` },
        }),
      )
    ).id as string;
  const create = (customerId: string, body: unknown, idempotencyKey?: string) =>
    call(api.app, 'POST', `/v1/customers/${customerId}/wallets`, {
      token: admin,
      body,
      ...(idempotencyKey ? { key: idempotencyKey } : {}),
    });
  const setLimits = (items: unknown) =>
    ok(call(api.app, 'PUT', '/v1/movement-limits', { token: admin, body: { items } }));
  const credits = async (walletId: string) =>
    (await ok(call(api.app, 'GET', `/v1/wallets/${walletId}/transactions`, { token: admin }))).items.map(
      (t: { type: string; amount: number }) => [t.type, t.amount],
    );

  it('under the same key: the first answer again, even once the maximum per movement was lowered', async () => {
    const customerId = await newCustomer();
    const k = key('wallet');
    const body = { currency: 'EUR', initialBalance: 40_000 };
    const first = await create(customerId, body, k);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    await setLimits([{ currency: 'EUR', confirmAbove: 10_000, maxPerMovement: 30_000 }]);
    try {
      const again = await create(customerId, body, k);
      expect(again.status, JSON.stringify(again.body)).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toStrictEqual(first.body);
      expect(await credits(first.body.id)).toEqual([['credit', 40_000]]);
      // A new creation of that size is refused under the new maximum, and writes nothing.
      const other = await newCustomer();
      expectRefusal(await create(other, body, key('wallet')), 422, 'movement_limit', 'initialBalance');
      expect(
        (await ok(call(api.app, 'GET', `/v1/customers/${other}/wallets`, { token: admin }))).items,
      ).toEqual([]);
    } finally {
      await setLimits([{ currency: 'EUR', confirmAbove: 100_000, maxPerMovement: 1_000_000_000 }]);
    }
  });

  it('without a key: refused before anything is written, naming the Idempotency-Key header', async () => {
    const customerId = await newCustomer();
    const body = { currency: 'USD', initialBalance: 2_500 };
    expectRefusal(await create(customerId, body), 400, 'idempotency_key_missing', 'Idempotency-Key');
    expect(
      (await ok(call(api.app, 'GET', `/v1/customers/${customerId}/wallets`, { token: admin }))).items,
    ).toEqual([]);
    // A wallet with nothing in it moves no money: no key needed.
    const empty = await create(customerId, { currency: 'USD' });
    expect(empty.status, JSON.stringify(empty.body)).toBe(201);
    expect(await credits(empty.body.id)).toEqual([]);
  });

  it('sent twice at once under one key: one wallet, one credit, both answered alike', async () => {
    const customerId = await newCustomer();
    const k = key('wallet');
    const body = { currency: 'GBP', initialBalance: 7_000 };
    const [a, b] = await Promise.all([create(customerId, body, k), create(customerId, body, k)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body).toStrictEqual(b.body);
    expect(await credits(a.body.id)).toEqual([['credit', 7_000]]);
  });
});
