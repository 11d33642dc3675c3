import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkOutboundUrl, refusalOf, type OutboundPolicy, type UrlVerdict } from './url-policy.js';

/** A request to a reseller-set URL: the part of fetch's RequestInit the gateway clients use. */
export interface OutboundRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal | null;
}

/** `fetch` as the gateway clients call it; the guard's and the global one both fit. */
export type OutboundFetch = (url: string, init?: OutboundRequest) => Promise<Response>;

/** Resolves a host name to every address it has (dns.lookup with `all`); tests inject their own. */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

export interface OutboundGuardOptions extends OutboundPolicy {
  resolve?: Resolve;
  /** Whole request, connect to last byte, ms. */
  timeoutMs?: number;
  /** Largest answer read, bytes; a larger one is refused, not truncated. */
  maxResponseBytes?: number;
}

/** A request the guard would not make, or an answer it would not read; says why, never the secrets. */
export class OutboundRefusedError extends Error {
  override readonly name = 'OutboundRefusedError';
}

const DEFAULT_TIMEOUT_MS = 15_000;
/** Bank statements and chain answers are small JSON; 4 MiB leaves room and bounds memory. */
const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );

/**
 * The one way the server reaches a URL a reseller set. Every connection is checked on the address
 * it is actually made to: the socket's DNS lookup is this guard's, so the answer checked is the
 * answer connected to (no window for DNS rebinding between a check and the connection). Redirects
 * are not followed (a 3xx is refused), so no hop escapes the check. Each request has a deadline
 * and a cap on the answer's size.
 */
export class OutboundGuard {
  private readonly resolve: Resolve;
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;

  constructor(private readonly options: OutboundGuardOptions) {
    this.resolve = options.resolve ?? systemResolve;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  }

  get allowsPrivateNetworks(): boolean {
    return this.options.allowPrivateNetworks;
  }

  /** For a URL being saved: the same rules as at request time, short of resolving its name. */
  check(url: string): UrlVerdict {
    return checkOutboundUrl(url, this.options);
  }

  readonly fetch: OutboundFetch = async (url, init = {}) => {
    const checked = this.check(url);
    if (!checked.ok) throw new OutboundRefusedError(`outbound request refused: the URL ${checked.reason}`);
    const target = checked.url;
    const signals = [AbortSignal.timeout(this.timeoutMs), ...(init.signal ? [init.signal] : [])];
    const transport = target.protocol === 'https:' ? https : http;
    return new Promise<Response>((resolve, reject) => {
      const request = transport.request(
        target,
        {
          method: init.method ?? 'GET',
          headers: init.headers ?? {},
          lookup: this.lookup,
          // No pooled socket: every request connects, and so is checked, afresh.
          agent: false,
          signal: AbortSignal.any(signals),
        },
        (response) => {
          const status = response.statusCode ?? 0;
          if (status >= 300 && status < 400) {
            response.destroy();
            reject(
              new OutboundRefusedError(
                `outbound request refused: answered ${status}; redirects are not followed`,
              ),
            );
            return;
          }
          if (Number(response.headers['content-length'] ?? 0) > this.maxResponseBytes) {
            response.destroy();
            reject(this.tooLarge());
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > this.maxResponseBytes) {
              response.destroy();
              reject(this.tooLarge());
              return;
            }
            chunks.push(chunk);
          });
          response.on('error', reject);
          response.on('close', () => {
            if (!response.complete)
              reject(new OutboundRefusedError('outbound request: the answer was cut short'));
          });
          response.on('end', () => {
            try {
              const body = NULL_BODY_STATUSES.has(status) ? null : Buffer.concat(chunks);
              resolve(new Response(body, { status, headers: headersOf(response.headers) }));
            } catch (error) {
              reject(error);
            }
          });
        },
      );
      request.on('error', reject);
      request.end(init.body);
    });
  };

  /** net.connect's lookup: every address the name has must be allowed, else no connection at all. */
  private readonly lookup: LookupFunction = (hostname, options, callback) => {
    this.resolve(hostname).then(
      (addresses) => {
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = addresses.filter((a) => family === 0 || a.family === family);
        for (const { address } of addresses) {
          const refusal = refusalOf(address, this.options);
          if (refusal) {
            const error = new OutboundRefusedError(
              `outbound request refused: ${hostname} resolves to an address that ${refusal}`,
            );
            callback(error, '', 0);
            return;
          }
        }
        const first = usable[0];
        if (!first) {
          callback(new OutboundRefusedError(`outbound request: ${hostname} has no address`), '', 0);
        } else if (options.all) {
          callback(null, usable);
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, '', 0),
    );
  };

  private tooLarge(): OutboundRefusedError {
    return new OutboundRefusedError(
      `outbound request: the answer is larger than ${this.maxResponseBytes} bytes`,
    );
  }
}

/** How a provider given no guard reaches a reseller's URL: public https only, the default rules. */
let publicOnly: OutboundGuard | null = null;
export function resellerFetchOf(env: { resellerFetch?: OutboundFetch | undefined }): OutboundFetch {
  if (env.resellerFetch) return env.resellerFetch;
  publicOnly ??= new OutboundGuard({ allowPrivateNetworks: false });
  return publicOnly.fetch;
}

function headersOf(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}
