import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ORDER_JOBS } from '../../../src/server/jobs/order-jobs.js';
import { call, key, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { pressSandboxButton, startPaymentsApi } from '../../support/payments.js';
import { createTenant, manualClock, ok } from '../../support/tenants.js';

/**
 * Short at the period end with auto top-up switched on (and no default saved method): the renewal
 * charges the auto top-up's method by its configured amount, then renews; both attempts are visible.
 */
describe.each(DIALECTS)('a renewal short with auto top-up on %s', (dialect) => {
  let api: TestApi;
  const clock = manualClock('2030-05-01T08:00:00.000Z');
  beforeEach(async () => {
    api = await startPaymentsApi(dialect, { listen: true, clock: clock.now });
  });
  afterEach(() => api.close());

  /** A tenant whose admin has saved cards, an auto top-up and a monthly subscription to renew. */
  async function tenantSteps(name: string) {
    const t = await createTenant(api.app, name);
    const as = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) =>
      ok(call(api.app, method, url, { token: t.admin, ...(body === undefined ? {} : { body }), key: key() }));
    const payer = await as('POST', `/v1/customers/${t.customerId}/payers`, { name: 'Accounts' });
    /** A paid 10.00 sandbox top-up that saves its card; answers the saved method's id. */
    const saveCard = async (): Promise<string> => {
      const topUp = await as('POST', `/v1/wallets/${t.walletId}/top-ups`, {
        amount: 1_000,
        provider: 'sandbox',
        payerId: payer.id,
        saveMethod: true,
      });
      await pressSandboxButton(topUp.checkout.url, 'pay');
      await api.app.payments.settled();
      return topUp.savesMethodId as string;
    };
    // Threshold 0: the auto top-up job itself never becomes due; only the renewal asks it.
    const autoTopUpWith = (paymentMethodId: string) =>
      as('PUT', `/v1/wallets/${t.walletId}/auto-top-up`, {
        enabled: true,
        threshold: 0,
        amount: 100_000,
        paymentMethodId,
      });
    /** Orders a 600.00 monthly product and moves the clock to its period end; answers the subscription. */
    const subscribeAndReachPeriodEnd = async () => {
      const product = await as('POST', '/v1/products', {
        name: 'Dedicated',
        prices: { USD: 60_000 },
        period: 'month',
      });
      const placed = await as('POST', `/v1/customers/${t.customerId}/orders`, {
        productId: product.id,
        quantity: 1,
        currency: 'USD',
      });
      // Provisioned: nothing renews while its order is still provisioning.
      await as('POST', `/v1/orders/${placed.order.id}/fulfilment`, { provisioned: 1 });
      const sub = await as('GET', `/v1/subscriptions/${placed.order.subscriptionId}`);
      clock.advance(Date.parse(sub.currentPeriodEnd) - clock.now().getTime());
      return sub;
    };
    const available = async () => (await as('GET', `/v1/wallets/${t.walletId}`)).availableBalance as number;
    return { t, as, saveCard, autoTopUpWith, subscribeAndReachPeriodEnd, available };
  }

  it('tops up by the auto top-up amount with its method, then renews, under a manual clock', async () => {
    const { as, saveCard, autoTopUpWith, subscribeAndReachPeriodEnd, available } =
      await tenantSteps('Autoco');
    const card = await saveCard();
    await autoTopUpWith(card);
    const sub = await subscribeAndReachPeriodEnd();
    const before = await available();
    expect(60_000 - before).toBeGreaterThan(0);

    const report = await api.app.renewals.run();
    expect(report).toMatchObject({ paid: 1, pastDue: 0 });

    const after = await as('GET', `/v1/subscriptions/${sub.id}`);
    expect(after).toMatchObject({
      status: 'active',
      currentPeriodStart: sub.currentPeriodEnd,
      pendingPaymentId: null,
    });
    expect(after.attempts.map((a: any) => a.outcome).sort()).toEqual(['paid', 'top_up_started']);
    const started = after.attempts.find((a: any) => a.outcome === 'top_up_started');
    expect(started.detail).toContain('auto top-up');
    const topUp = await as('GET', `/v1/payments/${started.paymentId}`);
    expect(topUp).toMatchObject({ status: 'paid', amount: 100_000, savedMethodId: card });
    expect(await available()).toBe(before + 100_000 - 60_000);

    // Run again in the same instant: nothing more is charged or topped up.
    await api.app.orderJobs.runOnce(ORDER_JOBS.renewals);
    expect((await as('GET', `/v1/subscriptions/${sub.id}`)).attempts).toHaveLength(after.attempts.length);
    expect(await available()).toBe(before + 40_000);
  });

  it('its method removed, the renewal falls back on the default saved method, by the shortfall only', async () => {
    const { as, saveCard, autoTopUpWith, subscribeAndReachPeriodEnd, available } =
      await tenantSteps('Fallbackco');
    const autoCard = await saveCard();
    const defaultCard = await saveCard();
    await as('POST', `/v1/payment-methods/${defaultCard}/default`);
    await autoTopUpWith(autoCard);
    await as('DELETE', `/v1/payment-methods/${autoCard}`);
    const sub = await subscribeAndReachPeriodEnd();
    const shortfall = 60_000 - (await available());
    expect(shortfall).toBeGreaterThan(0);
    await api.app.orderJobs.runOnce(ORDER_JOBS.renewals);

    const after = await as('GET', `/v1/subscriptions/${sub.id}`);
    expect(after.status).toBe('active');
    const started = after.attempts.find((a: any) => a.outcome === 'top_up_started');
    expect(started.detail).toContain('the default saved method');
    const topUp = await as('GET', `/v1/payments/${started.paymentId}`);
    expect(topUp).toMatchObject({ status: 'paid', amount: shortfall, savedMethodId: defaultCard });
    expect(await available()).toBe(0);
  });

  it('an auto top-up already charging is waited for, not doubled; once it is paid the renewal charges', async () => {
    const { t, as, saveCard, autoTopUpWith, subscribeAndReachPeriodEnd } = await tenantSteps('Waitco');
    await autoTopUpWith(await saveCard());
    const sub = await subscribeAndReachPeriodEnd();
    // The auto top-up job has a charge open (a checkout not yet paid), as after a threshold crossing.
    const open = await as('POST', `/v1/wallets/${t.walletId}/top-ups`, {
      amount: 100_000,
      provider: 'sandbox',
    });
    await api.db.store.db
      .updateTable('wallet_auto_top_ups')
      .set({ state: 'pending', payment_id: open.id })
      .where('wallet_id', '=', t.walletId)
      .execute();
    await api.app.orderJobs.runOnce(ORDER_JOBS.renewals);
    const waiting = await as('GET', `/v1/subscriptions/${sub.id}`);
    expect(waiting).toMatchObject({ status: 'active', pendingPaymentId: open.id });
    expect(waiting.attempts.map((a: any) => [a.outcome, a.paymentId])).toEqual([['top_up_started', open.id]]);
    // No second charge was started beside the open one.
    const payments = await as('GET', `/v1/payments?walletId=${t.walletId}&limit=50`);
    expect(payments.items.map((p: any) => p.id)).toHaveLength(2);

    await pressSandboxButton(open.checkout.url, 'pay');
    await api.app.payments.settled();
    await api.app.orderJobs.runOnce(ORDER_JOBS.renewals);
    const after = await as('GET', `/v1/subscriptions/${sub.id}`);
    expect(after).toMatchObject({
      status: 'active',
      currentPeriodStart: sub.currentPeriodEnd,
      pendingPaymentId: null,
    });
    expect(after.attempts.map((a: any) => a.outcome).sort()).toEqual(['paid', 'top_up_started']);
  });
});
