import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wordingOfOlderRow } from '../../../src/shared/api/ledger-wording.js';
import { DIALECTS } from '../../support/databases.js';
import { call, key, seedReseller, startApi, type TestApi } from '../../support/api.js';
import { everything, expectRefusal, manualClock, ok } from '../../support/tenants.js';

describe.each(DIALECTS)('wallets on %s', (dialect) => {
  let api: TestApi;
  let admin: string;
  const clock = manualClock();

  const newCustomer = async () =>
    (
      await ok(
        call(api.app, 'POST', '/v1/customers', {
          token: admin,
          body: { name: 'Wallet owner', email: `${key()}@example.com` },
        }),
      )
    ).id as string;
  /** An initial balance moves money: every creation carries a key (a fresh one unless given). */
  const createWallet = (customerId: string, body: unknown, idem = key('wallet')) =>
    call(api.app, 'POST', `/v1/customers/${customerId}/wallets`, { token: admin, body, key: idem });
  const history = async (walletId: string) =>
    (await ok(call(api.app, 'GET', `/v1/wallets/${walletId}/transactions`, { token: admin }))).items;

  beforeAll(async () => {
    api = await startApi(dialect, { clock: clock.now });
    admin = (await seedReseller(api.app)).admin;
  });
  afterAll(() => api.close());

  it('POST /v1/customers/:id/wallets creates an empty active wallet with no history', async () => {
    const customerId = await newCustomer();
    const reply = await createWallet(customerId, { currency: 'USD' });
    expect(reply.status).toBe(201);
    expect(reply.body).toStrictEqual({
      id: expect.stringMatching(/^wal_/),
      customerId,
      currency: 'USD',
      status: 'active',
      balance: 0,
      pendingCharges: 0,
      availableBalance: 0,
      createdAt: clock.iso(),
      updatedAt: clock.iso(),
      onHold: false,
    });
    expect(await history(reply.body.id)).toEqual([]);
    expect(await ok(call(api.app, 'GET', `/v1/wallets/${reply.body.id}`, { token: admin }))).toEqual(
      reply.body,
    );
  });

  it('initialBalance is written as one credit row carrying the balance after it', async () => {
    const customerId = await newCustomer();
    const wallet = await ok(createWallet(customerId, { currency: 'VND', initialBalance: 250_000 }));
    expect(wallet).toMatchObject({ currency: 'VND', balance: 250_000, availableBalance: 250_000 });
    expect(await history(wallet.id)).toStrictEqual([
      {
        id: expect.stringMatching(/^txn_/),
        walletId: wallet.id,
        customerId,
        type: 'credit',
        amount: 250_000,
        balanceAfter: 250_000,
        currency: 'VND',
        status: 'completed',
        description: 'Initial balance',
        wording: { kind: 'initial_balance' },
        reference: null,
        relatedId: null,
        test: false,
        createdAt: clock.iso(),
      },
    ]);
    // A console reading the same row without its wording (written before wordings) words it alike.
    const [row] = await history(wallet.id);
    expect(wordingOfOlderRow({ ...row, wording: undefined })).toEqual({ kind: 'initial_balance' });
  });

  it('one wallet per customer and currency: the second is 409 and nothing is written', async () => {
    const customerId = await newCustomer();
    const usd = await ok(createWallet(customerId, { currency: 'USD', initialBalance: 100 }));
    const before = await everything(api.app, api.db.store, admin);
    expectRefusal(
      await createWallet(customerId, { currency: 'USD', initialBalance: 900 }),
      409,
      'conflict',
      'currency',
    );
    expect(await everything(api.app, api.db.store, admin)).toEqual(before);

    clock.advance(1000);
    const eur = await ok(createWallet(customerId, { currency: 'EUR' }));
    const other = await ok(createWallet(await newCustomer(), { currency: 'USD' }));
    expect(other.id).not.toBe(usd.id);
    const listed = await ok(call(api.app, 'GET', `/v1/customers/${customerId}/wallets`, { token: admin }));
    expect(listed).toStrictEqual({ items: [usd, eur] });
  });

  it('with an Idempotency-Key, a repeated create answers the first wallet and makes no second one', async () => {
    const customerId = await newCustomer();
    const idem = key();
    const first = await createWallet(customerId, { currency: 'GBP', initialBalance: 500 }, idem);
    const again = await createWallet(customerId, { currency: 'GBP', initialBalance: 500 }, idem);
    expect(first.status).toBe(201);
    expect(again).toMatchObject({ status: 201, body: first.body });
    expect(again.headers['idempotent-replayed']).toBe('true');
    const listed = await ok(call(api.app, 'GET', `/v1/customers/${customerId}/wallets`, { token: admin }));
    expect(listed.items).toEqual([first.body]);
    expect(await history(first.body.id)).toHaveLength(1);
  });

  it('a wallet for an unknown customer is 404', async () => {
    const before = await everything(api.app, api.db.store, admin);
    expectRefusal(await createWallet('cus_missing', { currency: 'USD' }), 404, 'not_found', 'id');
    expectRefusal(
      await call(api.app, 'GET', '/v1/customers/cus_missing/wallets', { token: admin }),
      404,
      'not_found',
      'id',
    );
    expectRefusal(
      await call(api.app, 'GET', '/v1/wallets/wal_missing', { token: admin }),
      404,
      'not_found',
      'id',
    );
    expect(await everything(api.app, api.db.store, admin)).toEqual(before);
  });

  it('GET /v1/wallets/:id reports balance, pendingCharges and availableBalance = balance - pending', async () => {
    const wallet = await ok(createWallet(await newCustomer(), { currency: 'USD', initialBalance: 10_000 }));
    await ok(
      call(api.app, 'POST', `/v1/wallets/${wallet.id}/holds`, {
        token: admin,
        key: key(),
        body: { amount: 2_500, description: 'Pending renewal' },
      }),
    );
    const got = await ok(call(api.app, 'GET', `/v1/wallets/${wallet.id}`, { token: admin }));
    expect(got).toMatchObject({ balance: 10_000, pendingCharges: 2_500, availableBalance: 7_500 });
  });

  it('POST /v1/wallets/:id/close with no body refuses a wallet holding money (422 on refund), nothing changed', async () => {
    const wallet = await ok(createWallet(await newCustomer(), { currency: 'USD', initialBalance: 10_000 }));
    const before = await everything(api.app, api.db.store, admin);
    for (const options of [{}, { body: {} }, { key: key() }]) {
      const refused = await call(api.app, 'POST', `/v1/wallets/${wallet.id}/close`, {
        token: admin,
        ...options,
      });
      expectRefusal(refused, 422, 'refund_required', 'refund');
    }
    expect(await everything(api.app, api.db.store, admin)).toEqual(before);
    const got = await ok(call(api.app, 'GET', `/v1/wallets/${wallet.id}`, { token: admin }));
    expect(got).toMatchObject({ status: 'active', balance: 10_000 });
  });

  it('POST /v1/wallets/:id/close closes an empty wallet with no body; a closed wallet accepts no movement (422 wallet_closed)', async () => {
    const wallet = await ok(createWallet(await newCustomer(), { currency: 'USD', initialBalance: 10_000 }));
    // Spent down to zero: nothing is left to refund, so no refund instruction is needed.
    const payment = await ok(
      call(api.app, 'POST', `/v1/wallets/${wallet.id}/debits`, {
        token: admin,
        key: key(),
        body: { amount: 10_000, description: 'Order' },
      }),
    );
    clock.advance(1000);
    const closed = await call(api.app, 'POST', `/v1/wallets/${wallet.id}/close`, { token: admin });
    expect(closed.status).toBe(200);
    expect(closed.body).toStrictEqual({ ...payment.wallet, status: 'closed', updatedAt: clock.iso() });
    const before = await everything(api.app, api.db.store, admin);

    const moves: Array<[string, unknown]> = [
      [`/v1/wallets/${wallet.id}/credits`, { amount: 100, description: 'Top-up' }],
      [`/v1/wallets/${wallet.id}/debits`, { amount: 100, description: 'Order' }],
      [`/v1/wallets/${wallet.id}/adjustments`, { amount: 100, reason: 'Goodwill' }],
      [`/v1/wallets/${wallet.id}/adjustments`, { amount: -100, reason: 'Correction' }],
      [`/v1/wallets/${wallet.id}/holds`, { amount: 100, description: 'Renewal' }],
      [`/v1/wallet-transactions/${payment.transaction.id}/refunds`, { amount: 100, reason: 'Refund' }],
    ];
    for (const [url, body] of moves) {
      expectRefusal(
        await call(api.app, 'POST', url, { token: admin, key: key(), body }),
        422,
        'wallet_closed',
      );
    }
    expect(await everything(api.app, api.db.store, admin)).toEqual(before);

    // Closing again is harmless and answers the closed wallet unchanged.
    clock.advance(1000);
    const again = await call(api.app, 'POST', `/v1/wallets/${wallet.id}/close`, { token: admin });
    expect(again).toMatchObject({ status: 200, body: closed.body });
  });

  it('a wallet with pending holds cannot be closed until they are settled', async () => {
    const wallet = await ok(createWallet(await newCustomer(), { currency: 'USD', initialBalance: 10_000 }));
    const hold = await ok(
      call(api.app, 'POST', `/v1/wallets/${wallet.id}/holds`, {
        token: admin,
        key: key(),
        body: { amount: 3_000, description: 'Renewal' },
      }),
    );
    const before = await everything(api.app, api.db.store, admin);
    expectRefusal(
      await call(api.app, 'POST', `/v1/wallets/${wallet.id}/close`, { token: admin }),
      409,
      'conflict',
    );
    expect(await everything(api.app, api.db.store, admin)).toEqual(before);

    await ok(call(api.app, 'POST', `/v1/holds/${hold.hold.id}/release`, { token: admin, key: key() }));
    await ok(
      call(api.app, 'POST', `/v1/wallets/${wallet.id}/debits`, {
        token: admin,
        key: key(),
        body: { amount: 10_000, description: 'Order' },
      }),
    );
    const closed = await ok(call(api.app, 'POST', `/v1/wallets/${wallet.id}/close`, { token: admin }));
    expect(closed).toMatchObject({ status: 'closed', balance: 0, pendingCharges: 0 });
  });
});
