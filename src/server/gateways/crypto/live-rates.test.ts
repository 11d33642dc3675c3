import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startCoinRatesEmulator,
  type CoinRatesEmulator,
} from '../../../../test/support/emulators/coin-rates.js';
import { Failure } from '../../services/failure.js';
import { LiveRates, parseSimplePrice } from './live-rates.js';

const START = new Date('2026-12-03T12:00:00.000Z');
const MINUTE = 60_000;

describe('live coin rates from a CoinGecko-shaped source', () => {
  let source: CoinRatesEmulator;
  let now: Date;
  let rates: LiveRates;

  beforeEach(async () => {
    now = START;
    source = await startCoinRatesEmulator(START);
    source.prices = { bitcoin: { usd: 67123.45, vnd: 1_700_000_000 }, tether: { usd: 1.0002 } };
    rates = new LiveRates({ baseUrl: source.url, now: () => now, maxAgeMs: 10 * MINUTE, refreshMs: MINUTE });
  });
  afterEach(() => source.close());

  const quote = (fiat: 'USD' | 'VND' | 'EUR', asset: 'BTC' | 'ETH' | 'USDT') =>
    rates.source(fiat, asset, now);

  it('quotes the source price as exact decimal text, reading it once per refresh window', async () => {
    expect(await quote('USD', 'BTC')).toBe('67123.45');
    expect(await Promise.all([quote('VND', 'BTC'), quote('USD', 'USDT')])).toEqual(['1700000000', '1.0002']);
    expect(source.reads).toBe(1);

    source.prices.bitcoin!.usd = 70_000;
    now = new Date(START.getTime() + MINUTE);
    expect(await quote('USD', 'BTC')).toBe('70000');
    expect(source.reads).toBe(2);
  });

  it('refuses a pair the source does not price, saying so', async () => {
    await expect(quote('EUR', 'ETH')).rejects.toThrow(/no live ETH\/EUR rate is available/);
    await expect(quote('EUR', 'ETH')).rejects.toMatchObject({
      reason: { key: 'coin_rate_unavailable', values: { asset: 'ETH', currency: 'EUR' } },
    });
  });

  it('serves the last good price while the source is down, and refuses once it is too old', async () => {
    expect(await quote('USD', 'BTC')).toBe('67123.45');
    source.down = true;
    now = new Date(START.getTime() + 5 * MINUTE);
    expect(await quote('USD', 'BTC')).toBe('67123.45');

    now = new Date(START.getTime() + 11 * MINUTE);
    const refused = await quote('USD', 'BTC').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Failure);
    expect(refused).toMatchObject({ code: 'gateway_unavailable' });
    expect((refused as Error).message).toMatch(/BTC\/USD rate is 11 min old; crypto top-ups are paused/);
    // The console words it from its reason, in its own language.
    expect((refused as Failure).reason).toEqual({
      key: 'coin_rate_stale',
      values: { asset: 'BTC', currency: 'USD', minutes: 11 },
    });

    // Back up: the next window's read brings a fresh price.
    source.down = false;
    source.updatedAt = Math.floor(now.getTime() / 1000);
    await expect(quote('USD', 'BTC')).rejects.toThrow(/11 min old/);
    now = new Date(now.getTime() + MINUTE);
    expect(await quote('USD', 'BTC')).toBe('67123.45');
    expect(source.reads).toBe(4);
  });

  it('refuses a price the source itself has not updated for too long', async () => {
    source.updatedAt = Math.floor((START.getTime() - 30 * MINUTE) / 1000);
    await expect(quote('USD', 'BTC')).rejects.toThrow(/30 min old/);
  });

  it('refuses with the reason when the source never answered', async () => {
    source.down = true;
    await expect(quote('USD', 'BTC')).rejects.toThrow(
      /no live BTC\/USD rate is available \(the rate source answered 503\)/,
    );
  });
});

describe('reading the simple/price body', () => {
  it('keeps exact decimals, writes tiny prices out, and skips what is not a positive price', () => {
    const quotes = parseSimplePrice({
      bitcoin: { usd: 0.00000015, eur: -1, last_updated_at: 1 },
      ethereum: { usd: 'lots', last_updated_at: 1 },
      tether: { usd: 1 },
    });
    expect([...quotes.entries()]).toEqual([['USD:BTC', { price: '0.00000015', updatedAt: 1000 }]]);
    expect(parseSimplePrice(null).size).toBe(0);
  });
});
