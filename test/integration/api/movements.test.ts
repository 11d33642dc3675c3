import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import { call, key, seedReseller, startApi, type TestApi } from '../../support/api.js';
import { everything, expectRefusal, manualClock, ok } from '../../support/tenants.js';

describe.each(DIALECTS)('money movements on %s', (dialect) => {
  let api: TestApi;
  let admin: string;
  const clock = manualClock();

  /** A new customer's USD wallet holding `balance` minor units (one credit row). */
  async function walletWith(balance: number) {
    const customer = await ok(
      call(api.app, 'POST', '/v1/customers', {
        token: admin,
        body: { name: 'Payer', email: `${key()}@example.com` },
      }),
    );
    return ok(
      call(api.app, 'POST', `/v1/customers/${customer.id}/wallets`, {
        token: admin,
        body: { currency: 'USD', initialBalance: balance },
        key: key('wallet'),
      }),
    );
  }
  const post = (url: string, body?: unknown) =>
    call(api.app, 'POST', url, { token: admin, key: key(), ...(body === undefined ? {} : { body }) });
  const wallet = async (id: string) => ok(call(api.app, 'GET', `/v1/wallets/${id}`, { token: admin }));
  const history = async (id: string) =>
    (await ok(call(api.app, 'GET', `/v1/wallets/${id}/transactions?limit=500`, { token: admin }))).items;

  beforeAll(async () => {
    api = await startApi(dialect, { clock: clock.now });
    admin = (await seedReseller(api.app)).admin;
  });
  afterAll(() => api.close());

  it('a credit is a credit row; the answer carries the row and the wallet after it', async () => {
    const w = await walletWith(1_000);
    const reply = await post(`/v1/wallets/${w.id}/credits`, {
      amount: 2_500,
      description: ' Card top-up ',
      reference: 'pi_123',
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toStrictEqual({
      transaction: {
        id: expect.stringMatching(/^txn_/),
        walletId: w.id,
        customerId: w.customerId,
        type: 'credit',
        amount: 2_500,
        balanceAfter: 3_500,
        currency: 'USD',
        status: 'completed',
        description: 'Card top-up',
        reference: 'pi_123',
        relatedId: null,
        // A merchant credit is real money, never test mode.
        test: false,
        createdAt: clock.iso(),
      },
      wallet: { ...w, balance: 3_500, availableBalance: 3_500, updatedAt: clock.iso() },
    });
    expect(await wallet(w.id)).toEqual(reply.body.wallet);
    expect((await history(w.id))[0]).toEqual(reply.body.transaction);
  });

  it('a debit is a payment row with a negative amount', async () => {
    const w = await walletWith(10_000);
    const reply = await post(`/v1/wallets/${w.id}/debits`, { amount: 4_000, description: 'Order #7' });
    expect(reply.status).toBe(201);
    expect(reply.body.transaction).toMatchObject({ type: 'payment', amount: -4_000, balanceAfter: 6_000 });
    expect(reply.body.wallet).toMatchObject({ balance: 6_000, pendingCharges: 0, availableBalance: 6_000 });
    // The whole available balance may be spent, down to exactly zero.
    const all = await post(`/v1/wallets/${w.id}/debits`, { amount: 6_000, description: 'Order #8' });
    expect(all.body.wallet).toMatchObject({ balance: 0, availableBalance: 0 });
  });

  it('adjustments go either way; the reason becomes the description', async () => {
    const w = await walletWith(1_000);
    const up = await post(`/v1/wallets/${w.id}/adjustments`, { amount: 300, reason: 'Goodwill credit' });
    const down = await post(`/v1/wallets/${w.id}/adjustments`, { amount: -1_300, reason: 'Chargeback' });
    expect(up.status).toBe(201);
    expect(up.body.transaction).toMatchObject({
      type: 'adjustment',
      amount: 300,
      balanceAfter: 1_300,
      description: 'Goodwill credit',
    });
    expect(down.body.transaction).toMatchObject({
      type: 'adjustment',
      amount: -1_300,
      balanceAfter: 0,
      description: 'Chargeback',
    });
  });

  it('a hold reserves money: pendingCharges rises, balance stays, no ledger row yet', async () => {
    const w = await walletWith(10_000);
    const reply = await post(`/v1/wallets/${w.id}/holds`, { amount: 3_000, description: 'Renewal' });
    expect(reply.status).toBe(201);
    expect(reply.body).toStrictEqual({
      hold: {
        id: expect.stringMatching(/^hld_/),
        walletId: w.id,
        customerId: w.customerId,
        amount: 3_000,
        capturedAmount: 0,
        currency: 'USD',
        status: 'pending',
        description: 'Renewal',
        transactionId: null,
        createdAt: clock.iso(),
        updatedAt: clock.iso(),
      },
      wallet: {
        ...w,
        balance: 10_000,
        pendingCharges: 3_000,
        availableBalance: 7_000,
        updatedAt: clock.iso(),
      },
    });
    expect(await history(w.id)).toHaveLength(1);
    expect(await ok(call(api.app, 'GET', `/v1/holds/${reply.body.hold.id}`, { token: admin }))).toEqual(
      reply.body.hold,
    );
    expect(await ok(call(api.app, 'GET', `/v1/wallets/${w.id}/holds`, { token: admin }))).toEqual({
      items: [reply.body.hold],
    });
  });

  it('capturing a whole hold charges it as one payment row linked to the hold', async () => {
    const w = await walletWith(10_000);
    const hold = (await ok(post(`/v1/wallets/${w.id}/holds`, { amount: 3_000, description: 'Renewal' })))
      .hold;
    clock.advance(1000);
    const reply = await post(`/v1/holds/${hold.id}/capture`);
    expect(reply.status).toBe(200);
    expect(reply.body.hold).toStrictEqual({
      ...hold,
      status: 'captured',
      capturedAmount: 3_000,
      transactionId: reply.body.transaction.id,
      updatedAt: clock.iso(),
    });
    expect(reply.body.transaction).toMatchObject({
      type: 'payment',
      amount: -3_000,
      balanceAfter: 7_000,
      relatedId: hold.id,
      description: 'Renewal',
    });
    expect(reply.body.wallet).toMatchObject({ balance: 7_000, pendingCharges: 0, availableBalance: 7_000 });
    expect(await wallet(w.id)).toEqual(reply.body.wallet);
  });

  it('a partial capture charges only that amount and releases the rest of the hold', async () => {
    const w = await walletWith(10_000);
    const hold = (await ok(post(`/v1/wallets/${w.id}/holds`, { amount: 3_000, description: 'Usage' }))).hold;
    const reply = await post(`/v1/holds/${hold.id}/capture`, { amount: 1_200 });
    expect(reply.status).toBe(200);
    expect(reply.body.hold).toMatchObject({ status: 'captured', amount: 3_000, capturedAmount: 1_200 });
    expect(reply.body.transaction).toMatchObject({ type: 'payment', amount: -1_200, balanceAfter: 8_800 });
    expect(await wallet(w.id)).toMatchObject({ balance: 8_800, pendingCharges: 0, availableBalance: 8_800 });
  });

  it('releasing a hold gives the reservation back and writes no ledger row; a settled hold stays settled', async () => {
    const w = await walletWith(10_000);
    const hold = (await ok(post(`/v1/wallets/${w.id}/holds`, { amount: 3_000, description: 'Cancelled' })))
      .hold;
    const reply = await post(`/v1/holds/${hold.id}/release`);
    expect(reply.status).toBe(200);
    expect(reply.body.hold).toMatchObject({ status: 'released', capturedAmount: 0, transactionId: null });
    expect(reply.body.wallet).toMatchObject({ balance: 10_000, pendingCharges: 0, availableBalance: 10_000 });
    expect(await history(w.id)).toHaveLength(1);

    const before = await everything(api.app, api.db.store, admin);
    expectRefusal(await post(`/v1/holds/${hold.id}/release`), 422, 'hold_not_pending');
    expectRefusal(await post(`/v1/holds/${hold.id}/capture`, {}), 422, 'hold_not_pending');
    const captured = (await ok(post(`/v1/wallets/${w.id}/holds`, { amount: 100, description: 'Paid' }))).hold;
    await ok(post(`/v1/holds/${captured.id}/capture`));
    const afterCapture = await everything(api.app, api.db.store, admin);
    expectRefusal(await post(`/v1/holds/${captured.id}/release`), 422, 'hold_not_pending');
    expectRefusal(await post(`/v1/holds/${captured.id}/capture`), 422, 'hold_not_pending');
    expect(await everything(api.app, api.db.store, admin)).toEqual(afterCapture);
    expect(afterCapture).not.toEqual(before);
  });

  it('capturing more than the hold is refused and leaves the hold pending', async () => {
    const w = await walletWith(10_000);
    const hold = (await ok(post(`/v1/wallets/${w.id}/holds`, { amount: 3_000, description: 'Usage' }))).hold;
    const before = await everything(api.app, api.db.store, admin);
    expectRefusal(await post(`/v1/holds/${hold.id}/capture`, { amount: 3_001 }), 400, 'validation', 'amount');
    expect(await everything(api.app, api.db.store, admin)).toEqual(before);
  });

  it('refunds may be partial; together they never exceed the payment', async () => {
    const w = await walletWith(10_000);
    const payment = (await ok(post(`/v1/wallets/${w.id}/debits`, { amount: 5_000, description: 'Order' })))
      .transaction;
    const first = await post(`/v1/wallet-transactions/${payment.id}/refunds`, {
      amount: 2_000,
      reason: 'Partly unused',
    });
    expect(first.status).toBe(201);
    expect(first.body.transaction).toMatchObject({
      type: 'refund',
      amount: 2_000,
      balanceAfter: 7_000,
      relatedId: payment.id,
      description: 'Partly unused',
    });

    const before = await everything(api.app, api.db.store, admin);
    expectRefusal(
      await post(`/v1/wallet-transactions/${payment.id}/refunds`, { amount: 3_001, reason: 'Too much' }),
      422,
      'refund_exceeds_payment',
      'amount',
    );
    expect(await everything(api.app, api.db.store, admin)).toEqual(before);

    // Without an amount, the refund is whatever is left of the payment.
    const rest = await post(`/v1/wallet-transactions/${payment.id}/refunds`, { reason: 'Cancelled' });
    expect(rest.body.transaction).toMatchObject({ type: 'refund', amount: 3_000, balanceAfter: 10_000 });
    const settled = await everything(api.app, api.db.store, admin);
    expectRefusal(
      await post(`/v1/wallet-transactions/${payment.id}/refunds`, { reason: 'Again' }),
      422,
      'refund_exceeds_payment',
      'amount',
    );
    expectRefusal(
      await post(`/v1/wallet-transactions/${payment.id}/refunds`, { amount: 1, reason: 'Again' }),
      422,
      'refund_exceeds_payment',
      'amount',
    );
    expect(await everything(api.app, api.db.store, admin)).toEqual(settled);
  });

  it('only payments are refundable; a captured hold is a payment and refundable', async () => {
    const w = await walletWith(10_000);
    const topUp = (await history(w.id))[0];
    const before = await everything(api.app, api.db.store, admin);
    expectRefusal(
      await post(`/v1/wallet-transactions/${topUp.id}/refunds`, { reason: 'No' }),
      422,
      'not_refundable',
    );
    expectRefusal(
      await post('/v1/wallet-transactions/txn_missing/refunds', { reason: 'No' }),
      404,
      'not_found',
      'id',
    );
    expect(await everything(api.app, api.db.store, admin)).toEqual(before);

    const hold = (await ok(post(`/v1/wallets/${w.id}/holds`, { amount: 3_000, description: 'Renewal' })))
      .hold;
    const captured = await ok(post(`/v1/holds/${hold.id}/capture`, { amount: 2_000 }));
    const refund = await post(`/v1/wallet-transactions/${captured.transaction.id}/refunds`, {
      reason: 'Downgrade',
    });
    expect(refund.body.transaction).toMatchObject({ type: 'refund', amount: 2_000, balanceAfter: 10_000 });
    const refundOfRefund = await post(`/v1/wallet-transactions/${refund.body.transaction.id}/refunds`, {
      reason: 'No',
    });
    expectRefusal(refundOfRefund, 422, 'not_refundable');
  });

  it('the ledger adds up: every balanceAfter is the running sum, and the last one is the balance', async () => {
    const w = await walletWith(5_000);
    await ok(post(`/v1/wallets/${w.id}/credits`, { amount: 700, description: 'Top-up' }));
    const pay = await ok(post(`/v1/wallets/${w.id}/debits`, { amount: 1_200, description: 'Order' }));
    await ok(post(`/v1/wallets/${w.id}/adjustments`, { amount: -50, reason: 'Fee' }));
    await ok(post(`/v1/wallet-transactions/${pay.transaction.id}/refunds`, { amount: 200, reason: 'Part' }));
    const hold = await ok(post(`/v1/wallets/${w.id}/holds`, { amount: 900, description: 'Usage' }));
    await ok(post(`/v1/holds/${hold.hold.id}/capture`, { amount: 400 }));

    const rows = [...(await history(w.id))].reverse();
    let running = 0;
    for (const row of rows) {
      running += row.amount;
      expect(row.balanceAfter).toBe(running);
    }
    expect(rows.map((r) => r.type)).toEqual([
      'credit',
      'credit',
      'payment',
      'adjustment',
      'refund',
      'payment',
    ]);
    expect(await wallet(w.id)).toMatchObject({
      balance: running,
      pendingCharges: 0,
      availableBalance: running,
    });
    expect(running).toBe(5_000 + 700 - 1_200 - 50 + 200 - 400);
  });
});
