import { afterEach, describe, expect, it } from 'vitest';
import { PUBLISHED_ACCOUNT_KEYS } from '../../../src/server/gateways/crypto/published-keys.js';
import { call, key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { paymentRows } from '../../support/payment-records.js';
import { startPaymentsApi, type PaymentsApi } from '../../support/payments.js';
import { createTenant, expectRefusal, ok } from '../../support/tenants.js';

const CRYPTO_METHOD = {
  provider: 'crypto',
  enabled: true,
  label: 'Crypto',
  feeBasisPoints: 100,
  processingTime: '10-30 minutes',
};

/**
 * Paying an invoice by crypto in a coin the provider refuses (here USDT on Tron, with no Tron account
 * key): the refusal is the answer, before any payment exists, as on the top-up routes. Nothing is
 * left behind for the payer to find, the invoice waits as it was, and a retry under the same
 * Idempotency-Key is answered the same.
 */
describe.each(DIALECTS)('an invoice paid in a refused coin on %s', (dialect) => {
  let api: PaymentsApi | undefined;
  afterEach(() => api?.close());

  it('leaves no payment and the invoice unchanged; a retry under the same key gets the same refusal', async () => {
    api = await startPaymentsApi(dialect);
    const { app } = api;
    const t = await createTenant(app, 'Invoicecoins');
    await ok(
      call(app, 'PUT', '/v1/payment-settings/credentials/crypto', {
        token: t.admin,
        body: {
          credentials: {
            chainUrl: 'https://chain.example.com',
            xpubs: { bitcoin: PUBLISHED_ACCOUNT_KEYS.bitcoin },
            rates: { USD: { BTC: '50000', USDT: '1' } },
          },
        },
      }),
    );
    await ok(
      call(app, 'PATCH', '/v1/payment-settings', { token: t.admin, body: { methods: [CRYPTO_METHOD] } }),
    );
    const draft = await ok(
      call(app, 'POST', `/v1/customers/${t.customerId}/invoices`, {
        token: t.admin,
        body: { currency: 'USD', lines: [{ description: 'Hosting', quantity: 1, unitAmount: 10_000 }] },
      }),
    );
    const open = await ok(
      call(app, 'POST', `/v1/invoices/${draft.id}/finalize`, { token: t.admin, key: key('fin') }),
    );
    expect(open).toMatchObject({ status: 'open', amountDue: 10_000, pendingPaymentId: null });

    const invoice = () => ok(call(app, 'GET', `/v1/invoices/${open.id}`, { token: t.customer }));
    const before = { invoice: await invoice(), rows: await paymentRows(api.db.store) };
    const payKey = key('pay');
    const pay = (asset: object, idempotency = payKey) =>
      call(app, 'POST', `/v1/invoices/${open.id}/payments`, {
        token: t.customer,
        key: idempotency,
        body: { provider: 'crypto', asset },
      });

    const refused = await pay({ asset: 'USDT', network: 'tron' });
    expectRefusal(refused, 422, 'method_unavailable', 'asset');
    expect(refused.body.error.message).toMatch(/not offered/);
    expect(await paymentRows(api.db.store)).toEqual(before.rows);
    expect(await invoice()).toEqual(before.invoice);

    const again = await pay({ asset: 'USDT', network: 'tron' });
    expect(again.status).toBe(422);
    expect(again.body).toEqual(refused.body);
    expect(await paymentRows(api.db.store)).toEqual(before.rows);
    expect(await invoice()).toEqual(before.invoice);
    for (const token of [t.customer, t.admin]) {
      const listed = await ok(call(app, 'GET', `/v1/payments?provider=crypto`, { token }));
      expect(listed.items).toEqual([]);
    }

    // An offered coin under a new key pays the same invoice: the refusal held nothing back.
    const paid = await ok(pay({ asset: 'BTC', network: 'bitcoin' }, key('pay')));
    expect(paid.checkout).toMatchObject({ kind: 'crypto_qr', asset: 'BTC', network: 'bitcoin' });
    expect(await invoice()).toMatchObject({ status: 'open', pendingPaymentId: paid.id });
  });
});
