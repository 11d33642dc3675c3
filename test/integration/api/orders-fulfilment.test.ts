import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_JOBS } from '../../../src/server/jobs/order-jobs.js';
import { DIALECTS } from '../../support/databases.js';
import { call, key, seedReseller, startApi, type TestApi } from '../../support/api.js';
import { everything, expectRefusal, listAll, manualClock, ok } from '../../support/tenants.js';

/**
 * Orders paid from the wallet: one payment row per order, fulfilment reports refund exactly the
 * unprovisioned share (odd amounts, a 0-decimal currency), failures and timeouts refund all of it,
 * a short wallet writes nothing, and concurrent orders never overdraw.
 */
describe.each(DIALECTS)('orders and their refunds on %s', (dialect) => {
  let api: TestApi;
  let admin: string;
  let customerId: string;
  let usdWallet: string;
  let jpyWallet: string;
  let productId: string;
  const clock = manualClock();

  const post = (url: string, body: unknown, k = key()) =>
    call(api.app, 'POST', url, { token: admin, key: k, body });
  const wallet = async (id: string) => ok(call(api.app, 'GET', `/v1/wallets/${id}`, { token: admin }));
  const history = (id: string) => listAll(api.app, admin, `/v1/wallets/${id}/transactions?limit=500`);
  const order = (body: object, k?: string) => post(`/v1/customers/${customerId}/orders`, body, k);
  /** Σ ledger = balance: every row's amount adds up to the wallet's balance, and each row's balanceAfter runs. */
  async function expectLedgerAddsUp(walletId: string) {
    const rows = (await history(walletId)).reverse();
    let running = 0;
    for (const row of rows) {
      running += row.amount;
      expect(row.balanceAfter).toBe(running);
    }
    expect((await wallet(walletId)).balance).toBe(running);
  }

  beforeAll(async () => {
    api = await startApi(dialect, { clock: clock.now });
    const seeded = await seedReseller(api.app, 'Proxyco');
    admin = seeded.admin;
    customerId = seeded.customerId;
    usdWallet = seeded.walletId;
    jpyWallet = (
      await ok(
        call(api.app, 'POST', `/v1/customers/${customerId}/wallets`, {
          token: admin,
          body: { currency: 'JPY', initialBalance: 10_000 },
          key: key('wallet'),
        }),
      )
    ).id;
    productId = (
      await ok(
        call(api.app, 'POST', '/v1/products', {
          token: admin,
          body: {
            name: 'Residential proxy',
            description: 'One rotating residential IP',
            prices: { USD: 1_999, JPY: 333 },
            period: 'none',
            provisioningTimeoutMinutes: 30,
          },
        }),
      )
    ).id;
  });
  afterAll(() => api.close());

  it('charges the whole order in one payment row quoting the order number, and waits in provisioning', async () => {
    const before = (await wallet(usdWallet)).balance;
    const placed = await ok(order({ productId, quantity: 10, currency: 'USD' }));
    expect(placed.order).toMatchObject({
      status: 'provisioning',
      quantity: 10,
      unitPrice: 1_999,
      total: 19_990,
      refunded: 0,
      currency: 'USD',
      productName: 'Residential proxy',
    });
    expect(placed.order.number).toMatch(/^ORD-\d{8}-[0-9A-Z]{6}$/);
    expect(placed.transaction).toMatchObject({
      type: 'payment',
      amount: -19_990,
      reference: placed.order.number,
      relatedId: placed.order.id,
      // For a console to word in its language; the description says it in English.
      description: `Order ${placed.order.number}: 10 × Residential proxy`,
      wording: { kind: 'order', order: placed.order.number, quantity: 10, product: 'Residential proxy' },
    });
    expect((await wallet(usdWallet)).balance).toBe(before - 19_990);
    expect(await ok(call(api.app, 'GET', `/v1/orders/${placed.order.id}`, { token: admin }))).toEqual(
      placed.order,
    );
  });

  it('7 of 10 provisioned: partial, and exactly 3/10 of 19.99 × 10 comes back as a refund row linked to the order', async () => {
    const placed = await ok(order({ productId, quantity: 10, currency: 'USD' }));
    const afterPayment = (await wallet(usdWallet)).balance;
    const k = key();
    const reported = await post(`/v1/orders/${placed.order.id}/fulfilment`, { provisioned: 7 }, k);
    expect(reported.status).toBe(200);
    expect(reported.body.order).toMatchObject({ status: 'partial', provisioned: 7, refunded: 5_997 });
    expect(reported.body.refund).toMatchObject({
      type: 'refund',
      amount: 5_997,
      reference: placed.order.number,
      relatedId: placed.transaction.id,
      wording: {
        kind: 'order_unprovisioned',
        order: placed.order.number,
        missing: 3,
        quantity: 10,
        product: 'Residential proxy',
      },
    });
    expect(reported.body.order.refundTransactionId).toBe(reported.body.refund.id);
    expect((await wallet(usdWallet)).balance).toBe(afterPayment + 5_997);

    // The same request again (same key): the first answer, nothing more.
    const replay = await post(`/v1/orders/${placed.order.id}/fulfilment`, { provisioned: 7 }, k);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(reported.body);
    // The same report under a new key (the provisioning system retried): the same outcome, no new row.
    const again = await post(`/v1/orders/${placed.order.id}/fulfilment`, { provisioned: 7 });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(reported.body);
    expect((await wallet(usdWallet)).balance).toBe(afterPayment + 5_997);
    // A different report after it settled is a conflict, and moves nothing.
    expectRefusal(
      await post(`/v1/orders/${placed.order.id}/fulfilment`, { provisioned: 10 }),
      409,
      'conflict',
    );
    expect((await wallet(usdWallet)).balance).toBe(afterPayment + 5_997);

    const rows = (await history(usdWallet)).filter((t: any) => t.reference === placed.order.number);
    expect(rows.map((t: any) => [t.type, t.amount, t.wording.kind])).toEqual([
      ['refund', 5_997, 'order_unprovisioned'],
      ['payment', -19_990, 'order'],
    ]);
    await expectLedgerAddsUp(usdWallet);
  });

  it('in a 0-decimal currency (JPY) and odd amounts: 7 of 10 × ¥333 refunds ¥999, 1 of 3 refunds ¥666', async () => {
    const ten = await ok(order({ productId, quantity: 10, currency: 'JPY' }));
    expect(ten.order.total).toBe(3_330);
    const partial = await ok(post(`/v1/orders/${ten.order.id}/fulfilment`, { provisioned: 7 }));
    expect(partial.refund.amount).toBe(999);
    const three = await ok(order({ productId, quantity: 3, currency: 'JPY' }));
    const one = await ok(post(`/v1/orders/${three.order.id}/fulfilment`, { provisioned: 1 }));
    expect(one.order).toMatchObject({ status: 'partial', refunded: 666 });
    expect((await wallet(jpyWallet)).balance).toBe(10_000 - 3_330 + 999 - 999 + 666);
    await expectLedgerAddsUp(jpyWallet);
  });

  it('all provisioned: completed, no refund', async () => {
    const placed = await ok(order({ productId, quantity: 2, currency: 'USD' }));
    const done = await ok(post(`/v1/orders/${placed.order.id}/fulfilment`, { provisioned: 2 }));
    expect(done).toMatchObject({ order: { status: 'completed', refunded: 0 }, refund: null });
  });

  it('none provisioned, or failed with a reason: failed and 100% refunded', async () => {
    for (const [url, body] of [
      ['fulfilment', { provisioned: 0 }],
      ['fail', { reason: 'Upstream pool exhausted' }],
    ] as const) {
      const before = (await wallet(usdWallet)).balance;
      const placed = await ok(order({ productId, quantity: 3, currency: 'USD' }));
      const failed = await ok(post(`/v1/orders/${placed.order.id}/${url}`, body));
      // Why as a code beside the provisioning system's words: it reported the failure.
      expect(failed.order).toMatchObject({
        status: 'failed',
        refunded: 5_997,
        failureCode: 'provisioning_failed',
      });
      expect(failed.refund).toMatchObject({
        amount: 5_997,
        reference: placed.order.number,
        wording: {
          kind: 'order_failed',
          order: placed.order.number,
          reason: url === 'fail' ? 'Upstream pool exhausted' : null,
        },
      });
      expect((await wallet(usdWallet)).balance).toBe(before);
    }
    await expectLedgerAddsUp(usdWallet);
  });

  it('part of the payment refunded by hand while provisioning: the outcome refunds the rest, never more than was paid', async () => {
    const manual = (transactionId: string, amount: number) =>
      ok(
        post(`/v1/wallet-transactions/${transactionId}/refunds`, { amount, reason: 'Goodwill for the wait' }),
      );
    // Failed: the 10.00 back by hand, then the order fails: the other 49.97 comes back, 100% in all.
    const before = (await wallet(usdWallet)).balance;
    const failing = await ok(order({ productId, quantity: 3, currency: 'USD' }));
    await manual(failing.transaction.id, 1_000);
    const failed = await post(`/v1/orders/${failing.order.id}/fail`, { reason: 'Upstream pool exhausted' });
    expect(failed.status, JSON.stringify(failed.body)).toBe(200);
    expect(failed.body.order).toMatchObject({ status: 'failed', refunded: 5_997 });
    expect(failed.body.refund).toMatchObject({ amount: 4_997, reference: failing.order.number });
    expect((await wallet(usdWallet)).balance).toBe(before);
    // Partial, most of it back by hand: 3 of 10 unprovisioned would be 59.97, but only 19.90 is left.
    const partly = await ok(order({ productId, quantity: 10, currency: 'USD' }));
    await manual(partly.transaction.id, 18_000);
    const reported = await post(`/v1/orders/${partly.order.id}/fulfilment`, { provisioned: 7 });
    expect(reported.status, JSON.stringify(reported.body)).toBe(200);
    expect(reported.body.order).toMatchObject({ status: 'partial', provisioned: 7, refunded: 19_990 });
    expect(reported.body.refund).toMatchObject({ amount: 1_990 });
    expect((await wallet(usdWallet)).balance).toBe(before);
    // All of it back by hand: the failure refunds nothing more, and the order says all came back.
    const refundedAll = await ok(order({ productId, quantity: 1, currency: 'USD' }));
    await manual(refundedAll.transaction.id, 1_999);
    const none = await ok(post(`/v1/orders/${refundedAll.order.id}/fulfilment`, { provisioned: 0 }));
    expect(none).toMatchObject({ order: { status: 'failed', refunded: 1_999 }, refund: null });
    expect((await wallet(usdWallet)).balance).toBe(before);
    await expectLedgerAddsUp(usdWallet);
  });

  it('an order stuck in provisioning past its timeout fails and is refunded by the job, once', async () => {
    const before = (await wallet(usdWallet)).balance;
    const placed = await ok(order({ productId, quantity: 1, currency: 'USD' }));
    clock.advance(29 * 60_000);
    await api.app.orderJobs.runOnce(ORDER_JOBS.timeouts);
    expect((await ok(call(api.app, 'GET', `/v1/orders/${placed.order.id}`, { token: admin }))).status).toBe(
      'provisioning',
    );
    clock.advance(60_000);
    await api.app.orderJobs.runOnce(ORDER_JOBS.timeouts);
    await api.app.orderJobs.runOnce(ORDER_JOBS.timeouts);
    const stuck = await ok(call(api.app, 'GET', `/v1/orders/${placed.order.id}`, { token: admin }));
    expect(stuck).toMatchObject({
      status: 'failed',
      refunded: 1_999,
      failureReason: 'provisioning timed out',
      failureCode: 'provisioning_timed_out',
    });
    // Every order left provisioning by the tests above timed out too, each refunded in full, once.
    const timedOut = (await listAll(api.app, admin, '/v1/orders?status=failed&limit=500')).filter(
      (o: any) => o.failureReason === 'provisioning timed out' && o.currency === 'USD',
    );
    expect(timedOut.every((o: any) => o.refunded === o.total)).toBe(true);
    const refunded = timedOut.reduce((sum: number, o: any) => sum + o.refunded, 0);
    expect((await wallet(usdWallet)).balance).toBe(before - 1_999 + refunded);
    await expectLedgerAddsUp(usdWallet);
    // A report arriving after the timeout: the order already failed.
    expectRefusal(
      await post(`/v1/orders/${placed.order.id}/fulfilment`, { provisioned: 1 }),
      409,
      'conflict',
    );
  });

  it('a wallet whose order is still provisioning is not closed, so a failed order always has a wallet to refund to', async () => {
    const c = await ok(
      call(api.app, 'POST', '/v1/customers', {
        token: admin,
        body: { name: 'Spent', email: `${key()}@example.com` },
      }),
    );
    const w = await ok(
      call(api.app, 'POST', `/v1/customers/${c.id}/wallets`, {
        token: admin,
        body: { currency: 'USD', initialBalance: 1_999 },
        key: key('wallet'),
      }),
    );
    const placed = await ok(
      post(`/v1/customers/${c.id}/orders`, { productId, quantity: 1, currency: 'USD' }),
    );
    expect((await wallet(w.id)).balance).toBe(0);
    const close = () => call(api.app, 'POST', `/v1/wallets/${w.id}/close`, { token: admin });
    const refused = await close();
    expectRefusal(refused, 409, 'conflict');
    expect(refused.body.error.message).toMatch(/1 order\(s\) being provisioned/);
    expect((await wallet(w.id)).status).toBe('active');
    const failed = await ok(post(`/v1/orders/${placed.order.id}/fulfilment`, { provisioned: 0 }));
    expect(failed.order).toMatchObject({ status: 'failed', refunded: 1_999 });
    expect((await wallet(w.id)).balance).toBe(1_999);
  });

  it('not enough available balance: 422 insufficient_funds, nothing written', async () => {
    const poor = await ok(
      call(api.app, 'POST', '/v1/customers', {
        token: admin,
        body: { name: 'Poor', email: `${key()}@example.com` },
      }),
    );
    const poorWallet = await ok(
      call(api.app, 'POST', `/v1/customers/${poor.id}/wallets`, {
        token: admin,
        body: { currency: 'USD', initialBalance: 1_998 },
        key: key('wallet'),
      }),
    );
    const before = await everything(api.app, api.db.store, admin);
    const ordersBefore = await listAll(api.app, admin, '/v1/orders?limit=500');
    const reply = await post(`/v1/customers/${poor.id}/orders`, { productId, quantity: 1, currency: 'USD' });
    expectRefusal(reply, 422, 'insufficient_funds', 'amount');
    expect(await everything(api.app, api.db.store, admin)).toEqual(before);
    expect(await listAll(api.app, admin, '/v1/orders?limit=500')).toEqual(ordersBefore);
    expect((await wallet(poorWallet.id)).balance).toBe(1_998);
  });

  it('concurrent orders never overdraw: of 8 orders of 30.00 on 100.00, exactly 3 are placed', async () => {
    const c = await ok(
      call(api.app, 'POST', '/v1/customers', {
        token: admin,
        body: { name: 'Rush', email: `${key()}@example.com` },
      }),
    );
    const w = await ok(
      call(api.app, 'POST', `/v1/customers/${c.id}/wallets`, {
        token: admin,
        body: { currency: 'USD', initialBalance: 10_000 },
        key: key('wallet'),
      }),
    );
    const p = await ok(
      call(api.app, 'POST', '/v1/products', {
        token: admin,
        body: { name: 'Pack', prices: { USD: 3_000 }, period: 'none' },
      }),
    );
    const replies = await Promise.all(
      Array.from({ length: 8 }, () =>
        post(`/v1/customers/${c.id}/orders`, { productId: p.id, quantity: 1, currency: 'USD' }),
      ),
    );
    expect(replies.filter((r) => r.status === 201)).toHaveLength(3);
    for (const r of replies.filter((r) => r.status !== 201))
      expectRefusal(r, 422, 'insufficient_funds', 'amount');
    expect((await wallet(w.id)).balance).toBe(1_000);
    await expectLedgerAddsUp(w.id);
  });

  it('bad input names the field', async () => {
    expectRefusal(await order({ productId, quantity: 0, currency: 'USD' }), 400, 'validation', 'quantity');
    expectRefusal(await order({ productId, quantity: 1, currency: 'XXX' }), 400, 'validation', 'currency');
    expectRefusal(await order({ productId, quantity: 1, currency: 'EUR' }), 400, 'validation', 'currency');
    expectRefusal(
      await order({ productId: 'prd_missing', quantity: 1, currency: 'USD' }),
      404,
      'not_found',
      'productId',
    );
    expectRefusal(await order({ quantity: 1, currency: 'USD' }), 400, 'validation', 'productId');
    const placed = await ok(order({ productId, quantity: 2, currency: 'USD' }));
    expectRefusal(
      await post(`/v1/orders/${placed.order.id}/fulfilment`, { provisioned: 3 }),
      400,
      'validation',
      'provisioned',
    );
    expectRefusal(
      await post(`/v1/orders/${placed.order.id}/fulfilment`, { provisioned: -1 }),
      400,
      'validation',
      'provisioned',
    );
    expectRefusal(await post(`/v1/orders/${placed.order.id}/fail`, {}), 400, 'validation', 'reason');
    expectRefusal(
      await call(api.app, 'POST', '/v1/products', {
        token: admin,
        body: { name: 'X', prices: {}, period: 'month' },
      }),
      400,
      'validation',
      'prices',
    );
    expectRefusal(
      await call(api.app, 'POST', '/v1/products', {
        token: admin,
        body: { name: 'X', prices: { USD: 1 }, period: 'week' },
      }),
      400,
      'validation',
      'period',
    );
    // Off sale: refused on the product.
    const off = await ok(
      call(api.app, 'POST', '/v1/products', {
        token: admin,
        body: { name: 'Old plan', prices: { USD: 100 }, period: 'none', active: false },
      }),
    );
    expectRefusal(
      await order({ productId: off.id, quantity: 1, currency: 'USD' }),
      400,
      'validation',
      'productId',
    );
  });

  it('a failed provisioning run: the dry run lists every refund and the total, the real run makes them once per order', async () => {
    const placed = [];
    for (const quantity of [1, 2, 3])
      placed.push((await ok(order({ productId, quantity, currency: 'USD' }))).order);
    const done = (await ok(order({ productId, quantity: 1, currency: 'USD' }))).order;
    await ok(post(`/v1/orders/${done.id}/fulfilment`, { provisioned: 1 }));
    const ids = [...placed.map((o) => o.id), done.id, 'ord_nosuchorder'];
    const before = await everything(api.app, api.db.store, admin);

    const dry = await ok(post('/v1/order-refunds', { orderIds: ids, reason: 'Run 42 failed', dryRun: true }));
    expect(dry.dryRun).toBe(true);
    expect(dry.items.map((i: any) => [i.orderId, i.outcome, i.amount])).toEqual([
      [placed[0]!.id, 'refund', 1_999],
      [placed[1]!.id, 'refund', 3_998],
      [placed[2]!.id, 'refund', 5_997],
      [done.id, 'skipped', 0],
      ['ord_nosuchorder', 'skipped', 0],
    ]);
    expect(dry.totals).toEqual({ USD: 11_994 });
    expect(await everything(api.app, api.db.store, admin)).toEqual(before);

    const real = await ok(post('/v1/order-refunds', { orderIds: ids, reason: 'Run 42 failed' }));
    expect(real.items.filter((i: any) => i.outcome === 'refunded')).toHaveLength(3);
    expect(real.totals).toEqual({ USD: 11_994 });
    expect((await wallet(usdWallet)).balance).toBe(
      before.state.wallets.find((w: any) => w.id === usdWallet).balance + 11_994,
    );

    const again = await ok(post('/v1/order-refunds', { orderIds: ids, reason: 'Run 42 failed' }));
    expect(again.items.slice(0, 3).map((i: any) => i.outcome)).toEqual(Array(3).fill('already_refunded'));
    expect(again.totals).toEqual({});
    await expectLedgerAddsUp(usdWallet);
  });

  it('a failed run over an order partly refunded by hand: the preview and the run say what really comes back', async () => {
    const placed = (await ok(order({ productId, quantity: 3, currency: 'USD' }))).order;
    await ok(
      post(`/v1/wallet-transactions/${placed.paymentTransactionId}/refunds`, {
        amount: 1_000,
        reason: 'Goodwill for the wait',
      }),
    );
    const before = (await wallet(usdWallet)).balance;
    const body = { orderIds: [placed.id], reason: 'Run 43 failed' };
    const dry = await ok(post('/v1/order-refunds', { ...body, dryRun: true }));
    expect(dry.items.map((i: any) => [i.outcome, i.amount])).toEqual([['refund', 4_997]]);
    expect(dry.totals).toEqual({ USD: 4_997 });
    const real = await ok(post('/v1/order-refunds', body));
    expect(real.items.map((i: any) => [i.outcome, i.amount])).toEqual([['refunded', 4_997]]);
    expect(real.totals).toEqual({ USD: 4_997 });
    expect((await wallet(usdWallet)).balance).toBe(before + 4_997);
  });

  it('a customer orders for itself and sees its own orders only; staff roles are checked', async () => {
    const email = `buyer-${key()}@example.com`;
    await ok(
      call(api.app, 'POST', '/v1/users', {
        token: admin,
        body: { email, password: 'correct horse battery staple', role: 'customer', customerId },
      }),
    );
    const customer = (
      await ok(
        call(api.app, 'POST', '/v1/auth/login', {
          body: { email, password: 'correct horse battery staple' },
        }),
      )
    ).token as string;
    const mine = await call(api.app, 'POST', `/v1/customers/${customerId}/orders`, {
      token: customer,
      key: key(),
      body: { productId, quantity: 1, currency: 'USD' },
    });
    expect(mine.status).toBe(201);
    // Another customer's id is not there for it; fulfilment is the reseller's.
    const other = await ok(
      call(api.app, 'POST', '/v1/customers', {
        token: admin,
        body: { name: 'Other', email: `${key()}@example.com` },
      }),
    );
    expectRefusal(
      await call(api.app, 'POST', `/v1/customers/${other.id}/orders`, {
        token: customer,
        key: key(),
        body: { productId, quantity: 1, currency: 'USD' },
      }),
      404,
      'not_found',
      'id',
    );
    expectRefusal(
      await call(api.app, 'POST', `/v1/orders/${mine.body.order.id}/fulfilment`, {
        token: customer,
        key: key(),
        body: { provisioned: 1 },
      }),
      403,
      'forbidden',
    );
    const listed = await listAll(api.app, customer, '/v1/orders');
    expect(listed.every((o: any) => o.customerId === customerId)).toBe(true);
    expect(listed.map((o: any) => o.id)).toContain(mine.body.order.id);
  });
});
