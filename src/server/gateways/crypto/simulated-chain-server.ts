import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import { formatCoinAmount, parseCoinAmount } from './amounts.js';
import {
  activityQuerySchema,
  mineBodySchema,
  sendBodySchema,
  transactionQuerySchema,
  transfersQuerySchema,
} from './chain-wire.js';
import { CRYPTO_RAILS } from './assets.js';
import { DEFAULT_ASSET, networkOfAddress, SimulatedChain, SimulatedChainError } from './simulated-chain.js';

/**
 * The simulated chain on 127.0.0.1, so that other processes (the billing API as a child process,
 * Playwright tests, the demo) can pay into it and read it:
 *   POST /chain/send  {address, amount: "0.0015", asset?}  → {txid, network}
 *   POST /chain/mine  {blocks?}                            → {height}
 *   GET  /chain/tip                                        → {height}
 *   GET  /chain/transfers?network=&asset=&address=         → {transfers: [{txid, amount, blockHeight}]}
 *   GET  /chain/tx?txid=                                   → {transaction: {txid, network, asset, address, amount, blockHeight} | null}
 *   GET  /chain/activity?after=&waitMs=                     → {activity} (long poll: see chain-wire.ts)
 * Bad input is a 400 {error: {code, message, field}}; it never binds anything but loopback.
 */

export interface SimulatedChainServer {
  readonly chain: SimulatedChain;
  /** http://127.0.0.1:<port> */
  readonly url: string;
  close(): Promise<void>;
}

/** Request bodies are a few hundred bytes; anything far larger is refused unread. */
const MAX_BODY_BYTES = 16 * 1024;

class BadRequest extends Error {
  constructor(
    readonly field: string | null,
    message: string,
    readonly status = 400,
    readonly code = 'validation',
  ) {
    super(message);
  }
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BadRequest(null, 'body too large', 413, 'too_large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequest(null, 'body is not JSON');
  }
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new BadRequest(issue?.path.join('.') || null, issue?.message ?? 'invalid');
}

function send(response: ServerResponse, status: number, body: unknown) {
  // A long poll whose caller hung up has no one left to answer.
  if (response.destroyed) return;
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Default hold of an activity long poll: under the usual 30 s idle timeouts of proxies. */
const DEFAULT_ACTIVITY_WAIT_MS = 25_000;

/** Counts the chain's changes and holds long polls until the count passes what a caller has seen. */
class ActivityFeed {
  private count = 0;
  private readonly waiters = new Set<() => void>();

  constructor(chain: SimulatedChain) {
    chain.onChange(() => {
      this.count += 1;
      for (const wake of [...this.waiters]) wake();
    });
  }

  next(after: number | undefined, waitMs: number, response: ServerResponse): Promise<{ activity: number }> {
    if (after === undefined || this.count > after || waitMs === 0) {
      return Promise.resolve({ activity: this.count });
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        response.off('close', done);
        resolve({ activity: this.count });
      };
      const timer = setTimeout(done, waitMs);
      this.waiters.add(done);
      // A watcher that hung up (or the server closing) frees its place at once.
      response.once('close', done);
    });
  }

  /** Answers every held poll (on close, so no timer keeps the process alive). */
  release(): void {
    for (const wake of [...this.waiters]) wake();
  }
}

function route(
  chain: SimulatedChain,
  activity: ActivityFeed,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<unknown> | unknown {
  const key = `${request.method} ${url.pathname}`;
  switch (key) {
    case 'GET /chain/activity': {
      const query = parse(activityQuerySchema, Object.fromEntries(url.searchParams));
      return activity.next(query.after, query.waitMs ?? DEFAULT_ACTIVITY_WAIT_MS, response);
    }
    case 'GET /chain/tip':
      return chain.tipHeight().then((height) => ({ height }));
    case 'GET /chain/transfers': {
      const query = parse(transfersQuerySchema, Object.fromEntries(url.searchParams));
      const rail = CRYPTO_RAILS.find((r) => r.network === query.network && r.asset === query.asset);
      if (!rail) throw new BadRequest('asset', `${query.asset} is not sent on ${query.network}`);
      return chain.transfersTo(rail, query.address).then((transfers) => ({
        transfers: transfers.map((t) => ({ ...t, amount: formatCoinAmount(t.amount, query.asset) })),
      }));
    }
    case 'GET /chain/tx': {
      const query = parse(transactionQuerySchema, Object.fromEntries(url.searchParams));
      return chain.transaction(query.txid).then((t) => ({
        transaction: t ? { ...t, amount: formatCoinAmount(t.amount, t.asset) } : null,
      }));
    }
    case 'POST /chain/send':
      return readJson(request).then((json) => {
        const body = parse(sendBodySchema, json);
        const network = networkOfAddress(body.address);
        if (network === null) throw new BadRequest('address', 'not an address on any rail');
        const asset = body.asset ?? DEFAULT_ASSET[network];
        const amount = parseCoinAmount(body.amount, asset);
        if (!amount.ok) throw new BadRequest('amount', `not an exact ${asset} amount (${amount.reason})`);
        return chain.send(body.address, amount.value, body.asset);
      });
    case 'POST /chain/mine':
      return readJson(request).then((json) => ({
        height: chain.mine(parse(mineBodySchema, json).blocks ?? 1),
      }));
    default:
      throw new BadRequest(null, `no route ${key}`, 404, 'not_found');
  }
}

export async function startSimulatedChainServer(
  chain: SimulatedChain = new SimulatedChain(),
): Promise<SimulatedChainServer> {
  const activity = new ActivityFeed(chain);
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    Promise.resolve()
      .then(() => route(chain, activity, request, response, url))
      .then(
        (body) => send(response, 200, body),
        (error: unknown) => {
          if (error instanceof BadRequest) {
            send(response, error.status, {
              error: { code: error.code, message: error.message, field: error.field },
            });
          } else if (error instanceof SimulatedChainError) {
            send(response, 400, {
              error: { code: 'validation', message: error.message, field: error.field },
            });
          } else {
            send(response, 500, {
              error: { code: 'internal', message: 'simulated chain failed', field: null },
            });
          }
        },
      );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    chain,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        activity.release();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
