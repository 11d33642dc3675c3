import { describe, expect, it } from 'vitest';
import { minorUnits, type Currency } from '../../../shared/money.js';
import type { GatewayEnvironment } from '../provider.js';
import { CRYPTO_RAILS, USDT_CONTRACTS, type CryptoRail } from './assets.js';
import { cryptoCredentialsSchema } from './credentials.js';
import { offeredRails } from './offered-rails.js';
import { CryptoProvider, type RateSource } from './provider.js';
import { PUBLISHED_ACCOUNT_KEYS, PUBLISHED_TESTNET_BITCOIN_KEY } from './published-keys.js';
import { SimulatedChain } from './simulated-chain.js';

const START = new Date('2030-05-01T12:00:00Z');
const name = (rails: readonly CryptoRail[]) => rails.map((r) => `${r.asset}/${r.network}`);
const credentials = (document: object) => cryptoCredentialsSchema.parse(document);
const ALL_RATES = { USD: { BTC: '50000', ETH: '2500', USDT: '1' } };
/** A USDT contract a reseller deployed on Sepolia (any well-formed address; lowercase is valid). */
const SEPOLIA_USDT = '0x7169d38820dfd117c3fa1f22a697dba58d90ba06';

describe('offeredRails', () => {
  it('offers a network only with its account key', () => {
    const bitcoinOnly = credentials({ xpubs: { bitcoin: PUBLISHED_ACCOUNT_KEYS.bitcoin }, rates: ALL_RATES });
    expect(name(offeredRails(bitcoinOnly, 'USD', { liveSource: false }))).toEqual(['BTC/bitcoin']);

    const ethereumOnly = credentials({
      xpubs: { ethereum: PUBLISHED_ACCOUNT_KEYS.ethereum },
      rates: ALL_RATES,
    });
    // ETH and USDT on Ethereum share the one key; USDT on Tron needs Tron's.
    expect(name(offeredRails(ethereumOnly, 'USD', { liveSource: false }))).toEqual([
      'ETH/ethereum',
      'USDT/ethereum',
    ]);

    const tronOnly = credentials({ xpubs: { tron: PUBLISHED_ACCOUNT_KEYS.tron }, rates: ALL_RATES });
    expect(name(offeredRails(tronOnly, 'USD', { liveSource: false }))).toEqual(['USDT/tron']);

    const all = credentials({ xpubs: PUBLISHED_ACCOUNT_KEYS, rates: ALL_RATES });
    expect(name(offeredRails(all, 'USD', { liveSource: false }))).toEqual(name(CRYPTO_RAILS));
  });

  it('offers a coin only with a fixed rate in the currency asked for', () => {
    const c = credentials({
      xpubs: PUBLISHED_ACCOUNT_KEYS,
      rates: { USD: { BTC: '50000' }, VND: { USDT: '25000' } },
    });
    expect(name(offeredRails(c, 'USD', { liveSource: false }))).toEqual(['BTC/bitcoin']);
    expect(name(offeredRails(c, 'VND', { liveSource: false }))).toEqual(['USDT/ethereum', 'USDT/tron']);
    expect(offeredRails(c, 'EUR', { liveSource: false })).toEqual([]);
    // A live source counts for nothing while the reseller keeps live rates off.
    expect(name(offeredRails(c, 'USD', { liveSource: true }))).toEqual(['BTC/bitcoin']);
  });

  it('with live rates on, offers every keyed coin when the server has a live source, and only fixed ones without', () => {
    const c = credentials({
      xpubs: { bitcoin: PUBLISHED_ACCOUNT_KEYS.bitcoin, tron: PUBLISHED_ACCOUNT_KEYS.tron },
      rates: { USD: { USDT: '1' } },
      liveRates: true,
    });
    expect(name(offeredRails(c, 'EUR', { liveSource: true }))).toEqual(['BTC/bitcoin', 'USDT/tron']);
    expect(name(offeredRails(c, 'USD', { liveSource: false }))).toEqual(['USDT/tron']);
    expect(offeredRails(c, 'EUR', { liveSource: false })).toEqual([]);
  });

  it('offers exactly the rails a checkout accepts, in every one of these set-ups', async () => {
    const setups = [
      { xpubs: { bitcoin: PUBLISHED_ACCOUNT_KEYS.bitcoin }, rates: { USD: { BTC: '50000', USDT: '1' } } },
      { xpubs: PUBLISHED_ACCOUNT_KEYS, rates: { USD: { ETH: '2500' } } },
      { xpubs: { ethereum: PUBLISHED_ACCOUNT_KEYS.ethereum }, liveRates: true },
      { xpubs: PUBLISHED_ACCOUNT_KEYS, rates: { USD: { USDT: '1' } }, liveRates: true },
      // A test chain offers its USDT only with the chain's own contract.
      { xpubs: PUBLISHED_ACCOUNT_KEYS, rates: ALL_RATES, chainId: 11_155_111 },
      { xpubs: PUBLISHED_ACCOUNT_KEYS, rates: ALL_RATES, chainId: 11_155_111, usdtContract: SEPOLIA_USDT },
    ];
    const live: RateSource = () => Promise.resolve('3000');
    for (const document of setups) {
      for (const liveSource of [false, true]) {
        for (const currency of ['USD', 'EUR'] as Currency[]) {
          const c = credentials(document);
          const env: GatewayEnvironment = {
            now: () => START,
            webhookUrl: 'http://127.0.0.1:1/v1/webhooks/crypto/r_1',
            publicBaseUrl: 'http://127.0.0.1:1',
            ...(liveSource ? { liveRates: live } : {}),
          };
          const provider = new CryptoProvider(c, env, new SimulatedChain());
          const accepted: CryptoRail[] = [];
          for (const rail of CRYPTO_RAILS) {
            const opened = await provider
              .createCheckout({
                reference: 'pay_1',
                amount: minorUnits(10_000),
                currency,
                description: 'Top-up',
                returnUrl: 'http://127.0.0.1:1/return',
                cancelUrl: 'http://127.0.0.1:1/cancel',
                expiresAt: new Date(START.getTime() + 60 * 60_000),
                idempotencyKey: 'key-1',
                saveMethod: false,
                rail,
                addressIndex: 0,
              })
              .then(
                () => true,
                () => false,
              );
            if (opened) accepted.push(rail);
          }
          const context = `${JSON.stringify(document)} ${currency}, live source: ${liveSource}`;
          expect(name(offeredRails(c, currency, { liveSource })), context).toEqual(name(accepted));
        }
      }
    }
  });
});

describe('a rail on a test network', () => {
  const env: GatewayEnvironment = {
    now: () => START,
    webhookUrl: 'http://127.0.0.1:1/v1/webhooks/crypto/r_1',
    publicBaseUrl: 'http://127.0.0.1:1',
  };

  it('Bitcoin testnet is offered, and its checkout presented, as testnet; mainnet rails are not marked', async () => {
    const testnet = credentials({
      xpubs: { bitcoin: PUBLISHED_TESTNET_BITCOIN_KEY, tron: PUBLISHED_ACCOUNT_KEYS.tron },
      rates: ALL_RATES,
      testnet: true,
    });
    expect(offeredRails(testnet, 'USD', { liveSource: false })).toEqual([
      { asset: 'BTC', network: 'bitcoin', testnet: true },
      { asset: 'USDT', network: 'tron' },
    ]);
    const mainnet = credentials({ xpubs: PUBLISHED_ACCOUNT_KEYS, rates: ALL_RATES });
    expect(offeredRails(mainnet, 'USD', { liveSource: false }).filter((r) => 'testnet' in r)).toEqual([]);

    const checkout = (c: typeof testnet, rail: CryptoRail) =>
      new CryptoProvider(c, env, new SimulatedChain()).createCheckout({
        reference: 'pay_1',
        amount: minorUnits(10_000),
        currency: 'USD',
        description: 'Top-up',
        returnUrl: 'http://127.0.0.1:1/return',
        cancelUrl: 'http://127.0.0.1:1/cancel',
        expiresAt: new Date(START.getTime() + 60 * 60_000),
        idempotencyKey: 'key-1',
        saveMethod: false,
        rail,
        addressIndex: 0,
      });
    const onTestnet = await checkout(testnet, { asset: 'BTC', network: 'bitcoin' });
    expect(onTestnet).toMatchObject({ kind: 'crypto_qr', network: 'bitcoin', testnet: true });
    expect(onTestnet.kind === 'crypto_qr' && onTestnet.address.startsWith('tb1')).toBe(true);
    expect(await checkout(testnet, { asset: 'USDT', network: 'tron' })).not.toHaveProperty('testnet');
    expect(await checkout(mainnet, { asset: 'BTC', network: 'bitcoin' })).not.toHaveProperty('testnet');
  });

  it('an Ethereum test chain (Sepolia, Holesky) marks ETH and its USDT testnet; mainnet and other chains do not', async () => {
    const onChain = (chainId?: number) =>
      credentials({
        xpubs: { ethereum: PUBLISHED_ACCOUNT_KEYS.ethereum, tron: PUBLISHED_ACCOUNT_KEYS.tron },
        rates: ALL_RATES,
        usdtContract: SEPOLIA_USDT,
        ...(chainId === undefined ? {} : { chainId }),
      });
    for (const chainId of [11_155_111, 17_000]) {
      expect(offeredRails(onChain(chainId), 'USD', { liveSource: false }), String(chainId)).toEqual([
        { asset: 'ETH', network: 'ethereum', testnet: true },
        { asset: 'USDT', network: 'ethereum', testnet: true },
        { asset: 'USDT', network: 'tron' },
      ]);
    }
    // Mainnet, and a chain id not known as a test chain (it may carry real value), stay unmarked.
    for (const chainId of [undefined, 137]) {
      expect(
        offeredRails(onChain(chainId), 'USD', { liveSource: false }).filter((r) => 'testnet' in r),
      ).toEqual([]);
    }

    const checkout = (c: ReturnType<typeof onChain>, rail: CryptoRail) =>
      new CryptoProvider(c, env, new SimulatedChain()).createCheckout({
        reference: 'pay_1',
        amount: minorUnits(10_000),
        currency: 'USD',
        description: 'Top-up',
        returnUrl: 'http://127.0.0.1:1/return',
        cancelUrl: 'http://127.0.0.1:1/cancel',
        expiresAt: new Date(START.getTime() + 60 * 60_000),
        idempotencyKey: 'key-1',
        saveMethod: false,
        rail,
        addressIndex: 0,
      });
    const sepolia = await checkout(onChain(11_155_111), { asset: 'ETH', network: 'ethereum' });
    expect(sepolia).toMatchObject({ kind: 'crypto_qr', network: 'ethereum', testnet: true });
    expect(sepolia.kind === 'crypto_qr' && sepolia.qrPayload).toContain('@11155111');
    expect(await checkout(onChain(), { asset: 'ETH', network: 'ethereum' })).not.toHaveProperty('testnet');
  });

  it('USDT on an Ethereum test chain without the chain’s own contract is not offered, and refused naming usdtContract', async () => {
    const sepolia = (extra: object = {}) =>
      credentials({
        xpubs: { ethereum: PUBLISHED_ACCOUNT_KEYS.ethereum },
        rates: ALL_RATES,
        chainId: 11_155_111,
        ...extra,
      });
    // Mainnet Tether's contract does not exist on Sepolia: a URI naming it pays nobody.
    expect(offeredRails(sepolia(), 'USD', { liveSource: false })).toEqual([
      { asset: 'ETH', network: 'ethereum', testnet: true },
    ]);
    const usdt: CryptoRail = { asset: 'USDT', network: 'ethereum' };
    const request = {
      reference: 'pay_1',
      amount: minorUnits(10_000),
      currency: 'USD' as const,
      description: 'Top-up',
      returnUrl: 'http://127.0.0.1:1/return',
      cancelUrl: 'http://127.0.0.1:1/cancel',
      expiresAt: new Date(START.getTime() + 60 * 60_000),
      idempotencyKey: 'key-1',
      saveMethod: false,
      rail: usdt,
      addressIndex: 0,
    };
    const bare = new CryptoProvider(sepolia(), env, new SimulatedChain());
    for (const attempt of [bare.checkCheckout(request), bare.createCheckout(request)]) {
      await expect(attempt).rejects.toMatchObject({
        code: 'method_unavailable',
        field: 'usdtContract',
        message: expect.stringContaining('usdtContract'),
      });
    }

    // With the chain's own contract, USDT is offered as testnet and its URI names that contract.
    const own = sepolia({ usdtContract: SEPOLIA_USDT });
    expect(offeredRails(own, 'USD', { liveSource: false })).toContainEqual({
      asset: 'USDT',
      network: 'ethereum',
      testnet: true,
    });
    const opened = await new CryptoProvider(own, env, new SimulatedChain()).createCheckout(request);
    expect(opened).toMatchObject({ kind: 'crypto_qr', network: 'ethereum', testnet: true });
    const uri = opened.kind === 'crypto_qr' ? opened.qrPayload : '';
    expect(uri.startsWith(`ethereum:${SEPOLIA_USDT}@11155111/transfer?`)).toBe(true);
    expect(uri.toLowerCase()).not.toContain(USDT_CONTRACTS.ethereum.toLowerCase());

    // Mainnet USDT needs no contract: Tether's is the one.
    const mainnet = credentials({ xpubs: { ethereum: PUBLISHED_ACCOUNT_KEYS.ethereum }, rates: ALL_RATES });
    const onMainnet = await new CryptoProvider(mainnet, env, new SimulatedChain()).createCheckout(request);
    expect(onMainnet.kind === 'crypto_qr' && onMainnet.qrPayload).toContain(USDT_CONTRACTS.ethereum);
  });
});
