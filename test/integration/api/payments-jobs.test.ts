import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { startPaymentsApi, type PaymentsApi } from '../../support/payments.js';
import { createTenant, expectRefusal, manualClock, ok, type Tenant } from '../../support/tenants.js';

/** The payment jobs under a clock the test moves: no sleeping, each job run by hand. */
describe.each(DIALECTS)('payment jobs on %s', (dialect) => {
  let api: PaymentsApi;
  let t: Tenant;
  let clock: ReturnType<typeof manualClock>;

  beforeEach(async () => {
    clock = manualClock(new Date().toISOString());
    api = await startPaymentsApi(dialect, { clock: clock.now });
    t = await createTenant(api.app, 'Jobs');
  });
  afterEach(() => api.close());

  const markCheckout = (paymentId: string, status: 'paid' | 'failed') =>
    api.db.store.write((trx) =>
      trx
        .updateTable('sandbox_checkouts')
        // What pressing Pay with the 4242 test card leaves at the "provider" (see sandbox-checkout.ts).
        .set({ status, card_last4: '4242', method_token: 'sbpm_4242_0123456789abcdef' })
        .where('reference', '=', paymentId)
        .execute(),
    );
  const methods = async () =>
    (await ok(call(api.app, 'GET', `/v1/customers/${t.customerId}/payment-methods`, { token: t.admin })))
      .items;
  const saving = async () => {
    const payer = await ok(
      call(api.app, 'POST', `/v1/customers/${t.customerId}/payers`, { token: t.admin, body: { name: 'P' } }),
    );
    return ok(
      call(api.app, 'POST', `/v1/wallets/${t.walletId}/top-ups`, {
        token: t.admin,
        key: key(),
        body: { amount: 1_000, provider: 'sandbox', payerId: payer.id, saveMethod: true },
      }),
    );
  };

  it('a pending saved method is checked at the minute: paid → confirmed (and the top-up credited)', async () => {
    const p = await saving();
    await markCheckout(p.id, 'paid'); // paid at the provider; no webhook reached us
    clock.advance(30_000);
    await api.app.paymentJobs.runOnce('saved-methods');
    expect(await methods()).toMatchObject([{ id: p.savesMethodId, status: 'pending' }]);
    clock.advance(30_000);
    await api.app.paymentJobs.runOnce('saved-methods');
    expect(await methods()).toMatchObject([
      { id: p.savesMethodId, status: 'confirmed', label: 'Card •••• 4242' },
    ]);
    expect((await ok(call(api.app, 'GET', `/v1/payments/${p.id}`, { token: t.admin }))).status).toBe('paid');
  });

  it('a pending saved method whose payment was declined becomes failed at the minute', async () => {
    const p = await saving();
    await markCheckout(p.id, 'failed');
    clock.advance(60_000);
    await api.app.paymentJobs.runOnce('saved-methods');
    expect(await methods()).toMatchObject([{ id: p.savesMethodId, status: 'failed' }]);
    expect((await ok(call(api.app, 'GET', `/v1/payments/${p.id}`, { token: t.admin }))).status).toBe(
      'failed',
    );
  });

  it('expiry: after 30 minutes an unpaid payment is expired; one paid meanwhile is credited instead', async () => {
    const before = (await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}`, { token: t.admin }))).balance;
    const start = (amount: number) =>
      ok(
        call(api.app, 'POST', `/v1/wallets/${t.walletId}/top-ups`, {
          token: t.admin,
          key: key(),
          body: { amount, provider: 'sandbox' },
        }),
      );
    const unpaid = await start(1_000);
    const paidLate = await start(2_000);
    await markCheckout(paidLate.id, 'paid');
    clock.advance(29 * 60_000);
    await api.app.paymentJobs.runOnce('payment-expiry');
    expect((await ok(call(api.app, 'GET', `/v1/payments/${unpaid.id}`, { token: t.admin }))).status).toBe(
      'new',
    );
    clock.advance(60_000);
    await api.app.paymentJobs.runOnce('payment-expiry');
    expect(await ok(call(api.app, 'GET', `/v1/payments/${unpaid.id}`, { token: t.admin }))).toMatchObject({
      status: 'expired',
      failureCode: 'expired',
      failureReason: expect.stringMatching(/expired/),
    });
    expect((await ok(call(api.app, 'GET', `/v1/payments/${paidLate.id}`, { token: t.admin }))).status).toBe(
      'paid',
    );
    const after = (await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}`, { token: t.admin }))).balance;
    expect(after).toBe(before + 2_000);
    // Final is final: cancelling an expired payment is refused.
    expectRefusal(
      await call(api.app, 'POST', `/v1/payments/${unpaid.id}/cancel`, { token: t.admin }),
      422,
      'payment_not_open',
    );
  });
});

describe('credentials on PostgreSQL without CREDENTIALS_KEY', () => {
  it('are refused with a 422 naming the setting', async () => {
    const api = await startPaymentsApi('postgres', { payments: { credentialsKey: null } });
    try {
      const t = await createTenant(api.app, 'Keyless');
      expectRefusal(
        await call(api.app, 'PUT', '/v1/payment-settings/credentials/sandbox', {
          token: t.admin,
          body: { credentials: { webhookSecret: 'sbwhsec_0123456789abcdef' } },
        }),
        422,
        'credentials_key_missing',
        'CREDENTIALS_KEY',
      );
    } finally {
      await api.close();
    }
  });
});
