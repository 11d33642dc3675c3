import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseBip21, parseEip681 } from '../../../src/server/gateways/crypto/payment-uri.js';
import { call, key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import {
  mineBlocks,
  sendCoins,
  startSimulatedChainServer,
  type SimulatedChainServer,
} from '../../support/emulators/crypto-chain.js';
import { startPaymentsApi, type PaymentsApi } from '../../support/payments.js';
import { createTenant, expectRefusal, ok, type Tenant } from '../../support/tenants.js';

const SECRET = 'crypto-address-secret-do-not-echo-0123';
const CREDENTIALS = {
  addressSecret: SECRET,
  // Exact quotes: 100.00 USD = 0.00200000 BTC = 0.04 ETH = 100 USDT.
  rates: { USD: { BTC: '50000', ETH: '2500', USDT: '1' } },
  requiredConfirmations: { BTC: 2 },
  quoteMinutes: 30,
  testnet: false,
};
const CRYPTO_METHOD = {
  provider: 'crypto',
  enabled: true,
  label: 'Crypto (BTC, ETH, USDT)',
  // No fee, so the quotes above are what the payer is asked (the fee on top: payments-gateway-crypto).
  feeBasisPoints: 0,
  processingTime: '10-30 minutes',
};
const HOUR = 3_600_000;

/**
 * A crypto reseller configured purely through HTTP (credentials with a nested rate table), whose
 * top-ups show a crypto QR code, and whose API hears of chain activity at once: its events job
 * runs only once an hour here, so only the chain's own notice can move a payment along.
 */
describe.each(DIALECTS)('crypto configured through the API on %s', (dialect) => {
  let chain: SimulatedChainServer;
  let api: PaymentsApi;
  let t: Tenant;

  beforeEach(async () => {
    chain = await startSimulatedChainServer();
    api = await startPaymentsApi(dialect, {
      payments: {
        apiBaseUrls: { crypto: chain.url },
        jobs: true,
        jobEveryMs: { events: HOUR, expiry: HOUR, savedMethods: HOUR },
      },
    });
    t = await createTenant(api.app, 'Coins');
  });
  afterEach(async () => {
    await api.close();
    await chain.close();
  });

  const putCredentials = (credentials: unknown, token = t.admin) =>
    call(api.app, 'PUT', '/v1/payment-settings/credentials/crypto', { token, body: { credentials } });
  const configure = async () => {
    const stored = await putCredentials(CREDENTIALS);
    expect(stored.status).toBe(200);
    expect(stored.body).toEqual({ provider: 'crypto', configured: true });
    await ok(
      call(api.app, 'PATCH', '/v1/payment-settings', { token: t.admin, body: { methods: [CRYPTO_METHOD] } }),
    );
  };
  const topUp = async (amount: number, asset: { asset: string; network: string }) =>
    ok(
      call(api.app, 'POST', `/v1/wallets/${t.walletId}/top-ups`, {
        token: t.admin,
        key: key('crypto'),
        body: { amount, provider: 'crypto', asset },
      }),
    );
  const payment = async (id: string) => ok(call(api.app, 'GET', `/v1/payments/${id}`, { token: t.admin }));
  const balance = async () =>
    (await ok(call(api.app, 'GET', `/v1/wallets/${t.walletId}`, { token: t.admin }))).balance as number;

  it('nested rates are accepted and never echoed; BTC, ETH and USDT top-ups show their payment QR', async () => {
    await configure();
    const settings = await ok(call(api.app, 'GET', '/v1/payment-settings', { token: t.admin }));
    expect(settings.credentialsConfigured).toContain('crypto');
    expect(JSON.stringify(settings)).not.toContain(SECRET);
    const options = await ok(
      call(api.app, 'GET', `/v1/wallets/${t.walletId}/top-up-options`, { token: t.customer }),
    );
    expect(options.methods.map((m: { provider: string }) => m.provider)).toContain('crypto');

    const btc = await topUp(10_000, { asset: 'BTC', network: 'bitcoin' });
    expect(btc.checkout).toMatchObject({ kind: 'crypto_qr', asset: 'BTC', amount: '0.00200000' });
    expect(btc.checkout.requiredConfirmations).toBe(2);
    expect(parseBip21(btc.checkout.qrPayload)).toEqual({
      address: btc.checkout.address,
      amount: 200_000n,
    });

    const eth = await topUp(10_000, { asset: 'ETH', network: 'ethereum' });
    expect(parseEip681(eth.checkout.qrPayload)).toEqual({
      kind: 'ether',
      address: eth.checkout.address,
      chainId: 1,
      value: 40_000_000_000_000_000n,
    });
    const usdt = await topUp(10_000, { asset: 'USDT', network: 'tron' });
    expect(usdt.checkout).toMatchObject({ amount: '100.000000', qrPayload: usdt.checkout.address });
    for (const p of [btc, eth, usdt]) expect(JSON.stringify(p)).not.toContain(SECRET);
  });

  it('bad credentials: a 400 naming the field, never quoting the value, and nothing stored', async () => {
    const cases: Array<[unknown, string]> = [
      [{ ...CREDENTIALS, rates: { USD: { BTC: 50_000 } } }, 'credentials.rates.USD.BTC'],
      [{ ...CREDENTIALS, rates: { USD: { BTC: '-5' } } }, 'credentials.rates.USD.BTC'],
      [{ ...CREDENTIALS, rates: { USD: { DOGE: '0.1' } } }, 'credentials.rates.USD.DOGE'],
      [{ ...CREDENTIALS, requiredConfirmations: { BTC: 1.5 } }, 'credentials.requiredConfirmations.BTC'],
      [{ ...CREDENTIALS, addressSecret: 'short-secret' }, 'credentials.addressSecret'],
      [{ ...CREDENTIALS, color: 'blue' }, 'credentials.color'],
      // The bounds every provider's document keeps, whatever its own schema says.
      [{ ...CREDENTIALS, a: { b: { c: { d: { e: { f: 'deep' } } } } } }, 'credentials.a.b.c.d.e'],
      [{ ...CREDENTIALS, addressSecret: 'x'.repeat(4097) }, 'credentials.addressSecret'],
      [{ ...CREDENTIALS, list: Array.from({ length: 300 }, (_, i) => i) }, 'credentials.list'],
      [{ ...CREDENTIALS, ['k'.repeat(65)]: 'v' }, 'credentials'],
      [['not', 'an', 'object'], 'credentials'],
      ['a string', 'credentials'],
    ];
    for (const [credentials, field] of cases) {
      const reply = await putCredentials(credentials);
      expectRefusal(reply, 400, 'validation', field);
      expect(reply.body.error.message).toMatch(new RegExp(`^${field.replaceAll('.', '\\.')}: `));
      expect(reply.body.error.message).not.toContain('short-secret');
      expect(reply.body.error.message).not.toContain('50000');
    }
    // Brackets nested as deep as the body limit allows: refused by the bound, not by a stack overflow.
    const deep = `{"credentials":${'['.repeat(30_000)}${']'.repeat(30_000)}}`;
    expectRefusal(
      await call(api.app, 'PUT', '/v1/payment-settings/credentials/crypto', {
        token: t.admin,
        rawBody: deep,
      }),
      400,
      'validation',
      'credentials',
    );
    expectRefusal(await putCredentials(CREDENTIALS, t.support), 403, 'forbidden');
    const settings = await ok(call(api.app, 'GET', '/v1/payment-settings', { token: t.admin }));
    expect(settings.credentialsConfigured).not.toContain('crypto');
  });

  it('paid in two parts: the remainder and its QR are shown, then it is credited once — each step heard from the chain, not a tick', async () => {
    await configure();
    const before = await balance();
    const p = await topUp(10_000, { asset: 'BTC', network: 'bitcoin' });
    const { address } = p.checkout;

    await sendCoins(chain.url, address, '0.00050000');
    await mineBlocks(chain.url, 2);
    const underpaid = await vi.waitFor(
      async () => {
        const now = await payment(p.id);
        if (!now.underpaid) throw new Error(`not underpaid yet: ${now.status}`);
        return now;
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(underpaid).toMatchObject({
      status: 'processing',
      checkout: { kind: 'crypto_qr', address, amount: '0.00150000', received: '0.00050000' },
    });
    expect(parseBip21(underpaid.checkout.qrPayload)).toEqual({ address, amount: 150_000n });
    expect(await balance()).toBe(before);

    await sendCoins(chain.url, address, '0.00150000');
    await mineBlocks(chain.url, 2);
    const paid = await vi.waitFor(
      async () => {
        const now = await payment(p.id);
        if (now.status !== 'paid') throw new Error(`not paid yet: ${now.status}`);
        return now;
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(paid).toMatchObject({ underpaid: false, overpaid: false, transactionId: expect.any(String) });
    expect(await balance()).toBe(before + 10_000);
    // More blocks: more kicks, no second credit.
    await mineBlocks(chain.url, 3);
    await api.app.paymentJobs.runOnce('gateway-events');
    expect(await balance()).toBe(before + 10_000);
  });
});
