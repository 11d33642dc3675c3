import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { pressSandboxButton, startPaymentsApi, type PaymentsApi } from '../../support/payments.js';
import { createTenant, expectRefusal, manualClock, ok, type Tenant } from '../../support/tenants.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Auto top-up with the sandbox gateway's saved card, charged off-session by the leased job, which the
 * test runs by hand under a manual clock. Amounts are minor units of USD.
 */
describe.each(DIALECTS)('auto top-up with the sandbox on %s', (dialect) => {
  let api: PaymentsApi;
  let t: Tenant;
  let clock: ReturnType<typeof manualClock>;
  let methodId: string;

  beforeEach(async () => {
    // Midnight UTC: the back-off below stays within one day until the test moves to the next.
    clock = manualClock('2031-05-01T00:00:00.000Z');
    api = await startPaymentsApi(dialect, { listen: true, clock: clock.now });
    t = await createTenant(api.app, 'Refillco');
    methodId = await savedCard();
  });
  afterEach(() => api.close());

  /** A card saved the way a payer saves one: a top-up paid on the hosted page with "save" ticked. */
  async function savedCard(): Promise<string> {
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
    return first.savesMethodId as string;
  }
  const wallet = async () => ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}`, { token: t.admin }));
  const autoTopUp = async () =>
    ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}/auto-top-up`, { token: t.admin }));
  const setUp = (body: Record<string, unknown>, token = t.admin) =>
    call(api.app, 'PUT', `/v1/wallets/${t.walletId}/auto-top-up`, { token, body });
  const debit = (amount: number) =>
    call(api.app, 'POST', `/v1/wallets/${t.walletId}/debits`, {
      token: t.admin,
      key: key('spend'),
      body: { amount, description: 'usage' },
    });
  const autoPayments = async () =>
    (
      await ok(call(api.app, 'GET', `/v1/payments?walletId=${t.walletId}&limit=100`, { token: t.admin }))
    ).items.filter((p: any) => p.idempotencyKey === undefined && p.savedMethodId === methodId) as any[];
  const alertTypes = async () =>
    (await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}/alerts`, { token: t.admin }))).items.map(
      (a: any) => a.type,
    );

  it('a crossing starts one off-session charge of the saved card (fee on top); the next crossing, one more', async () => {
    // A 1 % fee on the sandbox method: charged on top, as for any top-up.
    const paymentSettings = await ok(call(api.app, 'GET', '/v1/payment-settings', { token: t.admin }));
    const { available: _, ...sandbox } = paymentSettings.methods.find((m: any) => m.provider === 'sandbox');
    await ok(
      call(api.app, 'PATCH', '/v1/payment-settings', {
        token: t.admin,
        body: { methods: [{ ...sandbox, feeBasisPoints: 100 }] },
      }),
    );
    const start = (await wallet()).availableBalance as number;
    const settings = await ok(
      setUp(
        { enabled: true, threshold: start - 1_000, amount: 20_000, paymentMethodId: methodId },
        t.customer,
      ),
    );
    expect(settings).toMatchObject({ enabled: true, state: 'idle', paymentMethodId: methodId });

    // Ten concurrent debits take it below the threshold: one crossing, one charge.
    const replies = await Promise.all(Array.from({ length: 10 }, () => debit(500)));
    expect(replies.every((r) => r.status === 201)).toBe(true);
    expect((await autoTopUp()).state).toBe('due');
    // The request path charged nothing: the job does.
    expect(await autoPayments()).toHaveLength(0);

    await api.app.autoTopUps.run();
    await api.app.autoTopUps.run();
    const charged = await autoPayments();
    expect(charged).toHaveLength(1);
    expect(charged[0]).toMatchObject({
      status: 'paid',
      amount: 20_000,
      fee: 200,
      totalAmount: 20_200,
      checkout: { kind: 'none' },
    });
    expect((await wallet()).availableBalance).toBe(start - 5_000 + 20_000);
    expect(await autoTopUp()).toMatchObject({ state: 'idle', consecutiveFailures: 0, attemptsToday: 1 });

    // Spend below again: a second crossing, a second charge.
    await ok(debit(17_000));
    await api.app.autoTopUps.run();
    expect(await autoPayments()).toHaveLength(2);
    expect((await wallet()).availableBalance).toBe(start - 5_000 + 20_000 - 17_000 + 20_000);

    // The event-lag monitor's gateway side: the card's first payment came with the sandbox's webhook;
    // the off-session charges were confirmed by the charge itself, so none counts as "polling only".
    const activity = await ok(call(api.app, 'GET', '/v1/gateway-activity', { token: t.support }));
    expect(activity).toEqual({
      providers: [{ provider: 'sandbox', lastWebhookAt: expect.any(String) }],
      pollingOnly: [],
    });
  });

  it('up to a target balance: the charge is the difference at charge time', async () => {
    const start = (await wallet()).availableBalance as number;
    await ok(
      setUp({
        enabled: true,
        threshold: start - 1_000,
        targetBalance: start + 10_000,
        paymentMethodId: methodId,
      }),
    );
    await ok(debit(3_000));
    await api.app.autoTopUps.run();
    const [charge] = await autoPayments();
    expect(charge).toMatchObject({ status: 'paid', amount: 13_000 });
    expect((await wallet()).availableBalance).toBe(start + 10_000);
  });

  it("up to a target a few cents away: the charge is the reseller's smallest top-up, not a refused one", async () => {
    const start = (await wallet()).availableBalance as number;
    // The target 0.10 above the threshold: a crossing leaves it less than the smallest top-up (0.50) away.
    await ok(
      setUp({
        enabled: true,
        threshold: start - 1_000,
        targetBalance: start - 990,
        paymentMethodId: methodId,
      }),
    );
    await ok(debit(1_001));
    await api.app.autoTopUps.run();
    const [charge] = await autoPayments();
    expect(charge).toMatchObject({ status: 'paid', amount: 50 });
    expect((await wallet()).availableBalance).toBe(start - 1_001 + 50);
    expect(await autoTopUp()).toMatchObject({ state: 'idle', consecutiveFailures: 0, lastError: null });
  });

  it('never a second charge while one is pending: concurrent job runs charge one crossing once', async () => {
    const start = (await wallet()).availableBalance as number;
    await ok(setUp({ enabled: true, threshold: start, amount: 5_000, paymentMethodId: methodId }));
    await ok(debit(100));
    // Five runs at once in this process share the lease holder: the claim itself must hold.
    await Promise.all(Array.from({ length: 5 }, () => api.app.autoTopUps.run()));
    expect(await autoPayments()).toHaveLength(1);
    const attempts = await api.db.store.db
      .selectFrom('auto_top_up_attempts')
      .select(['status'])
      .where('wallet_id', '=', t.walletId)
      .execute();
    expect(attempts.map((a) => a.status)).toEqual(['paid']);
  });

  it('failures back off 15 min, 1 h, 6 h; 3 charges a day; off after 4 in a row, with the reason; on again resets', async () => {
    // Limits apply as for any top-up: a maximum the reseller lowered below the auto amount after it
    // was saved (a save outside them is refused) refuses every charge.
    const start = (await wallet()).availableBalance as number;
    await ok(setUp({ enabled: true, threshold: start, amount: 5_000, paymentMethodId: methodId }));
    await ok(
      call(api.app, 'PATCH', '/v1/payment-settings', {
        token: t.admin,
        body: { limits: [{ currency: 'USD', minAmount: 100, maxAmount: 1_000, presets: [] }] },
      }),
    );
    await ok(debit(100));

    await api.app.autoTopUps.run();
    let state = await autoTopUp();
    expect(state).toMatchObject({ state: 'due', consecutiveFailures: 1, attemptsToday: 1, enabled: true });
    expect(state.nextAttemptAt).toBe('2031-05-01T00:15:00.000Z');
    expect(state.lastError).toMatch(/must be between/);
    // Why, as data beside the English, for the console and the emails to word in their language.
    const limitReason = { key: 'top_up_limit', values: { min: 100, max: 1_000, currency: 'USD' } };
    expect(state.lastErrorReason).toEqual(limitReason);
    expect(await alertTypes()).toEqual(['wallet.auto_top_up_failed']);
    // Its particulars as data, for the console to word in its language and locale.
    const alerts = async () =>
      (await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}/alerts`, { token: t.admin }))).items;
    expect((await alerts())[0].autoTopUp).toEqual({
      amount: 5_000,
      upTo: false,
      error: state.lastError,
      errorReason: limitReason,
      nextAttemptAt: '2031-05-01T00:15:00.000Z',
      failures: 1,
      switchedOff: false,
    });

    // Not yet due: nothing happens.
    clock.advance(14 * MINUTE);
    await api.app.autoTopUps.run();
    expect((await autoTopUp()).consecutiveFailures).toBe(1);

    clock.advance(1 * MINUTE);
    await api.app.autoTopUps.run();
    state = await autoTopUp();
    expect(state).toMatchObject({ consecutiveFailures: 2, attemptsToday: 2 });
    expect(state.nextAttemptAt).toBe('2031-05-01T01:15:00.000Z');

    clock.advance(HOUR);
    await api.app.autoTopUps.run();
    state = await autoTopUp();
    expect(state).toMatchObject({ consecutiveFailures: 3, attemptsToday: 3 });
    expect(state.nextAttemptAt).toBe('2031-05-01T07:15:00.000Z');

    // The daily cap: the fourth try of the day waits for the next UTC day.
    clock.advance(6 * HOUR);
    await api.app.autoTopUps.run();
    state = await autoTopUp();
    expect(state).toMatchObject({ consecutiveFailures: 3, attemptsToday: 3, enabled: true });
    expect(state.nextAttemptAt).toBe('2031-05-02T00:00:00.000Z');

    clock.advance(17 * HOUR);
    await api.app.autoTopUps.run();
    state = await autoTopUp();
    expect(state).toMatchObject({ enabled: false, state: 'idle', consecutiveFailures: 4 });
    expect(state.disabledReason).toMatch(/^Switched off after 4 failed charges in a row/);
    // Its kind beside the English, for the console to word in its language.
    expect(state.disabledWhy).toBe('failures');
    expect(await alertTypes()).toHaveLength(4);
    expect((await alerts())[0].autoTopUp).toMatchObject({
      nextAttemptAt: null,
      failures: 4,
      switchedOff: true,
    });
    const events = await api.db.store.db
      .selectFrom('webhook_events')
      .select('type')
      .where('type', '=', 'wallet.auto_top_up_failed')
      .execute();
    expect(events).toHaveLength(4);

    // Off: a further crossing charges nothing. Switched on again: a fresh start.
    await ok(debit(100));
    await api.app.autoTopUps.run();
    expect(await autoPayments()).toHaveLength(0);
    const again = await ok(
      setUp({ enabled: true, threshold: start, amount: 500, paymentMethodId: methodId }),
    );
    expect(again).toMatchObject({
      enabled: true,
      consecutiveFailures: 0,
      disabledReason: null,
      state: 'due',
    });
    await api.app.autoTopUps.run();
    expect(await autoPayments()).toHaveLength(1);
  });

  it('a wallet topped up by hand during the back-off: the try finds nothing to charge, and no next try is announced', async () => {
    // The reseller lowered the maximum below the saved auto amount: the first charge is refused.
    const start = (await wallet()).availableBalance as number;
    await ok(setUp({ enabled: true, threshold: start, amount: 5_000, paymentMethodId: methodId }));
    await ok(
      call(api.app, 'PATCH', '/v1/payment-settings', {
        token: t.admin,
        body: { limits: [{ currency: 'USD', minAmount: 100, maxAmount: 1_000, presets: [] }] },
      }),
    );
    await ok(debit(100));
    await api.app.autoTopUps.run();
    expect(await autoTopUp()).toMatchObject({ state: 'due', nextAttemptAt: '2031-05-01T00:15:00.000Z' });

    await ok(
      call(api.app, 'POST', `/v1/wallets/${t.walletId}/credits`, {
        token: t.admin,
        key: key(),
        body: { amount: 1_000, description: 'paid at the counter' },
      }),
    );
    clock.advance(15 * MINUTE);
    await api.app.autoTopUps.run();
    const state = await autoTopUp();
    expect(state).toMatchObject({ state: 'idle', enabled: true, nextAttemptAt: null });
    expect(await autoPayments()).toHaveLength(0);
  });

  it('removing the card it charges switches auto top-up off at once, saying why: a crossing then charges nothing and reports no failure', async () => {
    const start = (await wallet()).availableBalance as number;
    await ok(setUp({ enabled: true, threshold: start - 1_000, amount: 5_000, paymentMethodId: methodId }));
    await ok(call(api.app, 'DELETE', `/v1/payment-methods/${methodId}`, { token: t.customer }));

    const off = await autoTopUp();
    expect(off).toMatchObject({ enabled: false, state: 'idle', consecutiveFailures: 0 });
    expect(off.disabledReason).toMatch(/card .*removed/);
    expect(off.disabledWhy).toBe('method_removed');

    await ok(debit(2_000));
    await api.app.autoTopUps.run();
    expect(await autoTopUp()).toMatchObject({ enabled: false, state: 'idle', consecutiveFailures: 0 });
    expect(await autoPayments()).toHaveLength(0);
    expect(await alertTypes()).toEqual([]);
  });

  it("an amount outside the reseller's top-up limits is refused at save, naming the field and the limits; nothing is saved", async () => {
    await ok(
      call(api.app, 'PATCH', '/v1/payment-settings', {
        token: t.admin,
        body: { limits: [{ currency: 'USD', minAmount: 100, maxAmount: 1_000, presets: [] }] },
      }),
    );
    const limits = { key: 'top_up_limit', values: { min: 100, max: 1_000, currency: 'USD' } };
    const base = { enabled: true, threshold: 500, paymentMethodId: methodId };
    // A fixed amount above the maximum, below the minimum; a target whose charge from empty exceeds it.
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, amount: 5_000 }, 'amount'],
      [{ ...base, amount: 50 }, 'amount'],
      [{ ...base, targetBalance: 5_000 }, 'targetBalance'],
    ];
    for (const [body, field] of cases) {
      const reply = await setUp(body, t.customer);
      expectRefusal(reply, 422, 'top_up_limit', field);
      expect(reply.body.error.message).toMatch(/\$1\.00 and \$10\.00/);
      expect(reply.body.error.reason).toEqual(limits);
    }
    expect(await autoTopUp()).toMatchObject({ enabled: false, amount: null, targetBalance: null });
    // Within the limits: saved.
    expect(await ok(setUp({ ...base, amount: 1_000 }, t.customer))).toMatchObject({
      enabled: true,
      amount: 1_000,
    });
    expect(await ok(setUp({ ...base, targetBalance: 1_000 }, t.customer))).toMatchObject({
      targetBalance: 1_000,
    });
  });

  it('bad input names the field; a method of another customer or not confirmed is refused; roles', async () => {
    const base = { enabled: true, threshold: 1_000, amount: 5_000, paymentMethodId: methodId };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, threshold: -1 }, 'threshold'],
      [{ ...base, targetBalance: 9_000 }, 'amount'],
      [{ enabled: true, threshold: 1_000, paymentMethodId: methodId }, 'amount'],
      [{ enabled: true, threshold: 1_000, targetBalance: 1_000, paymentMethodId: methodId }, 'targetBalance'],
      [{ ...base, amount: 0 }, 'amount'],
      [{ ...base, enabled: 'yes' }, 'enabled'],
      [{ ...base, paymentMethodId: undefined }, 'paymentMethodId'],
    ];
    for (const [body, field] of cases) expectRefusal(await setUp(body), 400, 'validation', field);
    expectRefusal(
      await setUp({ ...base, paymentMethodId: 'pmt_nothere' }),
      404,
      'not_found',
      'paymentMethodId',
    );
    // The other customer's wallet cannot use this customer's card.
    expectRefusal(
      await call(api.app, 'PUT', `/v1/wallets/${t.otherWalletId}/auto-top-up`, {
        token: t.admin,
        body: base,
      }),
      404,
      'not_found',
      'paymentMethodId',
    );
    expectRefusal(
      await call(api.app, 'PUT', `/v1/wallets/${t.otherWalletId}/auto-top-up`, {
        token: t.customer,
        body: base,
      }),
      404,
      'not_found',
      'id',
    );
    expectRefusal(await setUp(base, t.support), 403, 'forbidden');
    expect((await autoTopUp()).enabled).toBe(false);
  });
});
