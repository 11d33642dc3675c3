import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Currency } from '../../../src/shared/money.js';
import { call, key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import {
  checkoutEvent,
  sandboxEventId,
  signedSandboxEvent,
  startPaymentsApi,
  useKnownSandboxSecret,
  type PaymentsApi,
} from '../../support/payments.js';
import { createTenant, ok, readFeed, settleFeed, type Tenant } from '../../support/tenants.js';

/** Signed sandbox deliveries straight to the webhook route: duplicates, reordering, races and forgeries. */
describe.each(DIALECTS)('gateway webhooks on %s', (dialect) => {
  let api: PaymentsApi;
  let t: Tenant;

  beforeEach(async () => {
    api = await startPaymentsApi(dialect);
    t = await createTenant(api.app, 'Hooks');
    await useKnownSandboxSecret(api.app, t.admin);
  });
  afterEach(() => api.close());

  const balance = async (walletId = t.walletId) =>
    (await ok(call(api.app, 'GET', `/v1/wallets/${walletId}`, { token: t.admin }))).balance as number;
  const topUpRows = async () =>
    (await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}/transactions?type=top_up`, { token: t.admin })))
      .items as any[];
  const startTopUp = async (amount = 2_000) => {
    const p = await ok(
      call(api.app, 'POST', `/v1/wallets/${t.walletId}/top-ups`, {
        token: t.admin,
        key: key(),
        body: { amount, provider: 'sandbox' },
      }),
    );
    return { id: p.id as string, checkout: (p.checkout.url as string).split('/').pop()! };
  };
  /** The "provider" side: what the sandbox page would do to its own checkout. */
  const markCheckout = (
    id: string,
    set: { status?: 'paid' | 'processing'; amount?: number; currency?: Currency },
  ) =>
    api.db.store.write((trx) => trx.updateTable('sandbox_checkouts').set(set).where('id', '=', id).execute());
  const deliver = (delivery: { body: string; headers: Record<string, string> }, resellerId = t.resellerId) =>
    call(api.app, 'POST', `/v1/webhooks/sandbox/${resellerId}`, {
      rawBody: delivery.body,
      headers: delivery.headers,
    });
  const reviews = async () =>
    (await ok(call(api.app, 'GET', '/v1/payment-reviews', { token: t.admin }))).items as any[];

  it('the same signed event delivered 5 times, some at once: credited exactly once', async () => {
    const before = await balance();
    const rowsBefore = (await topUpRows()).length;
    const p = await startTopUp(2_000);
    await markCheckout(p.checkout, { status: 'paid' });
    const event = checkoutEvent(p);
    const first = await deliver(event);
    expect(first.status).toBe(200);
    const rest = await Promise.all([deliver(event), deliver(event), deliver(event), deliver(event)]);
    expect(rest.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(rest.map((r) => r.body.duplicates)).toEqual([1, 1, 1, 1]);
    await api.app.payments.settled();
    expect(await balance()).toBe(before + 2_000);
    expect((await topUpRows()).length).toBe(rowsBefore + 1);
  });

  it('distinct events for one payment, reordered and concurrent: paid once, credited once', async () => {
    const before = await balance();
    const p = await startTopUp(3_000);
    await markCheckout(p.checkout, { status: 'paid' });
    const events = ['checkout.paid', 'checkout.processing', 'checkout.paid', 'checkout.processing'].map(
      (type) => checkoutEvent(p, { type }),
    );
    // Paid first, then a stale "processing": the re-query decides, never the event's own claim.
    await Promise.all(events.map((e) => deliver(e)));
    await api.app.payments.settled();
    await api.app.paymentJobs.runOnce('gateway-events');
    const payment = await ok(call(api.app, 'GET', `/v1/payments/${p.id}`, { token: t.admin }));
    expect(payment.status).toBe('paid');
    expect(await balance()).toBe(before + 3_000);
  });

  it('a signed "paid" event for a checkout the provider does not call paid credits nothing (re-query wins)', async () => {
    const before = await balance();
    const p = await startTopUp();
    await deliver(checkoutEvent(p));
    await api.app.payments.settled();
    expect((await ok(call(api.app, 'GET', `/v1/payments/${p.id}`, { token: t.admin }))).status).toBe('new');
    expect(await balance()).toBe(before);
  });

  it('forgeries are refused before anything is stored: bad signature, wrong secret, stale, missing', async () => {
    const before = await balance();
    const p = await startTopUp();
    await markCheckout(p.checkout, { status: 'paid' });
    const genuine = checkoutEvent(p);
    const flipped = { ...genuine, body: genuine.body.replace('checkout.paid', 'checkout.paiD') };
    const wrongSecret = checkoutEvent(p, { secret: 'sbwhsec_someone_elses_secret_0000' });
    const stale = checkoutEvent(p, { at: new Date(Date.now() - 10 * 60_000) });
    const missing = { body: genuine.body, headers: { 'content-type': 'application/json' } };
    for (const [delivery, reason] of [
      [flipped, 'bad_signature'],
      [wrongSecret, 'bad_signature'],
      [stale, 'stale'],
      [missing, 'missing_signature'],
    ] as const) {
      const reply = await deliver(delivery);
      expect(reply.status).toBe(401);
      expect(reply.body.error.message).toContain(reason);
    }
    const rows = await api.db.store.db.selectFrom('gateway_events').selectAll().execute();
    expect(rows).toEqual([]);
    await api.app.payments.settled();
    expect(await balance()).toBe(before);
  });

  it('unknown provider or reseller is 404', async () => {
    const e = signedSandboxEvent({
      id: sandboxEventId(),
      type: 'checkout.paid',
      checkout: 'x',
      reference: 'y',
    });
    expect(
      (
        await call(api.app, 'POST', `/v1/webhooks/nope/${t.resellerId}`, {
          rawBody: e.body,
          headers: e.headers,
        })
      ).status,
    ).toBe(404);
    expect((await deliver(e, 'rsl_does_not_exist')).status).toBe(404);
  });

  it("a genuinely signed event sent to another reseller's endpoint for this payment credits nothing", async () => {
    const other = await createTenant(api.app, 'Other');
    await useKnownSandboxSecret(api.app, other.admin, 'sbwhsec_other_reseller_secret_00');
    const before = await balance();
    const p = await startTopUp();
    await markCheckout(p.checkout, { status: 'paid' });
    const forOther = checkoutEvent(p, { secret: 'sbwhsec_other_reseller_secret_00' });
    expect((await deliver(forOther, other.resellerId)).status).toBe(200);
    await api.app.payments.settled();
    expect(await balance()).toBe(before);
    const otherReviews = (await ok(call(api.app, 'GET', '/v1/payment-reviews', { token: other.admin })))
      .items;
    expect(otherReviews).toMatchObject([{ reason: 'unmatched', paymentId: null }]);
  });

  it('a provider status with another amount or currency credits nothing and lands in the reviews', async () => {
    const before = await balance();
    const short = await startTopUp(5_000);
    await markCheckout(short.checkout, { status: 'paid', amount: 4_999 });
    const euro = await startTopUp(5_000);
    await markCheckout(euro.checkout, { status: 'paid', currency: 'EUR' });
    for (const p of [short, euro]) {
      await deliver(checkoutEvent(p));
    }
    await api.app.payments.settled();
    expect(await balance()).toBe(before);
    const list = await reviews();
    expect(list).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ paymentId: short.id, reason: 'amount', status: 'open' }),
        expect.objectContaining({ paymentId: euro.id, reason: 'currency', status: 'open' }),
      ]),
    );
    const resolved = await ok(
      call(api.app, 'POST', `/v1/payment-reviews/${list[0].id}/resolve`, {
        token: t.admin,
        body: { note: 'refunded' },
      }),
    );
    expect(resolved.status).toBe('resolved');
    expect(
      (
        await call(api.app, 'POST', `/v1/payment-reviews/${list[0].id}/resolve`, {
          token: t.support,
          body: {},
        })
      ).status,
    ).toBe(403);
  });

  it("a review opened by a mismatching confirmation, and its resolution, reach the staff's feed, never the customer's", async () => {
    const short = await startTopUp(5_000);
    await markCheckout(short.checkout, { status: 'paid', amount: 4_999 });
    await deliver(checkoutEvent(short));
    await api.app.payments.settled();
    await settleFeed(api.db.store);
    const [review] = await reviews();
    expect(review).toMatchObject({ paymentId: short.id, reason: 'amount', status: 'open' });
    const reviewChanges = (feed: any[]) => feed.filter((c) => c.entity === 'payment_review');

    const adminFeed = await readFeed(api.app, t.admin);
    expect(reviewChanges(adminFeed)).toEqual([
      { seq: expect.any(Number), entity: 'payment_review', id: review.id, op: 'create', data: review },
    ]);
    expect(reviewChanges(await readFeed(api.app, t.support))).toEqual(reviewChanges(adminFeed));
    const customerFeed = await readFeed(api.app, t.customer);
    // The customer follows its own payment, but not the question about it.
    expect(customerFeed.some((c) => c.entity === 'payment' && c.id === short.id)).toBe(true);
    expect(reviewChanges(customerFeed)).toEqual([]);
    expect(JSON.stringify(customerFeed)).not.toContain(review.id);

    const end = adminFeed.at(-1).seq as number;
    const resolved = await ok(
      call(api.app, 'POST', `/v1/payment-reviews/${review.id}/resolve`, { token: t.admin, body: {} }),
    );
    await settleFeed(api.db.store);
    const since = async (token: string, cursor: number) =>
      (await ok(call(api.app, 'GET', `/v1/sync/changes?cursor=${cursor}`, { token }))).changes as any[];
    expect(await since(t.admin, end)).toEqual([
      { seq: expect.any(Number), entity: 'payment_review', id: review.id, op: 'update', data: resolved },
    ]);
    expect(await since(t.support, end)).toEqual(await since(t.admin, end));
    expect(await since(t.customer, customerFeed.at(-1).seq)).toEqual([]);
  });

  it('overpaid: the expected amount is credited, flagged, and the excess goes to review', async () => {
    const before = await balance();
    const p = await startTopUp(1_000);
    await markCheckout(p.checkout, { status: 'paid', amount: 1_200 });
    await deliver(checkoutEvent(p));
    await api.app.payments.settled();
    expect(await ok(call(api.app, 'GET', `/v1/payments/${p.id}`, { token: t.admin }))).toMatchObject({
      status: 'paid',
      overpaid: true,
    });
    expect(await balance()).toBe(before + 1_000);
    expect(await reviews()).toMatchObject([{ paymentId: p.id, reason: 'overpaid' }]);
  });

  it('a stored event left unprocessed (no inline processing) is processed by the events job, once', async () => {
    await api.close();
    api = await startPaymentsApi(dialect, { payments: { processInline: false } });
    t = await createTenant(api.app, 'Later');
    await useKnownSandboxSecret(api.app, t.admin);
    const before = await balance();
    const p = await startTopUp(700);
    await markCheckout(p.checkout, { status: 'paid' });
    const event = checkoutEvent(p);
    expect((await deliver(event)).status).toBe(200);
    expect(await balance()).toBe(before);
    await Promise.all([api.app.paymentJobs.runOnce('gateway-events'), api.app.payments.processEvents()]);
    await api.app.paymentJobs.runOnce('gateway-events');
    expect(await balance()).toBe(before + 700);
    const stored = await api.db.store.db.selectFrom('gateway_events').selectAll().execute();
    expect(stored).toMatchObject([{ outcome: 'credit', processed_at: expect.any(String) }]);
    expect(Buffer.from(stored[0]!.raw_body!, 'base64').toString()).toBe(event.body);
  });
});
