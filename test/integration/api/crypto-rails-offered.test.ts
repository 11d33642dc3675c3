import { afterEach, describe, expect, it } from 'vitest';
import {
  PUBLISHED_ACCOUNT_KEYS,
  PUBLISHED_TESTNET_BITCOIN_KEY,
} from '../../../src/server/gateways/crypto/published-keys.js';
import { call, key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { startPaymentsApi, type PaymentsApi } from '../../support/payments.js';
import { createTenant, expectRefusal, ok, type Tenant } from '../../support/tenants.js';

const CRYPTO_METHOD = {
  provider: 'crypto',
  enabled: true,
  label: 'Crypto',
  feeBasisPoints: 100,
  processingTime: '10-30 minutes',
};
/** The reseller's chain source: every network is observed (never reached, nothing is paid here). */
const CHAIN_URL = 'https://chain.example.com';
/** A live source the server is configured with; these tests never quote, so it is never asked. */
const LIVE_SOURCE = { baseUrl: 'https://rates.example.invalid', maxAgeMs: 600_000, refreshMs: 60_000 };

/**
 * Which coins a payer is offered (Top Up's options, a top-up link's page): those the reseller has an
 * account key for and a rate for in the wallet's currency. The crypto method itself is not offered
 * to a wallet it would offer no coin.
 */
describe.each(DIALECTS)('crypto rails offered on %s', (dialect) => {
  let api: PaymentsApi | undefined;
  afterEach(() => api?.close());

  async function shop(credentials: object, options: { liveSource: boolean } = { liveSource: false }) {
    api = await startPaymentsApi(dialect, {
      payments: options.liveSource ? { liveRates: LIVE_SOURCE } : {},
    });
    const t = await createTenant(api.app, 'Coins');
    await ok(
      call(api.app, 'PUT', '/v1/payment-settings/credentials/crypto', {
        token: t.admin,
        body: { credentials: { chainUrl: CHAIN_URL, ...credentials } },
      }),
    );
    await ok(
      call(api.app, 'PATCH', '/v1/payment-settings', { token: t.admin, body: { methods: [CRYPTO_METHOD] } }),
    );
    const euro = await ok(
      call(api.app, 'POST', `/v1/customers/${t.customerId}/wallets`, {
        token: t.admin,
        body: { currency: 'EUR' },
      }),
    );
    return { app: api.app, t, euroWalletId: euro.id as string };
  }

  const optionsOf = async (app: PaymentsApi['app'], t: Tenant, walletId: string) => {
    const options = await ok(
      call(app, 'GET', `/v1/wallets/${walletId}/top-up-options`, { token: t.customer }),
    );
    return {
      crypto: options.methods.some((m: { provider: string }) => m.provider === 'crypto'),
      rails: options.cryptoRails,
    };
  };

  it('a Bitcoin key and a USD rate for BTC: the USD wallet is offered Bitcoin only, the EUR wallet no crypto', async () => {
    const { app, t, euroWalletId } = await shop({
      xpubs: { bitcoin: PUBLISHED_ACCOUNT_KEYS.bitcoin },
      // A USDT rate without a Tron or Ethereum key offers no USDT.
      rates: { USD: { BTC: '50000', USDT: '1' } },
    });
    expect(await optionsOf(app, t, t.walletId)).toEqual({
      crypto: true,
      rails: [{ asset: 'BTC', network: 'bitcoin' }],
    });
    expect(await optionsOf(app, t, euroWalletId)).toEqual({ crypto: false, rails: [] });

    // A coin not offered is still refused on Pay, naming the field.
    const topUp = (walletId: string, asset: object, amount = 10_000, idempotency = key('crypto')) =>
      call(app, 'POST', `/v1/wallets/${walletId}/top-ups`, {
        token: t.customer,
        key: idempotency,
        body: { amount, provider: 'crypto', asset },
      });
    const noKey = key('crypto');
    const keyless = await topUp(t.walletId, { asset: 'USDT', network: 'tron' }, 10_000, noKey);
    expectRefusal(keyless, 422, 'method_unavailable', 'asset');
    expect(keyless.body.error.reason).toEqual({
      key: 'coin_no_account_key',
      values: { asset: 'USDT', network: 'tron' },
    });
    expectRefusal(
      await topUp(euroWalletId, { asset: 'BTC', network: 'bitcoin' }),
      400,
      'validation',
      'asset',
    );
    // A retry under the same key gets the same refusal, and still starts nothing.
    const again = await topUp(t.walletId, { asset: 'USDT', network: 'tron' }, 10_000, noKey);
    expectRefusal(again, 422, 'method_unavailable', 'asset');
    const paid = await ok(topUp(t.walletId, { asset: 'BTC', network: 'bitcoin' }));
    expect(paid.checkout).toMatchObject({ kind: 'crypto_qr', asset: 'BTC', network: 'bitcoin' });

    // Refused on Pay, the payer was offered nothing: no payment is left behind, cancelled or open,
    // for the customer or the reseller.
    for (const token of [t.customer, t.admin]) {
      const listed = await ok(call(app, 'GET', '/v1/payments', { token }));
      expect(listed.items.map((p: { id: string }) => p.id)).toEqual([paid.id]);
    }
  });

  it('every keyed network with fixed rates for each of its coins', async () => {
    const { app, t } = await shop({
      xpubs: PUBLISHED_ACCOUNT_KEYS,
      rates: { USD: { ETH: '2500', USDT: '1' } },
    });
    expect((await optionsOf(app, t, t.walletId)).rails).toEqual([
      { asset: 'ETH', network: 'ethereum' },
      { asset: 'USDT', network: 'ethereum' },
      { asset: 'USDT', network: 'tron' },
    ]);
  });

  it('live rates on: every keyed coin in any currency when the server has a live source', async () => {
    const { app, t, euroWalletId } = await shop(
      { xpubs: { tron: PUBLISHED_ACCOUNT_KEYS.tron }, liveRates: true },
      { liveSource: true },
    );
    expect(await optionsOf(app, t, euroWalletId)).toEqual({
      crypto: true,
      rails: [{ asset: 'USDT', network: 'tron' }],
    });
  });

  it('live rates on without a live source on the server: only the fixed rates are offered', async () => {
    const { app, t, euroWalletId } = await shop({
      xpubs: { tron: PUBLISHED_ACCOUNT_KEYS.tron },
      rates: { USD: { USDT: '1' } },
      liveRates: true,
    });
    expect(await optionsOf(app, t, t.walletId)).toEqual({
      crypto: true,
      rails: [{ asset: 'USDT', network: 'tron' }],
    });
    expect(await optionsOf(app, t, euroWalletId)).toEqual({ crypto: false, rails: [] });
  });

  it('no crypto credentials stored: crypto is not offered and no rail is', async () => {
    api = await startPaymentsApi(dialect);
    const t = await createTenant(api.app, 'Coinless');
    await ok(
      call(api.app, 'PATCH', '/v1/payment-settings', { token: t.admin, body: { methods: [CRYPTO_METHOD] } }),
    );
    expect(await optionsOf(api.app, t, t.walletId)).toEqual({ crypto: false, rails: [] });
  });

  describe("on a top-up link's page", () => {
    const BITCOIN_ONLY = {
      xpubs: { bitcoin: PUBLISHED_ACCOUNT_KEYS.bitcoin },
      rates: { USD: { BTC: '50000', USDT: '1' } },
    };
    const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();
    const linkPath = async (app: PaymentsApi['app'], t: Tenant, walletId: string, amount?: number) => {
      const link = await ok(
        call(app, 'POST', `/v1/customers/${t.customerId}/top-up-links`, {
          token: t.admin,
          body: { walletId, expiresAt: inAWeek(), ...(amount === undefined ? {} : { amount }) },
        }),
      );
      return new URL(link.url).pathname;
    };
    /** The radios of the payer's form: posted value and what the payer reads. */
    const radios = (html: string) =>
      [
        ...html.matchAll(/<label><input type="radio" name="method" value="([^"]+)"[^>]*> ([^<]+)<\/label>/g),
      ].map((m) => [m[1], m[2]]);

    it("offers only the coins the reseller takes, each with the method's fee and, for a fixed amount, the total", async () => {
      const { app, t, euroWalletId } = await shop(BITCOIN_ONLY);
      const page = await app.inject({ method: 'GET', url: await linkPath(app, t, t.walletId, 5_000) });
      expect(page.statusCode).toBe(200);
      // The sandbox is on (test mode) for every test tenant: it is offered too, with no fee.
      expect(radios(page.body)).toEqual([
        ['sandbox', 'Sandbox test card (TEST MODE — no real money) — No fee · Instant · total to pay $50.00'],
        ['crypto:BTC:bitcoin', 'Bitcoin (BTC) — 1% fee · 10-30 minutes · total to pay $50.50'],
      ]);

      // Vietnamese: the fee with its decimal comma, the total in the page's locale.
      await ok(
        call(app, 'PATCH', '/v1/payment-settings', {
          token: t.admin,
          body: { methods: [{ ...CRYPTO_METHOD, feeBasisPoints: 250 }] },
        }),
      );
      const open = await app.inject({ method: 'GET', url: `${await linkPath(app, t, t.walletId)}?lang=vi` });
      expect(radios(open.body)).toContainEqual([
        'crypto:BTC:bitcoin',
        'Bitcoin (BTC) — Phí 2,5% · 10-30 minutes',
      ]);

      // A euro wallet: no rate in euros, so no coin at all.
      const euro = await app.inject({ method: 'GET', url: await linkPath(app, t, euroWalletId) });
      expect(radios(euro.body).map(([value]) => value)).toEqual(['sandbox']);
    });

    it('refuses a coin it did not offer, telling the payer to choose an offered one, and starts nothing', async () => {
      const { app, t } = await shop(BITCOIN_ONLY);
      const path = await linkPath(app, t, t.walletId);
      const post = (method: string) =>
        app.inject({
          method: 'POST',
          url: path,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ method, amount: '50' }).toString(),
        });
      for (const method of ['crypto:USDT:tron', 'crypto:BTC:tron', 'crypto']) {
        const refused = await post(method);
        expect(refused.statusCode, method).toBe(422);
        expect(refused.body).toContain('<p role="alert">Choose one of the coins offered.</p>');
      }
      const payments = await ok(
        call(app, 'GET', `/v1/payments?walletId=${t.walletId}&provider=crypto`, { token: t.admin }),
      );
      expect(payments.items).toEqual([]);

      const started = await post('crypto:BTC:bitcoin');
      expect(started.statusCode).toBe(200);
      expect(started.body).toContain('<h1>Scan to pay</h1>');
      expect(started.body).toContain('<code>0.00101000</code>');
      // The network by the name the payer chose, under the names of who is paid.
      expect(started.body).toContain('<dt>Network</dt><dd><code>Bitcoin (BTC)</code></dd>');
      expect(started.body).toContain('<dt>Merchant</dt><dd>Coins</dd>');
      expect(started.body).toContain('<dt>Tops up the wallet of</dt><dd>Coins customer</dd>');
      const vi = await app.inject({
        method: 'POST',
        url: `${path}?lang=vi`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ method: 'crypto:BTC:bitcoin', amount: '50' }).toString(),
      });
      expect(vi.body).toContain('<dd>Coins customer</dd>');
    });
    it('a Bitcoin testnet rail says testnet: in Top Up options, on the radios, and beside the QR code', async () => {
      const { app, t } = await shop({
        xpubs: { bitcoin: PUBLISHED_TESTNET_BITCOIN_KEY },
        rates: { USD: { BTC: '50000' } },
        testnet: true,
      });
      expect((await optionsOf(app, t, t.walletId)).rails).toEqual([
        { asset: 'BTC', network: 'bitcoin', testnet: true },
      ]);
      const path = await linkPath(app, t, t.walletId);
      const page = await app.inject({ method: 'GET', url: path });
      expect(radios(page.body)).toContainEqual([
        'crypto:BTC:bitcoin',
        'Bitcoin testnet (test coins, no value) — 1% fee · 10-30 minutes',
      ]);
      const vi = await app.inject({ method: 'GET', url: `${path}?lang=vi` });
      expect(radios(vi.body).find(([value]) => value === 'crypto:BTC:bitcoin')?.[1]).toMatch(
        /^Bitcoin testnet \(tiền thử nghiệm, không có giá trị\) — /,
      );

      const started = await app.inject({
        method: 'POST',
        url: path,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ method: 'crypto:BTC:bitcoin', amount: '50' }).toString(),
      });
      expect(started.statusCode).toBe(200);
      expect(started.body).toContain('<code>Bitcoin testnet (test coins, no value)</code>');
      expect(started.body).toMatch(/<code>tb1[a-z0-9]+<\/code>/);
      // The desktop reads the same from the payment's checkout.
      const payments = await ok(
        call(app, 'GET', `/v1/payments?walletId=${t.walletId}&provider=crypto`, { token: t.admin }),
      );
      expect(payments.items[0].checkout).toMatchObject({
        kind: 'crypto_qr',
        network: 'bitcoin',
        testnet: true,
      });
    });

    it('an Ethereum test chain (Sepolia) says testnet: in Top Up options, on the radios, and beside the QR code', async () => {
      const { app, t } = await shop({
        xpubs: { ethereum: PUBLISHED_ACCOUNT_KEYS.ethereum },
        rates: { USD: { ETH: '2500' } },
        chainId: 11_155_111,
      });
      expect((await optionsOf(app, t, t.walletId)).rails).toEqual([
        { asset: 'ETH', network: 'ethereum', testnet: true },
      ]);
      const path = await linkPath(app, t, t.walletId);
      const page = await app.inject({ method: 'GET', url: path });
      expect(radios(page.body)).toContainEqual([
        'crypto:ETH:ethereum',
        'Ether on an Ethereum testnet (test coins, no value) — 1% fee · 10-30 minutes',
      ]);
      const vi = await app.inject({ method: 'GET', url: `${path}?lang=vi` });
      expect(radios(vi.body).find(([value]) => value === 'crypto:ETH:ethereum')?.[1]).toMatch(
        /^Ether trên mạng thử nghiệm Ethereum \(tiền thử nghiệm, không có giá trị\) — /,
      );

      const started = await app.inject({
        method: 'POST',
        url: path,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ method: 'crypto:ETH:ethereum', amount: '50' }).toString(),
      });
      expect(started.statusCode).toBe(200);
      expect(started.body).toContain('<code>Ether on an Ethereum testnet (test coins, no value)</code>');
      const payments = await ok(
        call(app, 'GET', `/v1/payments?walletId=${t.walletId}&provider=crypto`, { token: t.admin }),
      );
      expect(payments.items[0].checkout).toMatchObject({
        kind: 'crypto_qr',
        network: 'ethereum',
        testnet: true,
      });
    });

    it('USDT on an Ethereum test chain is offered only with that chain’s own contract, and refused naming usdtContract', async () => {
      const sepolia = {
        xpubs: { ethereum: PUBLISHED_ACCOUNT_KEYS.ethereum },
        rates: { USD: { ETH: '2500', USDT: '1' } },
        chainId: 11_155_111,
      };
      const { app, t } = await shop(sepolia);
      // Mainnet Tether's contract does not exist on Sepolia: USDT is not offered there.
      expect((await optionsOf(app, t, t.walletId)).rails).toEqual([
        { asset: 'ETH', network: 'ethereum', testnet: true },
      ]);
      const usdt = (idempotency = key('crypto')) =>
        call(app, 'POST', `/v1/wallets/${t.walletId}/top-ups`, {
          token: t.customer,
          key: idempotency,
          body: { amount: 10_000, provider: 'crypto', asset: { asset: 'USDT', network: 'ethereum' } },
        });
      const refused = await usdt();
      expectRefusal(refused, 422, 'method_unavailable', 'usdtContract');
      expect(refused.body.error.message).toContain('usdtContract');
      expect(refused.body.error.reason).toEqual({
        key: 'coin_test_chain_no_usdt',
        values: { asset: 'USDT', network: 'ethereum', chainId: 11_155_111 },
      });
      const none = await ok(call(app, 'GET', `/v1/payments?walletId=${t.walletId}`, { token: t.admin }));
      expect(none.items).toEqual([]);

      // The reseller gives the chain's own USDT contract: USDT is offered, as testnet, and paid there.
      const contract = '0x7169d38820dfd117c3fa1f22a697dba58d90ba06';
      await ok(
        call(app, 'PUT', '/v1/payment-settings/credentials/crypto', {
          token: t.admin,
          body: { credentials: { chainUrl: CHAIN_URL, ...sepolia, usdtContract: contract } },
        }),
      );
      expect((await optionsOf(app, t, t.walletId)).rails).toEqual([
        { asset: 'ETH', network: 'ethereum', testnet: true },
        { asset: 'USDT', network: 'ethereum', testnet: true },
      ]);
      const paid = await ok(usdt());
      expect(paid.checkout).toMatchObject({
        kind: 'crypto_qr',
        asset: 'USDT',
        network: 'ethereum',
        testnet: true,
      });
      expect(paid.checkout.qrPayload).toMatch(new RegExp(`^ethereum:${contract}@11155111/transfer\\?`));
    });
  });
});
