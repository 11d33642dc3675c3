import { CURRENCIES, type Currency } from '../../../shared/money.js';
import { Failure } from '../../services/failure.js';
import type { CoinAsset } from './assets.js';
import type { RateSource } from './provider.js';

/** CoinGecko's ids of the coins we invoice in. */
const COIN_IDS: Record<CoinAsset, string> = { BTC: 'bitcoin', ETH: 'ethereum', USDT: 'tether' };

/** What the operator configures (RATES_API_BASE_URL and its companions). */
export interface LiveRatesSettings {
  /** A CoinGecko-compatible API base, e.g. `https://api.coingecko.com` (RATES_API_BASE_URL). */
  baseUrl: string;
  /** A price older than this (by the source's own `last_updated_at`, or our last good read) is refused. */
  maxAgeMs: number;
  /** How long one read serves every quote before the source is asked again. */
  refreshMs: number;
  /** Optional API key, sent as CoinGecko's `x-cg-pro-api-key` header. */
  apiKey?: string;
}

export interface LiveRatesOptions extends LiveRatesSettings {
  now(): Date;
  fetch?: typeof fetch;
}

interface Quote {
  price: string;
  /** When the source last updated this price, ms since the epoch. */
  updatedAt: number;
}

/**
 * Live coin prices from a source speaking CoinGecko's `GET /api/v3/simple/price` shape, read at most
 * once per `refreshMs` for every pair at once. A price the source has not updated for `maxAgeMs`, or
 * that could not be read for that long, is never used: a new crypto quote is refused with a message
 * saying so, instead of silently charging an old rate. Once quoted, a payment keeps its coin amount
 * for its lifetime (the amount is part of the payment's id), whatever the rate does afterwards.
 */
export class LiveRates {
  private quotes = new Map<string, Quote>();
  private readAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | null = null;
  private lastError: string | null = null;

  constructor(private readonly o: LiveRatesOptions) {}

  /** The rate source the crypto provider asks for a price. */
  readonly source: RateSource = async (fiat, asset, at, signal) => {
    if (at.getTime() - this.readAt >= this.o.refreshMs) await this.refresh(signal);
    const quote = this.quotes.get(pairKey(fiat, asset));
    const age = quote ? at.getTime() - quote.updatedAt : Number.POSITIVE_INFINITY;
    if (quote && age <= this.o.maxAgeMs) return quote.price;
    const minutes = Math.round(age / 60_000);
    throw new Failure(
      'gateway_unavailable',
      quote
        ? `the live ${asset}/${fiat} rate is ${minutes} min old; crypto top-ups are paused until it is fresh`
        : `no live ${asset}/${fiat} rate is available${this.lastError ? ` (${this.lastError})` : ''}; try again shortly`,
      undefined,
      quote
        ? { key: 'coin_rate_stale', values: { asset, currency: fiat, minutes } }
        : { key: 'coin_rate_unavailable', values: { asset, currency: fiat } },
    );
  };

  /** One read at a time: quotes asked for together share it. */
  private refresh(signal?: AbortSignal): Promise<void> {
    this.inFlight ??= this.read(signal).finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async read(signal?: AbortSignal): Promise<void> {
    const url = new URL('/api/v3/simple/price', this.o.baseUrl);
    url.searchParams.set('ids', Object.values(COIN_IDS).join(','));
    url.searchParams.set('vs_currencies', CURRENCIES.map((c) => c.toLowerCase()).join(','));
    url.searchParams.set('include_last_updated_at', 'true');
    url.searchParams.set('precision', 'full');
    try {
      const response = await (this.o.fetch ?? fetch)(url, {
        headers: {
          accept: 'application/json',
          ...(this.o.apiKey ? { 'x-cg-pro-api-key': this.o.apiKey } : {}),
        },
        signal: signal ?? AbortSignal.timeout(10_000),
        redirect: 'error',
      });
      if (!response.ok) throw new Error(`the rate source answered ${response.status}`);
      const quotes = parseSimplePrice(await response.json());
      if (quotes.size === 0) throw new Error('the rate source sent no prices');
      this.quotes = quotes;
      this.lastError = null;
    } catch (error) {
      // Keep the last good prices: they serve until they are older than maxAgeMs.
      this.lastError = error instanceof Error ? error.message : String(error);
    } finally {
      // A failed read waits for the next window too: a source that is down is not asked on every quote.
      this.readAt = this.o.now().getTime();
    }
  }
}

/** `{bitcoin: {usd: 67123.45, last_updated_at: 1733230000}, …}` → prices per (fiat, asset). */
export function parseSimplePrice(body: unknown): Map<string, Quote> {
  const quotes = new Map<string, Quote>();
  if (typeof body !== 'object' || body === null) return quotes;
  for (const [asset, id] of Object.entries(COIN_IDS) as Array<[CoinAsset, string]>) {
    const entry = (body as Record<string, unknown>)[id];
    if (typeof entry !== 'object' || entry === null) continue;
    const prices = entry as Record<string, unknown>;
    const updated = prices.last_updated_at;
    if (typeof updated !== 'number' || !Number.isFinite(updated)) continue;
    for (const fiat of CURRENCIES) {
      const price = decimalText(prices[fiat.toLowerCase()]);
      if (price) quotes.set(pairKey(fiat, asset), { price, updatedAt: updated * 1000 });
    }
  }
  return quotes;
}

const pairKey = (fiat: Currency, asset: CoinAsset) => `${fiat}:${asset}`;

/**
 * A JSON number as the exact decimal text the crypto amounts expect ("67123.45"). JSON numbers
 * arrive as doubles; their shortest round-trip text is what the source wrote, up to 17 digits.
 */
function decimalText(value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return null;
  const text = String(value);
  if (!/e/i.test(text)) return text;
  // 1.5e-7 and the like: write the digits out.
  const digits = value.toFixed(18).replace(/0+$/, '').replace(/\.$/, '');
  return /[1-9]/.test(digits) ? digits : null;
}
