import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_EVENT_TYPES } from '../../../src/shared/api/webhook-events.js';
import { ORDER_JOBS } from '../../../src/server/jobs/order-jobs.js';
import { call, key, seedReseller, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { startSmtpSink } from '../../support/smtp-sink.js';
import { manualClock, ok } from '../../support/tenants.js';
import { startReceiver, verifyWithReference } from '../../support/webhook-receiver.js';

const DAY = 86_400_000;
const BILLING_EVENTS = WEBHOOK_EVENT_TYPES.filter((t) => /^(invoice|order|subscription)\./.test(t));

/**
 * Invoice, order and subscription events reach a real receiver on 127.0.0.1, signed (checked by the
 * Standard Webhooks reference library); the customer's invoice receipt and renewal notices reach a
 * real SMTP server started here, as text and HTML with formatted amounts. A manual clock walks the
 * subscriptions through their period ends.
 */
describe.each(DIALECTS)('invoice, order and subscription events on %s', (dialect) => {
  let api: TestApi;
  let admin: string;
  let secret: string;
  let productId: string;
  let hooks: Awaited<ReturnType<typeof startReceiver>>;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  const clock = manualClock('2030-03-10T09:00:00.000Z');

  beforeAll(async () => {
    hooks = await startReceiver();
    smtp = await startSmtpSink();
    api = await startApi(dialect, {
      clock: clock.now,
      outbound: { allowPrivateNetworks: true },
      webhooks: { jobs: false, secretsKey: randomBytes(32) },
      email: { smtpUrl: smtp.url, from: 'Billing <billing@hostco.example>' },
    });
    admin = (await seedReseller(api.app, 'Hostco')).admin;
    secret = (
      await ok(
        call(api.app, 'POST', '/v1/webhook-endpoints', {
          token: admin,
          body: { url: hooks.url, events: BILLING_EVENTS },
        }),
      )
    ).secret;
    productId = (
      await ok(
        call(api.app, 'POST', '/v1/products', {
          token: admin,
          body: { name: 'VPS small', prices: { USD: 1_500 }, period: 'month' },
        }),
      )
    ).id;
  });
  afterAll(async () => {
    await api?.close();
    await hooks?.close();
    await smtp?.close();
  });

  const post = (url: string, body?: unknown) =>
    ok(call(api.app, 'POST', url, { token: admin, key: key(), ...(body === undefined ? {} : { body }) }));
  const get = (url: string) => ok(call(api.app, 'GET', url, { token: admin }));

  /** Runs the delivery job and answers what arrived since the last call, each verified, as [type, data]. */
  let seen = 0;
  const delivered = async (): Promise<Array<[string, any]>> => {
    await api.app.eventJobs.runOnce('webhook-deliveries');
    const fresh = hooks.received.slice(seen);
    seen = hooks.received.length;
    return fresh.map((r) => {
      const event = verifyWithReference(secret, r) as { type: string; data: any };
      return [event.type, event.data];
    });
  };
  /** Sends the queued emails and answers those that reached `to`. */
  const mailsTo = async (to: string) => {
    await api.app.eventJobs.runOnce('emails');
    return smtp.mails.filter((m) => m.to.includes(to));
  };
  const renewals = () => api.app.orderJobs.runOnce(ORDER_JOBS.renewals);

  async function customer(balance: number) {
    const email = `${key('c')}@customer.example`;
    const c = await post('/v1/customers', { name: 'Lan <Nguyễn>', email });
    const w = await post(`/v1/customers/${c.id}/wallets`, { currency: 'USD', initialBalance: balance });
    return { id: c.id as string, walletId: w.id as string, email };
  }

  it('invoices: finalized, paid (with a receipt to the customer), voided', async () => {
    const c = await customer(5_000);
    await delivered();
    const lines = [{ description: 'Setup', quantity: 1, unitAmount: 1_250 }];
    const draft = await post(`/v1/customers/${c.id}/invoices`, { currency: 'USD', lines });
    const open = await post(`/v1/invoices/${draft.id}/finalize`);
    expect(await delivered()).toEqual([
      [
        'invoice.finalized',
        expect.objectContaining({
          invoice: expect.objectContaining({ id: draft.id, number: open.number, status: 'open' }),
        }),
      ],
    ]);
    const paid = await post(`/v1/invoices/${draft.id}/pay`, { source: 'wallet' });
    expect(paid.status).toBe('paid');
    const afterPay = await delivered();
    expect(afterPay.map(([t, d]) => [t, d.invoice.id, d.invoice.status, d.invoice.amountDue])).toEqual([
      ['invoice.paid', draft.id, 'paid', 0],
    ]);

    const [receipt, ...more] = await mailsTo(c.email);
    expect(more).toEqual([]);
    expect(receipt!.from).toBe('billing@hostco.example');
    expect(receipt!.subject).toBe(`Receipt: invoice ${open.number} paid ($12.50)`);
    expect(receipt!.text).toContain('Hello Lan <Nguyễn>,');
    expect(receipt!.text).toContain(`Hostco received payment in full for invoice ${open.number}.`);
    expect(receipt!.text).toContain('Amount paid: $12.50');
    expect(receipt!.text).toContain('Paid by: wallet');
    expect(receipt!.html).toContain('Hello Lan &#60;Nguyễn&#62;,');
    expect(receipt!.html).toContain('<th align="left">Total</th><td>$12.50</td>');

    const second = await post(`/v1/customers/${c.id}/invoices`, { currency: 'USD', lines });
    await post(`/v1/invoices/${second.id}/finalize`);
    await post(`/v1/invoices/${second.id}/void`);
    expect((await delivered()).map(([t, d]) => [t, d.invoice.id, d.invoice.status])).toEqual([
      ['invoice.finalized', second.id, 'open'],
      ['invoice.voided', second.id, 'void'],
    ]);
    // A voided invoice sends no receipt; a draft voided was never issued and raises nothing.
    expect(await mailsTo(c.email)).toHaveLength(1);
    const never = await post(`/v1/customers/${c.id}/invoices`, { currency: 'USD', lines });
    await post(`/v1/invoices/${never.id}/void`);
    expect(await delivered()).toEqual([]);
  });

  it('orders: created, completed, partially fulfilled and failed with their refunds; a failed order cancels its subscription', async () => {
    const c = await customer(20_000);
    await delivered();
    const order = async () =>
      (await post(`/v1/customers/${c.id}/orders`, { productId, quantity: 2, currency: 'USD' })).order;

    const full = await order();
    const created = await delivered();
    expect(created.map(([t]) => t)).toEqual(['subscription.created', 'order.created']);
    expect(created[1]![1]).toMatchObject({
      order: { id: full.id, status: 'provisioning', total: 3_000 },
      transaction: { amount: -3_000 },
    });
    expect(created[0]![1].subscription).toMatchObject({ id: full.subscriptionId, status: 'active' });
    await post(`/v1/orders/${full.id}/fulfilment`, { provisioned: 2 });
    expect((await delivered()).map(([t, d]) => [t, d.order.id, d.order.status])).toEqual([
      ['order.completed', full.id, 'completed'],
    ]);

    const half = await order();
    await delivered();
    const settled = await post(`/v1/orders/${half.id}/fulfilment`, { provisioned: 1 });
    const partial = await delivered();
    expect(partial.map(([t, d]) => [t, d.order.id, d.order.status])).toEqual([
      ['order.partially_fulfilled', half.id, 'partial'],
      ['order.refunded', half.id, 'partial'],
    ]);
    expect(partial[1]![1].refund).toMatchObject({ id: settled.refund.id, amount: 1_500, type: 'refund' });

    const lost = await order();
    await delivered();
    await post(`/v1/orders/${lost.id}/fail`, { reason: 'out of stock' });
    const failed = await delivered();
    expect(failed.map(([t]) => t)).toEqual(['subscription.cancelled', 'order.failed', 'order.refunded']);
    expect(failed[0]![1].subscription).toMatchObject({ id: lost.subscriptionId, status: 'cancelled' });
    expect(failed[1]![1].order).toMatchObject({
      id: lost.id,
      status: 'failed',
      failureReason: 'out of stock',
    });
    expect(failed[2]![1].refund).toMatchObject({ amount: 3_000 });
    // The same report again settles nothing more and raises nothing more.
    await post(`/v1/orders/${lost.id}/fail`, { reason: 'out of stock' });
    expect(await delivered()).toEqual([]);
  });

  /** A customer subscribed to 2 × VPS small (30.00 a month), the first month paid by the order. */
  async function subscriber(balance: number) {
    const c = await customer(balance);
    const placed = await post(`/v1/customers/${c.id}/orders`, { productId, quantity: 2, currency: 'USD' });
    await post(`/v1/orders/${placed.order.id}/fulfilment`, { provisioned: 2 });
    const sub = await get(`/v1/subscriptions/${placed.order.subscriptionId}`);
    await delivered();
    return { ...c, sub };
  }
  const about = (events: Array<[string, any]>, subscriptionId: string) =>
    events.filter(([, d]) => d.subscription?.id === subscriptionId);

  it('subscriptions: renewed at the period end, with the renewal row', async () => {
    const { sub } = await subscriber(10_000);
    clock.advance(Date.parse(sub.currentPeriodEnd) - clock.now().getTime());
    await renewals();
    const events = about(await delivered(), sub.id);
    expect(events.map(([t]) => t)).toEqual(['subscription.renewed']);
    expect(events[0]![1]).toMatchObject({
      subscription: { id: sub.id, status: 'active', currentPeriodStart: sub.currentPeriodEnd },
      transaction: { amount: -3_000, reference: sub.id },
    });
  });

  it('a renewal the wallet cannot cover: a notice email days before; at the end past due once (with an email), then expired', async () => {
    const { sub, email } = await subscriber(3_000);
    const end = Date.parse(sub.currentPeriodEnd);
    clock.advance(end - clock.now().getTime() - 2 * DAY);
    await renewals();
    await renewals();
    const [notice, ...noMore] = await mailsTo(email);
    expect(noMore).toEqual([]);
    const day = sub.currentPeriodEnd.slice(0, 10);
    expect(notice!.subject).toBe(`VPS small renews on ${day}: your wallet does not cover $30.00`);
    expect(notice!.text).toContain(
      `VPS small renews on ${day} for $30.00, and your wallet does not cover it yet.`,
    );
    expect(notice!.text).toContain('Available in your wallet: $0.00');
    expect(notice!.html).toContain('<th align="left">Renewal amount</th><td>$30.00</td>');
    expect(notice!.text).toContain('— Hostco');

    clock.advance(end - clock.now().getTime());
    await renewals();
    const pastDue = about(await delivered(), sub.id);
    expect(pastDue.map(([t, d]) => [t, d.subscription.status])).toEqual([
      ['subscription.past_due', 'past_due'],
    ]);
    const failedMail = (await mailsTo(email)).slice(1);
    expect(failedMail.map((m) => m.subject)).toEqual(['Renewal failed: VPS small ($30.00)']);
    expect(failedMail[0]!.text).toContain(
      `we try again on ${new Date(end + DAY).toISOString().slice(0, 10)}`,
    );
    expect(failedMail[0]!.text).toMatch(/Reason: .*insufficient|Reason: .*available/i);
    expect(failedMail[0]!.html).toContain('<th align="left">Available in your wallet</th><td>$0.00</td>');

    // Retried after 1, 3 and 5 days, still short: no second past_due, no second email; expired at 7.
    for (const d of [1, 3, 5, 7]) {
      clock.advance(end + d * DAY - clock.now().getTime());
      await renewals();
    }
    expect(about(await delivered(), sub.id).map(([t, d]) => [t, d.subscription.status])).toEqual([
      ['subscription.expired', 'expired'],
    ]);
    expect(await mailsTo(email)).toHaveLength(2);
  });

  it('cancelled: auto-renew off raises nothing until the period end, then subscription.cancelled', async () => {
    const { sub } = await subscriber(10_000);
    await post(`/v1/subscriptions/${sub.id}/cancel`);
    expect(about(await delivered(), sub.id)).toEqual([]);
    clock.advance(Date.parse(sub.currentPeriodEnd) - clock.now().getTime());
    await renewals();
    expect(
      about(await delivered(), sub.id).map(([t, d]) => [t, d.subscription.status, d.subscription.autoRenew]),
    ).toEqual([['subscription.cancelled', 'cancelled', false]]);
  });
});
