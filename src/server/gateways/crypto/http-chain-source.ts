import type { z } from 'zod';
import type { OutboundFetch } from '../../outbound/guarded-fetch.js';
import { parseCoinAmount } from './amounts.js';
import type { CoinNetwork, CryptoRail } from './assets.js';
import type { ChainSource, ChainTransaction, ChainTransfer } from './chain-source.js';
import {
  activityResponseSchema,
  tipResponseSchema,
  transactionResponseSchema,
  transfersResponseSchema,
} from './chain-wire.js';

export class ChainSourceError extends Error {
  override readonly name = 'ChainSourceError';
  constructor(
    message: string,
    /** The HTTP status, when the source answered one. */
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

/**
 * A chain source over HTTP (chain-wire.ts): how the billing API reads the simulated chain running
 * in another process or in the demo. Every answer is validated; anything unexpected throws, so the
 * payment stays open and the job asks again rather than acting on a half-read chain.
 */
export class HttpChainSource implements ChainSource {
  private readonly base: string;

  constructor(
    baseUrl: string,
    /** The outbound guard's fetch when the URL is a reseller's (chainUrl); plain fetch for the operator's. */
    private readonly http: OutboundFetch = fetch,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  /** The simulated chain has one height for every network. */
  async tipHeight(_network?: CoinNetwork, signal?: AbortSignal): Promise<number> {
    return (await this.get('/chain/tip', tipResponseSchema, signal)).height;
  }

  async transfersTo(rail: CryptoRail, address: string, signal?: AbortSignal): Promise<ChainTransfer[]> {
    const query = new URLSearchParams({ network: rail.network, asset: rail.asset, address });
    const body = await this.get(`/chain/transfers?${query}`, transfersResponseSchema, signal);
    return body.transfers.map((t) => {
      const amount = parseCoinAmount(t.amount, rail.asset);
      if (!amount.ok)
        throw new ChainSourceError(`chain reported an inexact ${rail.asset} amount: ${t.amount}`);
      return { txid: t.txid, amount: amount.value, blockHeight: t.blockHeight };
    });
  }

  async transaction(txid: string, signal?: AbortSignal): Promise<ChainTransaction | null> {
    const query = new URLSearchParams({ txid });
    const { transaction: t } = await this.get(`/chain/tx?${query}`, transactionResponseSchema, signal);
    if (t === null) return null;
    const amount = parseCoinAmount(t.amount, t.asset);
    if (!amount.ok) throw new ChainSourceError(`chain reported an inexact ${t.asset} amount: ${t.amount}`);
    return { ...t, amount: amount.value };
  }

  /**
   * The chain's activity counter once it passes `after` (or after the source's hold, unchanged);
   * with `after` null, the counter now. A 404 means this source cannot tell (see watchChainActivity).
   */
  async nextActivity(after: number | null, signal?: AbortSignal): Promise<number> {
    const query = after === null ? '' : `?after=${after}`;
    return (await this.get(`/chain/activity${query}`, activityResponseSchema, signal)).activity;
  }

  private async get<T extends z.ZodType>(path: string, schema: T, signal?: AbortSignal): Promise<z.infer<T>> {
    const response = await this.http(`${this.base}${path}`, { signal: signal ?? null });
    const text = await response.text();
    if (!response.ok)
      throw new ChainSourceError(`chain source answered ${response.status} to ${path}`, response.status);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ChainSourceError(`chain source sent a body that is not JSON for ${path}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ChainSourceError(`chain source sent an unexpected answer for ${path}`);
    return parsed.data;
  }
}
