import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { pressSandboxButton, startPaymentsApi, type PaymentsApi } from '../../support/payments.js';
import { createTenant, expectRefusal, manualClock, ok, type Tenant } from '../../support/tenants.js';

/**
 * GET /v1/wallets/:id/auto-top-up/attempts: the charges the auto top-up job made, as the console's
 * auto top-up panel lists them. The job runs by hand under a manual clock, charging the sandbox's
 * saved card. Amounts are minor units of USD.
 */
describe.each(DIALECTS)('auto top-up attempts on %s', (dialect) => {
  let api: PaymentsApi;
  let t: Tenant;
  let methodId: string;
  let clock: ReturnType<typeof manualClock>;

  beforeEach(async () => {
    clock = manualClock('2031-05-01T00:00:00.000Z');
    api = await startPaymentsApi(dialect, { listen: true, clock: clock.now });
    t = await createTenant(api.app, 'Attemptco');
    const payer = await ok(
      call(api.app, 'POST', `/v1/customers/${t.customerId}/payers`, { token: t.admin, body: { name: 'AP' } }),
    );
    const first = await ok(
      call(api.app, 'POST', `/v1/wallets/${t.walletId}/top-ups`, {
        token: t.admin,
        key: key(),
        body: { amount: 1_000, provider: 'sandbox', payerId: payer.id, saveMethod: true },
      }),
    );
    await pressSandboxButton(first.checkout.url, 'pay');
    await api.app.payments.settled();
    methodId = first.savesMethodId as string;
  });
  afterEach(() => api.close());

  const attempts = (token: string, query = '', walletId = t.walletId) =>
    call(api.app, 'GET', `/v1/wallets/${walletId}/auto-top-up/attempts${query}`, { token });

  /** Auto top-up of 5 000 set just under the balance, then a debit crosses it and the job charges. */
  async function chargeOnce(): Promise<void> {
    const wallet = await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}`, { token: t.admin }));
    await ok(
      call(api.app, 'PUT', `/v1/wallets/${t.walletId}/auto-top-up`, {
        token: t.admin,
        body: { enabled: true, threshold: wallet.availableBalance, amount: 5_000, paymentMethodId: methodId },
      }),
    );
    await ok(
      call(api.app, 'POST', `/v1/wallets/${t.walletId}/debits`, {
        token: t.admin,
        key: key('spend'),
        body: { amount: 100, description: 'usage' },
      }),
    );
    await api.app.autoTopUps.run();
  }

  /** An hour later, a debit of 5 000 takes the wallet under its threshold again; the job runs. */
  async function spendAnHourLater(): Promise<void> {
    clock.advance(60 * 60_000);
    await ok(
      call(api.app, 'POST', `/v1/wallets/${t.walletId}/debits`, {
        token: t.admin,
        key: key('spend'),
        body: { amount: 5_000, description: 'usage' },
      }),
    );
    await api.app.autoTopUps.run();
  }

  it('none yet: an empty list; a charge made: one paid attempt, its amount and payment', async () => {
    expect(await ok(attempts(t.admin))).toEqual({ items: [] });
    await chargeOnce();
    const { items } = await ok(attempts(t.admin));
    expect(items).toEqual([
      {
        id: expect.stringMatching(/^atu_/),
        walletId: t.walletId,
        paymentId: expect.any(String),
        amount: 5_000,
        currency: 'USD',
        status: 'paid',
        error: null,
        errorReason: null,
        waitingOn: null,
        createdAt: '2031-05-01T00:00:00.000Z',
        updatedAt: '2031-05-01T00:00:00.000Z',
      },
    ]);
    const payment = await ok(call(api.app, 'GET', `/v1/payments/${items[0].paymentId}`, { token: t.admin }));
    expect(payment).toMatchObject({ status: 'paid', amount: 5_000, walletId: t.walletId });
  });

  it('a charge refused before any payment is listed failed, without a payment, with the amount it would have charged and why: once per back-off step', async () => {
    // Up to a target 3 000 above the balance, then the reseller lowers its maximum top-up under
    // what the charge needs (a save outside the limits is refused, a later change is not).
    const start = (await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}`, { token: t.admin })))
      .availableBalance as number;
    await ok(
      call(api.app, 'PUT', `/v1/wallets/${t.walletId}/auto-top-up`, {
        token: t.admin,
        body: { enabled: true, threshold: start, targetBalance: start + 3_000, paymentMethodId: methodId },
      }),
    );
    await ok(
      call(api.app, 'PATCH', '/v1/payment-settings', {
        token: t.admin,
        body: { limits: [{ currency: 'USD', minAmount: 100, maxAmount: 1_000, presets: [] }] },
      }),
    );
    await ok(
      call(api.app, 'POST', `/v1/wallets/${t.walletId}/debits`, {
        token: t.admin,
        key: key('spend'),
        body: { amount: 100, description: 'usage' },
      }),
    );
    await api.app.autoTopUps.run();
    const state = await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}/auto-top-up`, { token: t.admin }));
    const limitReason = { key: 'top_up_limit', values: { min: 100, max: 1_000, currency: 'USD' } };
    const refusedAtStart = {
      id: expect.stringMatching(/^atu_/),
      walletId: t.walletId,
      paymentId: null,
      // What it would have charged: up to the target from 100 below the threshold.
      amount: 3_100,
      currency: 'USD',
      status: 'failed',
      // The same English and reason as the auto top-up's last error and the alert carry.
      error: state.lastError,
      errorReason: limitReason,
      waitingOn: null,
      createdAt: '2031-05-01T00:00:00.000Z',
      updatedAt: '2031-05-01T00:00:00.000Z',
    };
    expect(state.lastError).toMatch(/must be between/);
    expect(await ok(attempts(t.admin))).toEqual({ items: [refusedAtStart] });

    // Runs during the 15-minute back-off try nothing, and add nothing to the list.
    await api.app.autoTopUps.run();
    clock.advance(14 * 60_000);
    await api.app.autoTopUps.run();
    expect((await ok(attempts(t.admin))).items).toHaveLength(1);

    // The next step: the card was removed meanwhile (without the removal's own switch-off, as when
    // it lands between the job's read and its claim): refused again, with that reason, newest first.
    await api.db.store.db
      .updateTable('saved_methods')
      .set({ deleted_at: '2031-05-01T00:10:00.000Z' })
      .where('id', '=', methodId)
      .execute();
    clock.advance(60_000);
    await api.app.autoTopUps.run();
    const { items } = await ok(attempts(t.support));
    expect(items).toEqual([
      {
        ...refusedAtStart,
        error: 'the saved payment method was removed',
        errorReason: { key: 'saved_method_removed', values: {} },
        createdAt: '2031-05-01T00:15:00.000Z',
        updatedAt: '2031-05-01T00:15:00.000Z',
      },
      refusedAtStart,
    ]);
    // One attempt for each alert the refusals raised, and no payment made for either.
    const alerts = await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}/alerts`, { token: t.admin }));
    expect(alerts.items.map((a: any) => a.type)).toEqual([
      'wallet.auto_top_up_failed',
      'wallet.auto_top_up_failed',
    ]);
    const payments = await ok(
      call(api.app, 'GET', `/v1/payments?walletId=${t.walletId}&limit=100`, { token: t.admin }),
    );
    expect(payments.items).toHaveLength(1);
  });

  it('a try the daily cap stops is listed not charged, with the cap and when it tries again: once per stop, not on every job run', async () => {
    // Three charges of 5 000 paid today, each after a debit crossed the threshold again.
    await chargeOnce();
    for (let i = 0; i < 2; i++) {
      await spendAnHourLater();
    }
    expect((await ok(attempts(t.admin))).items.map((a: any) => a.status)).toEqual(['paid', 'paid', 'paid']);

    // A fourth crossing the same UTC day: the cap stops it before any payment.
    await spendAnHourLater();
    const state = await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}/auto-top-up`, { token: t.admin }));
    expect(state).toMatchObject({ state: 'due', attemptsToday: 3, consecutiveFailures: 0 });
    expect(state.nextAttemptAt).toBe('2031-05-02T00:00:00.000Z');
    const capped = {
      id: expect.stringMatching(/^atu_/),
      walletId: t.walletId,
      paymentId: null,
      amount: 5_000,
      currency: 'USD',
      status: 'failed',
      error:
        'auto top-up already tried 3 times this UTC day, the most it tries in a day; it tries again at 2031-05-02T00:00:00.000Z',
      errorReason: {
        key: 'auto_top_up_daily_cap',
        values: { cap: 3, nextAttemptAt: '2031-05-02T00:00:00.000Z' },
      },
      waitingOn: null,
      createdAt: '2031-05-01T03:00:00.000Z',
      updatedAt: '2031-05-01T03:00:00.000Z',
    };
    let items = (await ok(attempts(t.customer))).items;
    expect(items).toHaveLength(4);
    expect(items[0]).toEqual(capped);

    // Later runs the same day list it no more; no alert, no failure, no payment for it.
    for (let i = 0; i < 3; i++) {
      clock.advance(4 * 60 * 60_000);
      await api.app.autoTopUps.run();
    }
    items = (await ok(attempts(t.admin))).items;
    expect(items.map((a: any) => a.status)).toEqual(['failed', 'paid', 'paid', 'paid']);
    const alerts = await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}/alerts`, { token: t.admin }));
    expect(alerts.items.map((a: any) => a.type)).not.toContain('wallet.auto_top_up_failed');

    // The next UTC day it charges again, listed above the stop.
    clock.advance(9 * 60 * 60_000);
    expect(clock.iso()).toBe('2031-05-02T00:00:00.000Z');
    await api.app.autoTopUps.run();
    items = (await ok(attempts(t.admin))).items;
    expect(items.map((a: any) => [a.status, a.paymentId === null])).toEqual([
      ['paid', false],
      ['failed', true],
      ['paid', false],
      ['paid', false],
      ['paid', false],
    ]);
    expect(items[1]).toEqual(capped);
  });

  it('settings changed after a cap stop: the cap still holds that day, and the stop is not listed again', async () => {
    await chargeOnce();
    const threshold = (
      await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}/auto-top-up`, { token: t.admin }))
    ).threshold;
    for (let i = 0; i < 3; i++) {
      await spendAnHourLater();
    }
    expect((await ok(attempts(t.admin))).items.map((a: any) => a.status)).toEqual([
      'failed',
      'paid',
      'paid',
      'paid',
    ]);

    // The same day, the admin asks for larger top-ups; the job runs again.
    clock.advance(60 * 60_000);
    await ok(
      call(api.app, 'PUT', `/v1/wallets/${t.walletId}/auto-top-up`, {
        token: t.admin,
        body: { enabled: true, threshold, amount: 6_000, paymentMethodId: methodId },
      }),
    );
    const saved = await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}/auto-top-up`, { token: t.admin }));
    expect(saved).toMatchObject({ enabled: true, amount: 6_000, attemptsToday: 3 });
    expect(saved.nextAttemptAt).toBe('2031-05-02T00:00:00.000Z');
    await api.app.autoTopUps.run();
    expect((await ok(attempts(t.admin))).items.map((a: any) => a.status)).toEqual([
      'failed',
      'paid',
      'paid',
      'paid',
    ]);

    // The next UTC day it charges the new amount.
    clock.advance(24 * 60 * 60_000);
    await api.app.autoTopUps.run();
    const items = (await ok(attempts(t.admin))).items;
    expect(items.map((a: any) => [a.status, a.amount])).toEqual([
      ['paid', 6_000],
      ['failed', 5_000],
      ['paid', 5_000],
      ['paid', 5_000],
      ['paid', 5_000],
    ]);
  });

  it('a cap stop of a wallet topped up by hand meanwhile is not listed: it would have charged nothing', async () => {
    await chargeOnce();
    for (let i = 0; i < 3; i++) {
      await ok(
        call(api.app, 'POST', `/v1/wallets/${t.walletId}/debits`, {
          token: t.admin,
          key: key('spend'),
          body: { amount: 5_000, description: 'usage' },
        }),
      );
      if (i < 2) await api.app.autoTopUps.run();
    }
    // Due a fourth time, then credited above the threshold before the job runs.
    await ok(
      call(api.app, 'POST', `/v1/wallets/${t.walletId}/credits`, {
        token: t.admin,
        key: key(),
        body: { amount: 20_000, description: 'refill' },
      }),
    );
    await api.app.autoTopUps.run();
    expect((await ok(attempts(t.admin))).items.map((a: any) => a.status)).toEqual(['paid', 'paid', 'paid']);
  });

  it('support agents and the wallet’s customer read them; another customer, another tenant do not', async () => {
    await chargeOnce();
    for (const token of [t.admin, t.support, t.customer]) {
      expect((await ok(attempts(token))).items.map((a: any) => a.status)).toEqual(['paid']);
    }
    // The same reseller's other customer's wallet, read by this customer: not found.
    expectRefusal(await attempts(t.customer, '', t.otherWalletId), 404, 'not_found', 'id');
    const other = await createTenant(api.app, 'Elsewhere');
    for (const token of [other.admin, other.support, other.customer])
      expectRefusal(await attempts(token), 404, 'not_found', 'id');
  });

  it('bad input is refused 400 naming the field', async () => {
    for (const query of ['?limit=0', '?limit=201', '?limit=ten', '?order=asc']) {
      const reply = await attempts(t.admin, query);
      expectRefusal(reply, 400, 'validation', query === '?order=asc' ? 'order' : 'limit');
    }
    expectRefusal(await attempts(t.admin, '', 'x'.repeat(65)), 400, 'validation', 'id');
    expect((await ok(attempts(t.admin, '?limit=1'))).items).toEqual([]);
  });
});
