import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import { call, key, startApi, type TestApi } from '../../support/api.js';
import { createTenant, everything, expectRefusal, ok, type Tenant } from '../../support/tenants.js';

describe.each(DIALECTS)('limits on staff movements on %s', (dialect) => {
  let api: TestApi;
  let acme: Tenant;
  let globex: Tenant;

  const post = (token: string, url: string, body: unknown) =>
    call(api.app, 'POST', url, { token, key: key(), body });
  const setLimits = (token: string, items: unknown) =>
    call(api.app, 'PUT', '/v1/movement-limits', { token, body: { items } });
  const usd = async (token: string) =>
    (await ok(call(api.app, 'GET', '/v1/movement-limits', { token }))).items.find(
      (l: { currency: string }) => l.currency === 'USD',
    );

  beforeAll(async () => {
    api = await startApi(dialect);
    acme = await createTenant(api.app, 'Acme');
    globex = await createTenant(api.app, 'Globex');
  });
  afterAll(() => api.close());

  it('an "Add credit" of 999,999,999,999 is refused with the limit in the currency\'s words, and nothing is written', async () => {
    const before = await everything(api.app, api.db.store, acme.admin);
    const reply = await post(acme.admin, `/v1/wallets/${acme.walletId}/credits`, {
      amount: 999_999_999_999,
      description: 'Top-up by reseller',
    });
    expectRefusal(reply, 422, 'movement_limit', 'amount');
    expect(reply.body.error.message).toContain('10,000,000.00 USD');
    // The same as data, for a console to word in its person's language (a queued credit refused).
    expect(reply.body.error.reason).toStrictEqual({
      key: 'movement_over_max',
      values: { max: 1_000_000_000, currency: 'USD' },
    });
    expect(await everything(api.app, api.db.store, acme.admin)).toStrictEqual(before);
  });

  it("adjustments are held to the same maximum, either way; a new wallet's initial balance too", async () => {
    const before = await everything(api.app, api.db.store, acme.admin);
    for (const amount of [1_000_000_001, -1_000_000_001]) {
      expectRefusal(
        await post(acme.admin, `/v1/wallets/${acme.walletId}/adjustments`, { amount, reason: 'Typo' }),
        422,
        'movement_limit',
        'amount',
      );
    }
    expectRefusal(
      await call(api.app, 'POST', `/v1/customers/${acme.otherCustomerId}/wallets`, {
        token: acme.admin,
        body: { currency: 'EUR', initialBalance: 999_999_999_999 },
        key: key('wallet'),
      }),
      422,
      'movement_limit',
      'initialBalance',
    );
    expect(await everything(api.app, api.db.store, acme.admin)).toStrictEqual(before);
  });

  it('the default maximum itself is allowed', async () => {
    const reply = await post(acme.admin, `/v1/wallets/${acme.otherWalletId}/credits`, {
      amount: 1_000_000_000,
      description: 'Large but allowed',
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  });

  it('defaults: confirm above 1,000 and refuse above 10,000,000 in major units, per currency', async () => {
    const { items } = await ok(call(api.app, 'GET', '/v1/movement-limits', { token: acme.admin }));
    expect(items.find((l: { currency: string }) => l.currency === 'USD')).toStrictEqual({
      currency: 'USD',
      confirmAbove: 100_000,
      maxPerMovement: 1_000_000_000,
      custom: false,
    });
    expect(items.find((l: { currency: string }) => l.currency === 'VND')).toStrictEqual({
      currency: 'VND',
      // About a thousand dollars' worth, not 1,000 ₫ (four cents): a real dong credit needs no question.
      confirmAbove: 25_000_000,
      maxPerMovement: 250_000_000_000,
      custom: false,
    });
  });

  it('the admin sets both; the new maximum holds at once, for this reseller only', async () => {
    const saved = await ok(
      setLimits(acme.admin, [{ currency: 'USD', confirmAbove: 10_000, maxPerMovement: 50_000 }]),
    );
    expect(saved.items.find((l: { currency: string }) => l.currency === 'USD')).toStrictEqual({
      currency: 'USD',
      confirmAbove: 10_000,
      maxPerMovement: 50_000,
      custom: true,
    });
    expect(await usd(acme.support)).toMatchObject({ confirmAbove: 10_000, maxPerMovement: 50_000 });
    const refused = await post(acme.admin, `/v1/wallets/${acme.walletId}/credits`, {
      amount: 50_001,
      description: 'Just above',
    });
    expectRefusal(refused, 422, 'movement_limit', 'amount');
    expect(refused.body.error.message).toContain('500.00 USD');
    expect(
      (await post(acme.admin, `/v1/wallets/${acme.walletId}/credits`, { amount: 50_000, description: 'At' }))
        .status,
    ).toBe(201);
    expect(await usd(globex.admin)).toMatchObject({ maxPerMovement: 1_000_000_000, custom: false });
    expect(
      (
        await post(globex.admin, `/v1/wallets/${globex.walletId}/credits`, {
          amount: 50_001,
          description: 'Other reseller',
        })
      ).status,
    ).toBe(201);
  });

  it('a credit answered before is replayed as it was, even after the maximum was lowered under it', async () => {
    const k = key();
    const body = { amount: 40_000, description: 'Replayed' };
    const first = await call(api.app, 'POST', `/v1/wallets/${acme.walletId}/credits`, {
      token: acme.admin,
      key: k,
      body,
    });
    expect(first.status).toBe(201);
    await ok(setLimits(acme.admin, [{ currency: 'USD', confirmAbove: 10_000, maxPerMovement: 30_000 }]));
    const again = await call(api.app, 'POST', `/v1/wallets/${acme.walletId}/credits`, {
      token: acme.admin,
      key: k,
      body,
    });
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toStrictEqual(first.body);
    // A new request of the same size is refused under the new maximum.
    expectRefusal(
      await post(acme.admin, `/v1/wallets/${acme.walletId}/credits`, body),
      422,
      'movement_limit',
      'amount',
    );
    await ok(setLimits(acme.admin, [{ currency: 'USD', confirmAbove: 10_000, maxPerMovement: 50_000 }]));
  });

  it('only the admin sets limits; customers do not read them', async () => {
    const items = [{ currency: 'USD', confirmAbove: 1, maxPerMovement: 2 }];
    expectRefusal(await setLimits(acme.support, items), 403, 'forbidden');
    expectRefusal(await setLimits(acme.customer, items), 403, 'forbidden');
    expectRefusal(
      await call(api.app, 'GET', '/v1/movement-limits', { token: acme.customer }),
      403,
      'forbidden',
    );
    expect(await usd(acme.admin)).toMatchObject({ confirmAbove: 10_000, maxPerMovement: 50_000 });
  });

  it('bad limits are refused with the field named, and change nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [[{ currency: 'USD', confirmAbove: 60_000, maxPerMovement: 50_000 }], 'items.0.confirmAbove'],
      [[{ currency: 'USD', confirmAbove: 0, maxPerMovement: 100_000_000_000_001 }], 'items.0.maxPerMovement'],
      [[{ currency: 'USD', confirmAbove: 0, maxPerMovement: 0 }], 'items.0.maxPerMovement'],
      [[{ currency: 'USD', confirmAbove: -1, maxPerMovement: 10 }], 'items.0.confirmAbove'],
      [[{ currency: 'USD', confirmAbove: 1.5, maxPerMovement: 10 }], 'items.0.confirmAbove'],
      [[{ currency: 'XXX', confirmAbove: 1, maxPerMovement: 10 }], 'items.0.currency'],
      [
        [
          { currency: 'EUR', confirmAbove: 1, maxPerMovement: 10 },
          { currency: 'EUR', confirmAbove: 1, maxPerMovement: 10 },
        ],
        'items',
      ],
      [[], 'items'],
    ];
    for (const [items, field] of cases) {
      expectRefusal(await setLimits(acme.admin, items), 400, 'validation', field);
    }
    expect(await usd(acme.admin)).toMatchObject({ confirmAbove: 10_000, maxPerMovement: 50_000 });
  });
});
