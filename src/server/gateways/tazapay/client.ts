import { z } from 'zod';
import type { OutboundFetch } from '../../outbound/guarded-fetch.js';

/**
 * Tazapay API v3 calls: JSON over HTTPS with HTTP Basic authentication, base64("<API key>:<API
 * secret>") (developer.tazapay.com, API Reference > Authentication; the same header the official
 * WooCommerce plugin builds in includes/tazapay-apis.php). Every answer is an envelope:
 * {"status":"success","message":…,"data":{…}} or {"status":"error","message":…,"errors":[{code,message}]}.
 */

export class TazapayApiError extends Error {
  override readonly name = 'TazapayApiError';
  constructor(
    readonly status: number,
    /** Tazapay's first error code, when it sent one. */
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

const successSchema = z.object({ status: z.literal('success'), data: z.unknown() });
const errorSchema = z.object({
  status: z.string().optional(),
  message: z.string().optional(),
  errors: z
    .array(z.object({ code: z.union([z.string(), z.number()]).optional(), message: z.string().optional() }))
    .optional(),
});

const TIMEOUT_MS = 20_000;

export interface TazapayRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** Sent as Idempotency-Key, as Tazapay's WooCommerce plugin does: a retried create opens nothing new. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export class TazapayClient {
  private readonly authorization: string;

  constructor(
    private readonly baseUrl: string,
    apiKey: string,
    apiSecret: string,
    /** The outbound guard for Tazapay's own hosts; plain fetch for the operator's loopback emulator. */
    private readonly http: OutboundFetch,
  ) {
    this.authorization = `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`;
  }

  /** The `data` of a successful answer; anything else throws with Tazapay's reason. */
  async request({ method, path, body, idempotencyKey, signal }: TazapayRequest): Promise<unknown> {
    const headers: Record<string, string> = { authorization: this.authorization, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
    const timeout = AbortSignal.timeout(TIMEOUT_MS);
    const response = await this.http(new URL(path, this.baseUrl).toString(), {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // An HTML error page from a proxy: reported below with the status.
    }
    const success = successSchema.safeParse(parsed);
    if (response.ok && success.success) return success.data.data;
    const error = errorSchema.safeParse(parsed);
    const first = error.success ? error.data.errors?.[0] : undefined;
    const detail = error.success
      ? [error.data.message, first?.message].filter(Boolean).join(': ')
      : text.slice(0, 200);
    throw new TazapayApiError(
      response.status,
      first?.code === undefined ? undefined : String(first.code),
      `Tazapay ${method} ${path}: HTTP ${response.status} ${detail}`,
    );
  }
}
