import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseBip21, parseEip681 } from '../../../src/server/gateways/crypto/payment-uri.js';
import { call, key } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import {
  PUBLISHED_ACCOUNT_KEYS,
  PUBLISHED_TESTNET_BITCOIN_KEY,
  publishedAddress,
  mineBlocks,
  sendCoins,
  startSimulatedChainServer,
  type SimulatedChainServer,
} from '../../support/emulators/crypto-chain.js';
import { startPaymentsApi, type PaymentsApi } from '../../support/payments.js';
import { createTenant, expectRefusal, ok, type Tenant } from '../../support/tenants.js';

// Public, but like every stored credential never echoed: the console's form is write-only.
const ZPUB = PUBLISHED_ACCOUNT_KEYS.bitcoin;
const CREDENTIALS = {
  xpubs: PUBLISHED_ACCOUNT_KEYS,
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

  it('account keys and nested rates are accepted and never echoed; BTC, ETH and USDT top-ups show the account keys’ first addresses', async () => {
    await configure();
    const settings = await ok(call(api.app, 'GET', '/v1/payment-settings', { token: t.admin }));
    expect(settings.credentialsConfigured).toContain('crypto');
    expect(JSON.stringify(settings)).not.toContain(ZPUB);
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
    for (const p of [btc, eth, usdt]) expect(JSON.stringify(p)).not.toContain(ZPUB);
    // Index 0 of each network: the published BIP-84 / BIP-44 vectors. ETH and USDT on Ethereum
    // share the network's counter, so USDT (ERC-20) would get index 1 there.
    expect(btc.checkout.address).toBe('bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu');
    expect(eth.checkout.address).toBe('0x9858EfFD232B4033E47d90003D41EC34EcaEda94');
    expect(usdt.checkout.address).toBe('TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH');
    const erc20 = await topUp(10_000, { asset: 'USDT', network: 'ethereum' });
    expect(erc20.checkout.address).toBe(publishedAddress('ethereum', 1));
  });

  it('concurrent top-ups each get their own index and address; a replayed one keeps its address', async () => {
    await configure();
    const BTC = { asset: 'BTC', network: 'bitcoin' };
    const keys = Array.from({ length: 12 }, (_, i) => key(`concurrent-${i}`));
    const open = (idempotencyKey: string) =>
      ok(
        call(api.app, 'POST', `/v1/wallets/${t.walletId}/top-ups`, {
          token: t.admin,
          key: idempotencyKey,
          body: { amount: 10_000, provider: 'crypto', asset: BTC },
        }),
      );
    const payments = await Promise.all(keys.map(open));
    const addresses = payments.map((p) => p.checkout.address as string);
    expect(new Set(addresses).size).toBe(keys.length);
    // Exactly the first twelve receiving addresses: no index skipped, none shared.
    const expected = Array.from({ length: keys.length }, (_, i) => publishedAddress('bitcoin', i));
    expect([...addresses].sort()).toEqual([...expected].sort());
    const stored = await api.db.store.db
      .selectFrom('payments')
      .select(['id', 'address_index'])
      .where('reseller_id', '=', t.resellerId)
      .execute();
    const indexOf = new Map(stored.map((row) => [row.id, row.address_index]));
    for (const p of payments) {
      expect(p.checkout.address).toBe(publishedAddress('bitcoin', Number(indexOf.get(p.id))));
    }
    // The same request again (a client retrying after a lost answer): the same payment, same address.
    const again = await open(keys[3]!);
    expect(again.id).toBe(payments[3].id);
    expect(again.checkout.address).toBe(payments[3].checkout.address);
    // The next new payment continues after them.
    expect((await open(key('after'))).checkout.address).toBe(publishedAddress('bitcoin', keys.length));
  });

  it('another reseller counts its own indexes from 0 on its own keys', async () => {
    await configure();
    await topUp(10_000, { asset: 'BTC', network: 'bitcoin' });
    const other = await createTenant(api.app, 'Others');
    const testnetKeys = { bitcoin: PUBLISHED_TESTNET_BITCOIN_KEY };
    await ok(
      call(api.app, 'PUT', '/v1/payment-settings/credentials/crypto', {
        token: other.admin,
        body: { credentials: { ...CREDENTIALS, xpubs: testnetKeys, testnet: true } },
      }),
    );
    await ok(
      call(api.app, 'PATCH', '/v1/payment-settings', {
        token: other.admin,
        body: { methods: [CRYPTO_METHOD] },
      }),
    );
    const theirs = await ok(
      call(api.app, 'POST', `/v1/wallets/${other.walletId}/top-ups`, {
        token: other.admin,
        key: key('other'),
        body: { amount: 10_000, provider: 'crypto', asset: { asset: 'BTC', network: 'bitcoin' } },
      }),
    );
    const [row] = await api.db.store.db
      .selectFrom('payments')
      .select('address_index')
      .where('id', '=', theirs.id)
      .execute();
    expect(row?.address_index).toBe(0);
    expect(theirs.checkout.address).toMatch(/^tb1q/);
  });

  it('an account key another reseller holds is refused, in whatever serialisation; its holder may save it again', async () => {
    await configure();
    const other = await createTenant(api.app, 'Copycat');
    // The same BIP-84 account as an xpub instead of a zpub (BIP-84's own "xpub" line).
    const sameAccountAsXpub =
      'xpub6CatWdiZiodmUeTDp8LT5or8nmbKNcuyvz7WyksVFkKB4RHwCD3XyuvPEbvqAQY3rAPshWcMLoP2fMFMKHPJ4ZeZXYVUhLv1VMrjPC7PW6V';
    const reply = await putCredentials(
      { ...CREDENTIALS, xpubs: { bitcoin: sameAccountAsXpub } },
      other.admin,
    );
    expectRefusal(reply, 409, 'conflict', 'credentials.xpubs.bitcoin');
    expectRefusal(
      await putCredentials({ ...CREDENTIALS, xpubs: { tron: PUBLISHED_ACCOUNT_KEYS.tron } }, other.admin),
      409,
      'conflict',
      'credentials.xpubs.tron',
    );
    const theirs = await ok(call(api.app, 'GET', '/v1/payment-settings', { token: other.admin }));
    expect(theirs.credentialsConfigured).not.toContain('crypto');
    // The holder replaces its document with the same keys, then drops Tron: the key is free again.
    expect((await putCredentials(CREDENTIALS)).status).toBe(200);
    const { tron: _tron, ...withoutTron } = PUBLISHED_ACCOUNT_KEYS;
    expect((await putCredentials({ ...CREDENTIALS, xpubs: withoutTron })).status).toBe(200);
    const tronOnly = { ...CREDENTIALS, xpubs: { tron: PUBLISHED_ACCOUNT_KEYS.tron } };
    expect((await putCredentials(tronOnly, other.admin)).status).toBe(200);
  });

  it('private keys and malformed keys are refused, naming the field and never quoting the key', async () => {
    const ZPRV =
      'zprvAdG4iTXWBoARxkkzNpNh8r6Qag3irQB8PzEMkAFeTRXxHpbF9z4QgEvBRmfvqWvGp42t42nvgGpNgYSJA9iefm1yYNZKEm7z6qUWCroSQnE';
    const MNEMONIC = `${'abandon '.repeat(11)}about`;
    const privates: Array<[unknown, string]> = [
      [{ ...CREDENTIALS, xpubs: { bitcoin: ZPRV } }, 'credentials.xpubs.bitcoin'],
      [{ ...CREDENTIALS, xpubs: { ethereum: MNEMONIC } }, 'credentials.xpubs.ethereum'],
      [{ ...CREDENTIALS, xpubs: { tron: `0x${'3c'.repeat(32)}` } }, 'credentials.xpubs.tron'],
    ];
    for (const [credentials, field] of privates) {
      const reply = await putCredentials(credentials);
      expectRefusal(reply, 400, 'validation', field);
      expect(reply.body.error.message).toMatch(/private keys are never accepted/);
      expect(reply.body.error.message).not.toContain('abandon');
      expect(reply.body.error.message).not.toContain(ZPRV.slice(4, 24));
    }
    const malformed: Array<[unknown, string]> = [
      [{ ...CREDENTIALS, xpubs: { bitcoin: ZPUB.slice(0, -1) } }, 'credentials.xpubs.bitcoin'],
      [{ ...CREDENTIALS, xpubs: { ethereum: ZPUB } }, 'credentials.xpubs.ethereum'],
      [{ ...CREDENTIALS, xpubs: { bitcoin: PUBLISHED_TESTNET_BITCOIN_KEY } }, 'credentials.xpubs.bitcoin'],
      [{ ...CREDENTIALS, xpubs: {} }, 'credentials.xpubs'],
      [{ ...CREDENTIALS, xpubs: undefined }, 'credentials.xpubs'],
      [{ ...CREDENTIALS, xpubs: { dogecoin: ZPUB } }, 'credentials.xpubs.dogecoin'],
    ];
    for (const [credentials, field] of malformed) {
      const reply = await putCredentials(credentials);
      expectRefusal(reply, 400, 'validation', field);
      expect(reply.body.error.message).not.toMatch(/private/);
    }
    const settings = await ok(call(api.app, 'GET', '/v1/payment-settings', { token: t.admin }));
    expect(settings.credentialsConfigured).not.toContain('crypto');
  });

  it('bad credentials: a 400 naming the field, never quoting the value, and nothing stored', async () => {
    const cases: Array<[unknown, string]> = [
      [{ ...CREDENTIALS, rates: { USD: { BTC: 50_000 } } }, 'credentials.rates.USD.BTC'],
      [{ ...CREDENTIALS, rates: { USD: { BTC: '-5' } } }, 'credentials.rates.USD.BTC'],
      [{ ...CREDENTIALS, rates: { USD: { DOGE: '0.1' } } }, 'credentials.rates.USD.DOGE'],
      [{ ...CREDENTIALS, requiredConfirmations: { BTC: 1.5 } }, 'credentials.requiredConfirmations.BTC'],
      [{ ...CREDENTIALS, xpubs: { bitcoin: 'short-secret' } }, 'credentials.xpubs.bitcoin'],
      [{ ...CREDENTIALS, color: 'blue' }, 'credentials.color'],
      // The bounds every provider's document keeps, whatever its own schema says.
      [{ ...CREDENTIALS, a: { b: { c: { d: { e: { f: 'deep' } } } } } }, 'credentials.a.b.c.d.e'],
      [{ ...CREDENTIALS, xpubs: { bitcoin: 'x'.repeat(4097) } }, 'credentials.xpubs.bitcoin'],
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
