import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import { startCoinRatesEmulator, type CoinRatesEmulator } from '../../support/emulators/coin-rates.js';
import {
  PUBLISHED_ACCOUNT_KEYS,
  startSimulatedChainServer,
  type SimulatedChainServer,
} from '../../support/emulators/crypto-chain.js';
import { GatewayScene, openShop, type Shop } from '../../support/gateway-flow.js';
import { http } from '../../support/http.js';
import { key } from '../../support/api.js';

const BTC = { asset: 'BTC', network: 'bitcoin' } as const;
const ETH = { asset: 'ETH', network: 'ethereum' } as const;
const MINUTE = 60_000;
const CREDENTIALS = {
  xpubs: PUBLISHED_ACCOUNT_KEYS,
  liveRates: true,
  // Fixed by hand: wins over the live price.
  rates: { USD: { ETH: '2500' } },
};

/**
 * Crypto top-ups quoted at the operator's live rate (RATES_API_BASE_URL, a CoinGecko-shaped source):
 * the quote is locked for the payment's lifetime, a hand-fixed pair wins, and a stale or silent
 * source refuses new quotes in words instead of charging an old rate.
 */
describe.each(DIALECTS)('live coin rates for crypto top-ups on %s', (dialect) => {
  let chain: SimulatedChainServer;
  let rates: CoinRatesEmulator;
  let scene: GatewayScene;
  let shop: Shop;

  beforeEach(async () => {
    chain = await startSimulatedChainServer();
    rates = await startCoinRatesEmulator(new Date());
    rates.prices = { bitcoin: { usd: 50_000 }, ethereum: { usd: 4_000 } };
    scene = await GatewayScene.start(dialect, {
      apiBaseUrls: { crypto: chain.url },
      liveRates: { baseUrl: rates.url, maxAgeMs: 10 * MINUTE, refreshMs: MINUTE },
    });
    rates.updatedAt = Math.floor(scene.clock.now().getTime() / 1000);
    shop = await openShop(scene.baseUrl, 'Live Rates Shop', 'USD');
    await scene.offer(shop, 'crypto', CREDENTIALS);
  });
  afterEach(async () => {
    await scene.close();
    await rates.close();
    await chain.close();
  });

  const topUp = (asset: typeof BTC | typeof ETH) =>
    http(scene.baseUrl, 'POST', `/v1/wallets/${shop.walletId}/top-ups`, {
      token: shop.admin,
      key: key('topup'),
      body: { amount: 10_000, provider: 'crypto', asset },
    });

  it('quotes at the live price, keeps that quote when the price moves, and prices the next one anew', async () => {
    // 100.00 USD + the 1% fee = 101.00 USD at 50,000 USD per BTC.
    const first = await topUp(BTC);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.checkout.amount).toBe('0.00202000');

    rates.prices.bitcoin!.usd = 40_000;
    scene.clock.advance(2 * MINUTE);
    rates.updatedAt = Math.floor(scene.clock.now().getTime() / 1000);
    expect((await scene.payment(shop, first.body.id)).checkout.amount).toBe('0.00202000');
    const second = await topUp(BTC);
    expect(second.body.checkout.amount).toBe('0.00252500');
  });

  it('a pair the reseller fixed by hand is quoted at that price, not the live one', async () => {
    const reply = await topUp(ETH);
    expect(reply.status).toBe(201);
    // 101.00 USD at 2,500 USD per ETH (the live 4,000 is not used).
    expect(reply.body.checkout.amount).toBe('0.040400000000000000');
  });

  it('a source whose price is too old refuses new quotes in words, and credits nothing', async () => {
    const before = await scene.balance(shop);
    rates.updatedAt = Math.floor((scene.clock.now().getTime() - 20 * MINUTE) / 1000);
    const refused = await topUp(BTC);
    expect(refused.status).toBe(502);
    expect(refused.body.error).toMatchObject({ code: 'gateway_unavailable' });
    expect(refused.body.error.message).toMatch(/BTC\/USD rate is 20 min old; crypto top-ups are paused/);
    // What the console words in its own language.
    expect(refused.body.error.reason).toEqual({
      key: 'coin_rate_stale',
      values: { asset: 'BTC', currency: 'USD', minutes: 20 },
    });
    expect(await scene.balance(shop)).toBe(before);
  });
});

describe.each(DIALECTS)('live coin rates on a server without a rate source, on %s', (dialect) => {
  it('refuses the quote, naming the setting, rather than pretending the coin is not offered', async () => {
    const chain = await startSimulatedChainServer();
    const scene = await GatewayScene.start(dialect, { apiBaseUrls: { crypto: chain.url } });
    try {
      const shop = await openShop(scene.baseUrl, 'No Source Shop', 'USD');
      await scene.offer(shop, 'crypto', CREDENTIALS);
      const reply = await http(scene.baseUrl, 'POST', `/v1/wallets/${shop.walletId}/top-ups`, {
        token: shop.admin,
        key: key('topup'),
        body: { amount: 10_000, provider: 'crypto', asset: BTC },
      });
      expect(reply.status).toBe(422);
      expect(reply.body.error).toMatchObject({
        code: 'method_unavailable',
        field: 'liveRates',
        reason: { key: 'coin_rates_no_source', values: {} },
      });
      expect(reply.body.error.message).toMatch(/RATES_API_BASE_URL/);
    } finally {
      await scene.close();
      await chain.close();
    }
  });
});
