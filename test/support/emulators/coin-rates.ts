import { sendJson, startLoopbackServer } from './loopback-server.js';

/**
 * A loopback rate source speaking CoinGecko's `GET /api/v3/simple/price` shape (ids, vs_currencies,
 * include_last_updated_at, precision; prices as JSON numbers, `last_updated_at` in unix seconds), as
 * its public API reference documents it. Tests set the prices, how old the source says they are, and
 * whether it answers at all; it counts the reads.
 */
export interface CoinRatesEmulator {
  url: string;
  /** Price of one coin (CoinGecko id → lower-case fiat → number). */
  prices: Record<string, Record<string, number>>;
  /** What `last_updated_at` says, unix seconds. */
  updatedAt: number;
  /** Answer 503 instead of prices. */
  down: boolean;
  reads: number;
  close(): Promise<void>;
}

export async function startCoinRatesEmulator(updatedAt: Date): Promise<CoinRatesEmulator> {
  const state = {
    prices: {} as Record<string, Record<string, number>>,
    updatedAt: Math.floor(updatedAt.getTime() / 1000),
    down: false,
    reads: 0,
  };
  const server = await startLoopbackServer((request, _body, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method !== 'GET' || url.pathname !== '/api/v3/simple/price') {
      sendJson(response, 404, { error: 'not found' });
      return;
    }
    state.reads += 1;
    if (state.down) {
      sendJson(response, 503, { status: { error_code: 503, error_message: 'Service Unavailable' } });
      return;
    }
    const ids = (url.searchParams.get('ids') ?? '').split(',');
    const fiats = (url.searchParams.get('vs_currencies') ?? '').split(',');
    const withUpdated = url.searchParams.get('include_last_updated_at') === 'true';
    const body: Record<string, Record<string, number>> = {};
    for (const id of ids) {
      const known = state.prices[id];
      if (!known) continue;
      body[id] = Object.fromEntries(fiats.filter((f) => f in known).map((f) => [f, known[f]!]));
      if (withUpdated) body[id].last_updated_at = state.updatedAt;
    }
    sendJson(response, 200, body);
  });
  return Object.assign(state, { url: server.url, close: server.close });
}
