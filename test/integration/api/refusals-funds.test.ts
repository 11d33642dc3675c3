import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import { call, key, seedReseller, startApi, type TestApi } from '../../support/api.js';
import { everything, expectRefusal, ok } from '../../support/tenants.js';

const MAX_BALANCE = 1_000_000_000_000_000;
const MAX_AMOUNT = 100_000_000_000_000;

describe.each(DIALECTS)('money that is not there, on %s', (dialect) => {
  let api: TestApi;
  let admin: string;

  /** A new wallet with `balance`, of which `held` is reserved by a pending hold. */
  async function wallet(balance: number, held = 0) {
    const customer = await ok(
      call(api.app, 'POST', '/v1/customers', {
        token: admin,
        body: { name: 'P', email: `${key()}@example.com` },
      }),
    );
    const w = await ok(
      call(api.app, 'POST', `/v1/customers/${customer.id}/wallets`, {
        token: admin,
        body: { currency: 'USD', initialBalance: balance },
        key: key('wallet'),
      }),
    );
    if (held > 0) await ok(post(`/v1/wallets/${w.id}/holds`, { amount: held, description: 'Held' }));
    return w.id as string;
  }
  const post = (url: string, body: unknown) => call(api.app, 'POST', url, { token: admin, key: key(), body });
  const get = (id: string) => ok(call(api.app, 'GET', `/v1/wallets/${id}`, { token: admin }));

  beforeAll(async () => {
    api = await startApi(dialect);
    admin = (await seedReseller(api.app)).admin;
    // The ceilings below are reached with the largest credits the platform allows a reseller.
    await ok(
      call(api.app, 'PUT', '/v1/movement-limits', {
        token: admin,
        body: { items: [{ currency: 'USD', confirmAbove: MAX_AMOUNT, maxPerMovement: MAX_AMOUNT }] },
      }),
    );
  });
  afterAll(() => api.close());

  /** Each row: what is asked of a wallet of 10 000 with 3 000 held (7 000 available). */
  const TOO_MUCH: Array<[string, (id: string) => [string, unknown]]> = [
    [
      'a debit over the available balance',
      (id) => [`/v1/wallets/${id}/debits`, { amount: 7_001, description: 'x' }],
    ],
    [
      'a debit within the balance but over what is not held',
      (id) => [`/v1/wallets/${id}/debits`, { amount: 9_000, description: 'x' }],
    ],
    [
      'a hold over the available balance',
      (id) => [`/v1/wallets/${id}/holds`, { amount: 7_001, description: 'x' }],
    ],
    [
      'a negative adjustment over the available balance',
      (id) => [`/v1/wallets/${id}/adjustments`, { amount: -7_001, reason: 'x' }],
    ],
  ];

  for (const [what, request] of TOO_MUCH) {
    it(`refuses ${what}: 422 insufficient_funds on amount, nothing moves`, async () => {
      const id = await wallet(10_000, 3_000);
      const before = await everything(api.app, api.db.store, admin);
      const [url, body] = request(id);
      const reply = await post(url, body);
      expectRefusal(reply, 422, 'insufficient_funds', 'amount');
      // Said in the currency, as a person reads it: 70.00 USD available.
      expect(reply.body.error.message).toMatch(/available balance is 70\.00 USD/);
      // And as data, for a console to say in its person's language.
      expect(reply.body.error.reason).toMatchObject({
        key: 'insufficient_funds',
        values: { available: 7_000, currency: 'USD' },
      });
      expect(await everything(api.app, api.db.store, admin)).toEqual(before);
      expect(await get(id)).toMatchObject({
        balance: 10_000,
        pendingCharges: 3_000,
        availableBalance: 7_000,
      });
    });
  }

  it('the whole available balance can be spent, not one minor unit more', async () => {
    const id = await wallet(10_000, 3_000);
    await ok(post(`/v1/wallets/${id}/debits`, { amount: 7_000, description: 'All of it' }));
    expect(await get(id)).toMatchObject({ balance: 3_000, pendingCharges: 3_000, availableBalance: 0 });
    const before = await everything(api.app, api.db.store, admin);
    for (const [url, body] of [
      [`/v1/wallets/${id}/debits`, { amount: 1, description: 'x' }],
      [`/v1/wallets/${id}/holds`, { amount: 1, description: 'x' }],
      [`/v1/wallets/${id}/adjustments`, { amount: -1, reason: 'x' }],
    ] as const) {
      expectRefusal(await post(url, body), 422, 'insufficient_funds', 'amount');
    }
    expect(await everything(api.app, api.db.store, admin)).toEqual(before);
  });

  it('an empty wallet refuses every outgoing movement', async () => {
    const id = await wallet(0);
    const before = await everything(api.app, api.db.store, admin);
    expectRefusal(
      await post(`/v1/wallets/${id}/debits`, { amount: 1, description: 'x' }),
      422,
      'insufficient_funds',
      'amount',
    );
    expectRefusal(
      await post(`/v1/wallets/${id}/holds`, { amount: 1, description: 'x' }),
      422,
      'insufficient_funds',
      'amount',
    );
    expectRefusal(
      await post(`/v1/wallets/${id}/adjustments`, { amount: -1, reason: 'x' }),
      422,
      'insufficient_funds',
      'amount',
    );
    expect(await everything(api.app, api.db.store, admin)).toEqual(before);
  });

  it('a balance may not pass its ceiling: 422 balance_limit, nothing moves', async () => {
    const id = await wallet(MAX_AMOUNT);
    for (let i = 1; i < MAX_BALANCE / MAX_AMOUNT; i++) {
      await ok(post(`/v1/wallets/${id}/credits`, { amount: MAX_AMOUNT, description: `Top-up ${i}` }));
    }
    expect(await get(id)).toMatchObject({ balance: MAX_BALANCE });
    const before = await everything(api.app, api.db.store, admin);
    expectRefusal(
      await post(`/v1/wallets/${id}/credits`, { amount: 1, description: 'x' }),
      422,
      'balance_limit',
      'amount',
    );
    expectRefusal(
      await post(`/v1/wallets/${id}/adjustments`, { amount: 1, reason: 'x' }),
      422,
      'balance_limit',
      'amount',
    );
    expect(await everything(api.app, api.db.store, admin)).toEqual(before);
    // The largest balances stay exact integers on the way out.
    const history = await ok(
      call(api.app, 'GET', `/v1/wallets/${id}/transactions?limit=1`, { token: admin }),
    );
    expect(history.items[0].balanceAfter).toBe(MAX_BALANCE);
  });

  it('a refund that would take the balance past its ceiling is refused', async () => {
    const id = await wallet(MAX_AMOUNT);
    const payment = await ok(post(`/v1/wallets/${id}/debits`, { amount: 5, description: 'Order' }));
    for (let i = 1; i < MAX_BALANCE / MAX_AMOUNT; i++) {
      await ok(post(`/v1/wallets/${id}/credits`, { amount: MAX_AMOUNT, description: `Top-up ${i}` }));
    }
    await ok(post(`/v1/wallets/${id}/credits`, { amount: 3, description: 'Nearly full' }));
    const before = await everything(api.app, api.db.store, admin);
    expectRefusal(
      await post(`/v1/wallet-transactions/${payment.transaction.id}/refunds`, { reason: 'x' }),
      422,
      'balance_limit',
      'amount',
    );
    expect(await everything(api.app, api.db.store, admin)).toEqual(before);
  });
});
