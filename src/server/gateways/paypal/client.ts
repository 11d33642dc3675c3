import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * PayPal REST calls: an OAuth2 client-credentials token (POST /v1/oauth2/token, HTTP Basic with the
 * app's id and secret; https://developer.paypal.com/api/rest/authentication/), reused until shortly
 * before it expires, then JSON requests with it as Bearer.
 */

export class PayPalApiError extends Error {
  override readonly name = 'PayPalApiError';
  constructor(
    readonly status: number,
    /** PayPal's error name and first issue, e.g. "UNPROCESSABLE_ENTITY" / "INSTRUMENT_DECLINED". */
    readonly errorName: string,
    readonly issue: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

const tokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.int().positive(),
});

const errorSchema = z.object({
  name: z.string().optional(),
  message: z.string().optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
  details: z.array(z.object({ issue: z.string().optional(), description: z.string().optional() })).optional(),
});

interface CachedToken {
  value: string;
  expiresAt: number;
}

/** Tokens by app (not by provider instance: providers are built per request). Bounded by app count. */
const tokens = new Map<string, CachedToken>();

const TIMEOUT_MS = 20_000;

export interface PayPalRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** PayPal-Request-Id: PayPal answers a repeated id with the first result instead of acting again. */
  requestId?: string;
  signal?: AbortSignal;
}

export class PayPalClient {
  private readonly cacheKey: string;

  constructor(
    private readonly baseUrl: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly now: () => Date,
  ) {
    const secretHash = createHash('sha256').update(clientSecret).digest('hex');
    this.cacheKey = `${baseUrl}|${clientId}|${secretHash}`;
  }

  async request(request: PayPalRequest): Promise<unknown> {
    const token = await this.token(request.signal);
    const response = await this.send(request, token);
    if (response.status !== 401) return this.read(response);
    // A token PayPal revoked early: forget it and try once with a new one.
    tokens.delete(this.cacheKey);
    return this.read(await this.send(request, await this.token(request.signal)));
  }

  private send(request: PayPalRequest, token: string) {
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      prefer: 'return=representation',
    };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.requestId !== undefined) headers['paypal-request-id'] = request.requestId;
    return fetch(new URL(request.path, this.baseUrl), {
      method: request.method,
      headers,
      ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
      signal: this.signal(request.signal),
    });
  }

  private async read(response: Response): Promise<unknown> {
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text === '' ? null : JSON.parse(text);
    } catch {
      // An HTML error page from a proxy: reported below with the status.
    }
    if (response.ok) return body;
    const error = errorSchema.safeParse(body);
    const name = (error.success && (error.data.name ?? error.data.error)) || `HTTP ${response.status}`;
    const issue = error.success ? error.data.details?.[0]?.issue : undefined;
    const detail = error.success
      ? (error.data.message ?? error.data.error_description ?? '')
      : text.slice(0, 200);
    throw new PayPalApiError(
      response.status,
      name,
      issue,
      `PayPal ${name}${issue ? ` ${issue}` : ''}: ${detail}`,
    );
  }

  private async token(signal?: AbortSignal): Promise<string> {
    const cached = tokens.get(this.cacheKey);
    if (cached && cached.expiresAt > this.now().getTime()) return cached.value;
    const basic = Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64');
    const response = await fetch(new URL('/v1/oauth2/token', this.baseUrl), {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: 'grant_type=client_credentials',
      signal: this.signal(signal),
    });
    const token = tokenSchema.parse(await this.read(response));
    // Renewed a minute early, so a token never expires between being read here and used.
    const expiresAt = this.now().getTime() + (token.expires_in - 60) * 1000;
    tokens.set(this.cacheKey, { value: token.access_token, expiresAt });
    return token.access_token;
  }

  private signal(caller?: AbortSignal) {
    const timeout = AbortSignal.timeout(TIMEOUT_MS);
    return caller ? AbortSignal.any([caller, timeout]) : timeout;
  }
}
