import { describe, expect, it } from 'vitest';
import { minorUnits } from '../../../shared/money.js';
import { Failure } from '../../services/failure.js';
import {
  checkoutPresentationSchema,
  decideCredit,
  type CheckoutRequest,
  type GatewayEnvironment,
  type PaymentProvider,
} from '../provider.js';
import { isAddressFor } from './address.js';
import { baseUnits, formatCoinAmount, parseCoinAmount } from './amounts.js';
import type { CryptoRail } from './assets.js';
import { cryptoCredentialsSchema } from './credentials.js';
import { parseBip21, parseEip681 } from './payment-uri.js';
import { CryptoProvider, cryptoCreditExpectation, cryptoRemainder, resellerRates } from './provider.js';
import { PUBLISHED_ACCOUNT_KEYS } from './published-keys.js';
import { SimulatedChain } from './simulated-chain.js';

const START = new Date('2030-05-01T12:00:00Z');
const credentials = cryptoCredentialsSchema.parse({
  xpubs: PUBLISHED_ACCOUNT_KEYS,
  rates: { USD: { BTC: '50000', ETH: '2000', USDT: '1' }, VND: { USDT: '25000' } },
  requiredConfirmations: { BTC: 2, ETH: 3 },
});

function setup() {
  const clock = { now: START };
  const env: GatewayEnvironment = {
    now: () => clock.now,
    webhookUrl: 'http://127.0.0.1:1/v1/webhooks/crypto/r_1',
    publicBaseUrl: 'http://127.0.0.1:1',
  };
  const chain = new SimulatedChain();
  return { clock, chain, provider: new CryptoProvider(credentials, env, chain) };
}

const request = (over: Partial<CheckoutRequest> = {}): CheckoutRequest => ({
  reference: 'pay_1',
  amount: minorUnits(10_000), // 100.00 USD
  currency: 'USD',
  description: 'Top-up',
  returnUrl: 'http://127.0.0.1:1/return',
  cancelUrl: 'http://127.0.0.1:1/cancel',
  expiresAt: new Date(START.getTime() + 60 * 60_000),
  idempotencyKey: 'key-1',
  saveMethod: false,
  rail: { asset: 'BTC', network: 'bitcoin' },
  addressIndex: 0,
  ...over,
});

async function checkout(provider: CryptoProvider, over: Partial<CheckoutRequest> = {}) {
  const presentation = checkoutPresentationSchema.parse(await provider.createCheckout(request(over)));
  if (presentation.kind !== 'crypto_qr') throw new Error('expected a crypto QR');
  return presentation;
}

const coin = (text: string, asset: 'BTC' | 'ETH' | 'USDT' = 'BTC') => {
  const parsed = parseCoinAmount(text, asset);
  if (!parsed.ok) throw new Error(text);
  return parsed.value;
};

describe('crypto checkout', () => {
  it('invoices the quoted amount at a derived address, in a BIP-21 QR payload', async () => {
    const { provider } = setup();
    const shown = await checkout(provider);
    // 100.00 USD at 50,000 USD/BTC
    expect(shown).toMatchObject({
      asset: 'BTC',
      network: 'bitcoin',
      amount: '0.00200000',
      requiredConfirmations: 2,
    });
    expect(isAddressFor('bitcoin', shown.address)).toBe(true);
    expect(parseBip21(shown.qrPayload)).toEqual({ address: shown.address, amount: 200_000n });
    // The quote ends with its window (30 min by default), before the payment's hour is up.
    expect(shown.expiresAt).toBe('2030-05-01T12:30:00.000Z');
  });

  it('builds EIP-681 for ETH and ERC-20 USDT, and a bare address for TRC-20', async () => {
    const { provider } = setup();
    const eth = await checkout(provider, { rail: { asset: 'ETH', network: 'ethereum' } });
    expect(parseEip681(eth.qrPayload)).toEqual({
      kind: 'ether',
      address: eth.address,
      chainId: 1,
      value: 5n * 10n ** 16n,
    });
    const erc20 = await checkout(provider, { rail: { asset: 'USDT', network: 'ethereum' } });
    expect(parseEip681(erc20.qrPayload)).toMatchObject({
      kind: 'erc20',
      recipient: erc20.address,
      amount: 100_000_000n,
    });
    const trc20 = await checkout(provider, {
      rail: { asset: 'USDT', network: 'tron' },
      currency: 'VND',
      amount: minorUnits(500_000),
    });
    expect(trc20).toMatchObject({ qrPayload: trc20.address, amount: '20.000000', requiredConfirmations: 12 });
  });

  it('shows the address of the payment’s index on the reseller’s account key: the published vectors', async () => {
    const { provider } = setup();
    // The first receiving addresses of the BIP-84 and BIP-44 test vectors (published-keys.ts).
    expect((await checkout(provider, { addressIndex: 0 })).address).toBe(
      'bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu',
    );
    expect((await checkout(provider, { addressIndex: 1 })).address).toBe(
      'bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g',
    );
    const eth = await checkout(provider, { rail: { asset: 'ETH', network: 'ethereum' } });
    expect(eth.address).toBe('0x9858EfFD232B4033E47d90003D41EC34EcaEda94');
    const trc20 = await checkout(provider, { rail: { asset: 'USDT', network: 'tron' } });
    expect(trc20.address).toBe('TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH');
  });

  it('gives each index its own address, and a retried create of one payment the same one', async () => {
    const { provider } = setup();
    const a = await checkout(provider, { reference: 'pay_a', addressIndex: 7 });
    const b = await checkout(provider, { reference: 'pay_b', addressIndex: 8 });
    expect(a.address).not.toBe(b.address);
    const again = await checkout(provider, { reference: 'pay_a', addressIndex: 7 });
    expect(again.providerPaymentId).toBe(a.providerPaymentId);
  });

  it('does not offer a network the reseller gave no account key for', async () => {
    const env: GatewayEnvironment = {
      now: () => START,
      webhookUrl: 'http://127.0.0.1:1/v1/webhooks/crypto/r_1',
      publicBaseUrl: 'http://127.0.0.1:1',
    };
    const btcOnly = cryptoCredentialsSchema.parse({
      ...credentials,
      xpubs: { bitcoin: PUBLISHED_ACCOUNT_KEYS.bitcoin },
    });
    const provider = new CryptoProvider(btcOnly, env, new SimulatedChain());
    expect(isAddressFor('bitcoin', (await checkout(provider)).address)).toBe(true);
    await expect(
      provider.createCheckout(request({ rail: { asset: 'USDT', network: 'tron' } })),
    ).rejects.toMatchObject({ code: 'method_unavailable', field: 'asset' });
  });

  it('refuses a missing rail, an unquoted pair, a dust amount and an expired payment, naming the field', async () => {
    const { provider } = setup();
    const field = (over: Partial<CheckoutRequest>) =>
      provider.createCheckout(request(over)).then(
        () => 'accepted',
        (error: unknown) => (error instanceof Failure ? `${error.code}:${error.field}` : String(error)),
      );
    expect(await field({ rail: undefined })).toBe('validation:asset');
    expect(await field({ rail: { asset: 'BTC', network: 'tron' } as unknown as CryptoRail })).toBe(
      'validation:asset',
    );
    expect(await field({ currency: 'EUR' })).toBe('validation:asset');
    expect(await field({ currency: 'VND', rail: { asset: 'BTC', network: 'bitcoin' } })).toBe(
      'validation:asset',
    );
    expect(await field({ amount: minorUnits(0) })).toBe('validation:amount');
    expect(await field({ expiresAt: START })).toBe('validation:expiresAt');
  });

  it('names a missing coin, the coin not offered and the amount too small as reasons the console words', async () => {
    const { provider } = setup();
    const reason = (over: Partial<CheckoutRequest>) =>
      provider.createCheckout(request(over)).then(
        () => null,
        (error: unknown) => (error instanceof Failure ? error.reason : error),
      );
    for (const rail of [undefined, { asset: 'BTC', network: 'tron' } as unknown as CryptoRail]) {
      expect(await reason({ rail })).toEqual({ key: 'coin_not_chosen', values: {} });
    }
    expect(await reason({ currency: 'VND', rail: { asset: 'BTC', network: 'bitcoin' } })).toEqual({
      key: 'coin_not_offered',
      values: { asset: 'BTC', currency: 'VND' },
    });
    expect(await reason({ amount: minorUnits(0) })).toEqual({
      key: 'coin_amount_too_small',
      values: { amount: 0, currency: 'USD', asset: 'BTC' },
    });
  });

  it('names an expired payment, a network without a key or a watcher, a test chain without its USDT and live rates without a source as reasons the console words', async () => {
    const env: GatewayEnvironment = {
      now: () => START,
      webhookUrl: 'http://127.0.0.1:1/w',
      publicBaseUrl: 'http://127.0.0.1:1',
    };
    const reasonOf = (provider: CryptoProvider, over: Partial<CheckoutRequest>) =>
      provider.createCheckout(request(over)).then(
        () => null,
        (error: unknown) => (error instanceof Failure ? error.reason : error),
      );
    expect(await reasonOf(setup().provider, { expiresAt: START })).toEqual({
      key: 'payment_already_expired',
      values: {},
    });
    const read = (over: object) => cryptoCredentialsSchema.parse({ ...credentials, ...over });
    const btcOnly = new CryptoProvider(
      read({ xpubs: { bitcoin: PUBLISHED_ACCOUNT_KEYS.bitcoin } }),
      env,
      new SimulatedChain(),
    );
    expect(await reasonOf(btcOnly, { rail: { asset: 'USDT', network: 'tron' } })).toEqual({
      key: 'coin_no_account_key',
      values: { asset: 'USDT', network: 'tron' },
    });
    const unwatched = new CryptoProvider(credentials, env, new SimulatedChain(), undefined, {
      'xpubs.bitcoin': 'no chain source watches Bitcoin on this server',
    });
    expect(await reasonOf(unwatched, {})).toEqual({
      key: 'coin_network_unwatched',
      values: { asset: 'BTC', network: 'bitcoin' },
    });
    const sepolia = new CryptoProvider(read({ chainId: 11_155_111 }), env, new SimulatedChain());
    expect(await reasonOf(sepolia, { rail: { asset: 'USDT', network: 'ethereum' } })).toEqual({
      key: 'coin_test_chain_no_usdt',
      values: { asset: 'USDT', network: 'ethereum', chainId: 11_155_111 },
    });
    const live = read({ rates: {}, liveRates: true });
    const noSource = new CryptoProvider(live, env, new SimulatedChain(), resellerRates(live, undefined));
    expect(await reasonOf(noSource, {})).toEqual({ key: 'coin_rates_no_source', values: {} });
  });

  it('checkCheckout refuses, before any payment exists, exactly what createCheckout refuses', async () => {
    const btcOnly = new CryptoProvider(
      cryptoCredentialsSchema.parse({ ...credentials, xpubs: { bitcoin: PUBLISHED_ACCOUNT_KEYS.bitcoin } }),
      { now: () => START, webhookUrl: 'http://127.0.0.1:1/w', publicBaseUrl: 'http://127.0.0.1:1' },
      new SimulatedChain(),
    );
    const cases: Array<Partial<CheckoutRequest>> = [
      {},
      { rail: undefined },
      { currency: 'EUR' },
      { amount: minorUnits(0) },
      { expiresAt: START },
      { rail: { asset: 'USDT', network: 'tron' } },
    ];
    const answer = (asked: Promise<unknown>) =>
      asked.then(
        () => 'accepted',
        (error: unknown) => (error instanceof Failure ? `${error.code}:${error.field}` : String(error)),
      );
    for (const over of cases) {
      const { rail, amount, currency, expiresAt } = request(over);
      const checked = await answer(
        btcOnly.checkCheckout({ amount, currency, expiresAt, ...(rail ? { rail } : {}) }),
      );
      expect(checked, JSON.stringify(over)).toBe(await answer(btcOnly.createCheckout(request(over))));
    }
  });

  it('answers any webhook with a rejection: a chain sends none', async () => {
    const { provider } = setup();
    expect(
      await (provider as PaymentProvider).verifyWebhook({
        rawBody: Buffer.from('{}'),
        headers: {},
        receivedAt: START,
      }),
    ).toMatchObject({ ok: false, reason: 'malformed_body' });
  });
});

describe('crypto status and crediting', () => {
  it('waits through unconfirmed, underpaid and short-of-confirmations, then credits once paid', async () => {
    const { chain, provider } = setup();
    const shown = await checkout(provider);
    const payment = { providerPaymentId: shown.providerPaymentId, reference: 'pay_1' };
    const expected = cryptoCreditExpectation(shown.providerPaymentId, 'pay_1');
    expect(expected.amount).toEqual({ kind: 'coin', asset: 'BTC', network: 'bitcoin', amount: 200_000n });
    const step = async () => {
      const snapshot = await provider.fetchStatus(payment);
      return {
        snapshot,
        decision: decideCredit(expected, snapshot),
        remaining: cryptoRemainder(shown.providerPaymentId, snapshot),
      };
    };

    let now = await step();
    expect(now.snapshot.status).toBe('pending');
    expect(now.decision).toEqual({ action: 'wait', status: 'pending', underpaid: false });

    // Part of it, unmined: seen, but nothing counts yet.
    chain.send(shown.address, coin('0.0008'));
    now = await step();
    expect(now.snapshot).toMatchObject({
      status: 'processing',
      received: { amount: 0n },
      recipient: shown.address,
    });
    expect(now.decision).toEqual({ action: 'wait', status: 'processing', underpaid: false });

    // One confirmation of two: still nothing credited.
    chain.mine();
    expect((await step()).snapshot.received).toMatchObject({ amount: 0n });

    // Confirmed, but short: underpaid, and the remainder is what the payer still owes.
    chain.mine();
    now = await step();
    expect(now.decision).toEqual({ action: 'wait', status: 'processing', underpaid: true });
    expect(formatCoinAmount(now.remaining, 'BTC')).toBe('0.00120000');

    // The remainder, to the same address, confirmed: paid, exactly.
    chain.send(shown.address, now.remaining);
    chain.mine(2);
    now = await step();
    expect(now.snapshot).toMatchObject({ status: 'paid', received: { amount: 200_000n } });
    expect(now.decision).toEqual({ action: 'credit', overpaid: false });
    expect(now.remaining).toBe(0n);
  });

  it('credits an overpayment as paid, flagged overpaid', async () => {
    const { chain, provider } = setup();
    const shown = await checkout(provider, { rail: { asset: 'ETH', network: 'ethereum' } });
    chain.send(shown.address, coin('0.06', 'ETH'));
    chain.mine(3);
    const snapshot = await provider.fetchStatus({
      providerPaymentId: shown.providerPaymentId,
      reference: 'pay_1',
    });
    expect(snapshot.status).toBe('paid');
    expect(decideCredit(cryptoCreditExpectation(shown.providerPaymentId, 'pay_1'), snapshot)).toEqual({
      action: 'credit',
      overpaid: true,
    });
  });

  it('counts only the invoiced asset: USDT sent to an ETH invoice’s address pays nothing', async () => {
    const { chain, provider } = setup();
    const shown = await checkout(provider, { rail: { asset: 'ETH', network: 'ethereum' } });
    chain.send(shown.address, baseUnits(10n ** 12n), 'USDT');
    chain.mine(10);
    const snapshot = await provider.fetchStatus({
      providerPaymentId: shown.providerPaymentId,
      reference: 'pay_1',
    });
    expect(snapshot.status).toBe('pending');
  });

  it('expires a quote that ran out with nothing received, and not one that received something', async () => {
    const { clock, chain, provider } = setup();
    const idle = await checkout(provider, { reference: 'pay_idle', addressIndex: 1 });
    const partial = await checkout(provider, { reference: 'pay_partial', addressIndex: 2 });
    chain.send(partial.address, coin('0.001'));
    chain.mine(2);
    clock.now = new Date(idle.expiresAt);
    const status = (id: string, reference: string) =>
      provider.fetchStatus({ providerPaymentId: id, reference }).then((s) => s.status);
    expect(await status(idle.providerPaymentId, 'pay_idle')).toBe('expired');
    expect(
      decideCredit(
        cryptoCreditExpectation(idle.providerPaymentId, 'pay_idle'),
        await provider.fetchStatus({ providerPaymentId: idle.providerPaymentId, reference: 'pay_idle' }),
      ),
    ).toEqual({ action: 'close', status: 'expired' });
    // Coin that arrived is never written off by the clock: the payment stays open, underpaid.
    expect(await status(partial.providerPaymentId, 'pay_partial')).toBe('processing');
  });

  it('sends money for another payment’s invoice to review, not to this wallet', async () => {
    const { chain, provider } = setup();
    const mine = await checkout(provider, { reference: 'pay_mine', addressIndex: 1 });
    const theirs = await checkout(provider, { reference: 'pay_theirs', addressIndex: 2 });
    chain.send(theirs.address, coin('0.002'));
    chain.mine(2);
    const theirSnapshot = await provider.fetchStatus({
      providerPaymentId: theirs.providerPaymentId,
      reference: 'pay_theirs',
    });
    expect(decideCredit(cryptoCreditExpectation(mine.providerPaymentId, 'pay_mine'), theirSnapshot)).toEqual({
      action: 'review',
      mismatch: 'payment',
    });
    const mySnapshot = await provider.fetchStatus({
      providerPaymentId: mine.providerPaymentId,
      reference: 'pay_mine',
    });
    expect(decideCredit(cryptoCreditExpectation(mine.providerPaymentId, 'pay_mine'), mySnapshot).action).toBe(
      'wait',
    );
  });

  it('refuses an id it did not issue', async () => {
    const { provider } = setup();
    await expect(
      provider.fetchStatus({ providerPaymentId: 'cs_test_123', reference: 'pay_1' }),
    ).rejects.toThrow();
  });
});
