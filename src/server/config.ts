import type { ChainEndpoints } from './gateways/crypto/chain-sources/by-network.js';
import type { LiveRatesSettings } from './gateways/crypto/live-rates.js';
import { z } from 'zod';
import { paymentProviders, type PaymentProviderId } from '../shared/api/payments.js';
import type { PaymentJobIntervals } from './jobs/payment-jobs.js';
import {
  DEFAULT_RETENTION,
  MIN_IDEMPOTENCY_HOURS,
  type RetentionPolicy,
} from './services/retention/policy.js';

/** A job interval, ms: from 50 ms (end-to-end tests) to an hour. */
const jobInterval = z.coerce.number().int().min(50).max(3_600_000);

/** A chain API's base URL: http(s), with no credentials in it (keys go in their own setting). */
const chainUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .refine((text) => {
    // Also called on text the URL check refused (zod reports both): that one's reason is enough.
    const url = URL.canParse(text) ? new URL(text) : null;
    return url === null || (url.username === '' && url.password === '');
  }, 'must not carry a user name or password')
  .optional();

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().min(1).default('sqlite:./data/billing.sqlite'),
  BILLING_OPERATOR_TOKEN: z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
  /** Turns on GET /metrics (Prometheus) for the bearer of this token; off when unset. */
  METRICS_TOKEN: z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** 32 bytes, base64: seals gateway credentials at rest (see payments/credentials-key.ts). */
  CREDENTIALS_KEY: z.string().min(1).optional(),
  /** How payers' browsers and providers reach this API (hosted pages, webhook URLs). */
  PUBLIC_BASE_URL: z.url().optional(),
  /** "false": webhook events are processed by the events job only, never right after the answer. */
  PAYMENT_EVENTS_INLINE: z.enum(['true', 'false']).default('true'),
  /** "false": the payment jobs do not run in this process. */
  PAYMENT_JOBS: z.enum(['true', 'false']).default('true'),
  /**
   * How often the events job processes stored events, polls bank feeds and re-reads open crypto
   * invoices, ms (default 10 000). A crypto chain source that can notify (GATEWAY_CRYPTO_API_BASE_URL
   * pointing at the simulated chain) wakes it at once; this interval is the fallback.
   */
  PAYMENT_POLL_MS: jobInterval.optional(),
  /** How often expired payments are closed, ms (default 30 000). */
  PAYMENT_EXPIRY_CHECK_MS: jobInterval.optional(),
  /** How often pending saved methods are looked at, ms (default 60 000; each is re-checked after a minute). */
  PAYMENT_SAVED_METHOD_CHECK_MS: jobInterval.optional(),
  /** An Idempotency-Key's answer replays for at least this many hours (never fewer than 72). */
  IDEMPOTENCY_RETENTION_HOURS: z.coerce
    .number()
    .int()
    .min(MIN_IDEMPOTENCY_HOURS, { error: `must be at least ${MIN_IDEMPOTENCY_HOURS} hours` })
    .default(DEFAULT_RETENTION.idempotencyHours),
  /** Processed gateway events are deleted this many days after they were processed (unprocessed: never). */
  GATEWAY_EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).default(DEFAULT_RETENTION.gatewayEventDays),
  /** Delivered webhook deliveries (and their attempts) are deleted this many days after delivery (undelivered: never). */
  WEBHOOK_DELIVERY_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .default(DEFAULT_RETENTION.webhookDeliveryDays),
  /** Sent emails are deleted this many days after sending (queued or failed: never). */
  EMAIL_RETENTION_DAYS: z.coerce.number().int().min(1).default(DEFAULT_RETENTION.emailDays),
  /** Change-feed entries older than this many days are folded to each entity's newest. */
  FEED_COMPACT_AFTER_DAYS: z.coerce.number().int().min(1).default(DEFAULT_RETENTION.feedCompactAfterDays),
  /** How often the pruning job runs, ms (default hourly; at most daily). */
  PRUNE_INTERVAL_MS: z.coerce.number().int().min(50).max(86_400_000).optional(),
  /** "false": the pruning job does not run in this process. */
  PRUNE_JOBS: z.enum(['true', 'false']).default('true'),
  /**
   * "forbidden": the sandbox test gateway is not offered on this server at all (no reseller can turn
   * it on, its hosted pages and webhooks refuse). "allowed": each reseller's admin may turn it on;
   * it is off for every reseller until then.
   */
  SANDBOX_GATEWAY: z.enum(['allowed', 'forbidden']).default('allowed'),
  /**
   * What a crypto checkout does when its receiving address would lie past the reseller's gap limit
   * (more unpaid addresses in a row than its wallet scans): "refuse" it (422 on `asset`), or "warn"
   * (it goes ahead; the console's payment settings show the warning).
   */
  CRYPTO_GAP_POLICY: z.enum(['warn', 'refuse']).default('warn'),
  /**
   * "true": URLs a reseller sets (gateway API bases, chain sources, webhook endpoints) may point at
   * loopback and private networks, over http too: for on-premise gateways. Default: https to public
   * addresses only. Link-local (cloud metadata), multicast and reserved addresses are always refused.
   */
  OUTBOUND_ALLOW_PRIVATE_NETWORKS: z.enum(['true', 'false']).default('false'),
  /**
   * How many hours PayPal keeps a PayPal-Request-Id: 6 by default, up to 72 when PayPal agreed to
   * keep them longer for this account. A saved PayPal account's charge whose answer was lost is sent
   * again under its id until an hour before then, and held for staff after (lapsed-charge.ts); so is
   * a refund that cannot be looked up by our id (payments/refunds.ts keyMayHaveLapsed): set it higher
   * than PayPal really keeps them and a charge or a refund could be made twice.
   */
  PAYPAL_REQUEST_ID_HOURS: z.coerce
    .number()
    .int({ error: 'must be a whole number of hours' })
    .min(6, { error: 'must be at least 6 hours (PayPal keeps request ids 6 hours by default)' })
    .max(72, { error: 'must be at most 72 hours (the longest PayPal keeps request ids)' })
    .default(6),
  /**
   * Which X-Forwarded-For to believe for the client address (sign-in and credential throttling):
   * `false` (the TCP peer is the client), `true` (every proxy: only when nothing reaches this API but
   * through the proxy), or a comma-separated list of proxy addresses/CIDRs. (No hop count: Fastify
   * refuses to trust by hops alone, since a direct client could then forge the header.)
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^(true|false|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, {
      error: 'must be true, false, or a comma-separated list of proxy addresses (CIDRs allowed)',
    })
    .default('false'),
  GATEWAY_SANDBOX_API_BASE_URL: z.url().optional(),
  GATEWAY_CRYPTO_API_BASE_URL: z.url().optional(),
  GATEWAY_VIETQR_API_BASE_URL: z.url().optional(),
  GATEWAY_STRIPE_API_BASE_URL: z.url().optional(),
  GATEWAY_PAYPAL_API_BASE_URL: z.url().optional(),
  GATEWAY_CRYPTOMUS_API_BASE_URL: z.url().optional(),
  GATEWAY_TAZAPAY_API_BASE_URL: z.url().optional(),
  /**
   * Live coin prices for crypto quotes: a CoinGecko-compatible API (`/api/v3/simple/price`), e.g.
   * https://api.coingecko.com; RATES_API_KEY is sent as `x-cg-pro-api-key`. A price older than
   * RATES_MAX_AGE_SECONDS refuses new quotes; one read serves RATES_REFRESH_SECONDS. Unset: only the
   * rates resellers fix by hand.
   */
  RATES_API_BASE_URL: z.url().optional(),
  /**
   * The real chains crypto payments are read from, one API per network; a network left unset reads
   * the simulated chain (GATEWAY_CRYPTO_API_BASE_URL: the demo and the tests) or the reseller's own
   * chain URL. Reached through the outbound guard (https, public addresses, unless
   * OUTBOUND_ALLOW_PRIVATE_NETWORKS=true). CHAIN_BITCOIN_ESPLORA_URL: an Esplora REST API, e.g.
   * https://blockstream.info/api. CHAIN_ETHEREUM_RPC_URL: an Ethereum JSON-RPC endpoint with
   * historic state for the last day (an archive node or a hosted provider). CHAIN_TRON_API_URL:
   * TronGrid's API, e.g. https://api.trongrid.io, with CHAIN_TRON_API_KEY sent as TRON-PRO-API-KEY.
   */
  CHAIN_BITCOIN_ESPLORA_URL: chainUrl,
  CHAIN_ETHEREUM_RPC_URL: chainUrl,
  CHAIN_TRON_API_URL: chainUrl,
  CHAIN_TRON_API_KEY: z.string().trim().min(1).optional(),
  RATES_API_KEY: z.string().min(1).optional(),
  RATES_MAX_AGE_SECONDS: z.coerce.number().int().min(10).default(600),
  RATES_REFRESH_SECONDS: z.coerce.number().int().min(1).default(60),
  /**
   * The SMTP server emails leave through: smtp://user:pass@host:587 (STARTTLS when offered) or
   * smtps://…:465. Unset: receipts and notices stay queued, and the log says so; nothing fails.
   */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, { error: 'must be an smtp:// or smtps:// URL' })
    .optional(),
  /** The sender of every email, e.g. "Acme Billing <billing@acme.example>". */
  EMAIL_FROM: z.string().min(3).optional(),
  /** "false": this process sends no webhooks or emails (another one does); default "true". */
  EVENT_JOBS: z.enum(['true', 'false']).default('true'),
  /** How long a webhook delivery stays leased to a process that may have died, ms (default 60 000). */
  WEBHOOK_LEASE_MS: z.coerce.number().int().min(100).max(3_600_000).optional(),
});
export type ServerConfig = z.infer<typeof envSchema>;

/** Reads the server's settings from the environment, naming the variable that is wrong. */
export function readConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** How long each provider keeps a saved-method charge's key, ms, as the operator set it (PAYPAL_REQUEST_ID_HOURS). */
export function savedChargeKeysOf(config: ServerConfig): Partial<Record<PaymentProviderId, number>> {
  return { paypal: config.PAYPAL_REQUEST_ID_HOURS * 3_600_000 };
}

/** Per provider, the loopback emulator its API calls go to (GATEWAY_<ID>_API_BASE_URL). */
export function gatewayApiBaseUrls(config: ServerConfig): Partial<Record<PaymentProviderId, string>> {
  const urls: Partial<Record<PaymentProviderId, string>> = {};
  for (const id of paymentProviders) {
    const url = config[`GATEWAY_${id.toUpperCase()}_API_BASE_URL` as keyof ServerConfig];
    if (typeof url === 'string') urls[id] = url.replace(/\/$/, '');
  }
  return urls;
}

/** The live rate source the environment configures, if any. */
export function liveRatesOf(config: ServerConfig): LiveRatesSettings | undefined {
  if (!config.RATES_API_BASE_URL) return undefined;
  return {
    baseUrl: config.RATES_API_BASE_URL,
    maxAgeMs: config.RATES_MAX_AGE_SECONDS * 1000,
    refreshMs: config.RATES_REFRESH_SECONDS * 1000,
    ...(config.RATES_API_KEY ? { apiKey: config.RATES_API_KEY } : {}),
  };
}

/** The chain APIs the environment configures (CHAIN_*), or undefined when it sets none. */
export function chainEndpointsOf(config: ServerConfig): ChainEndpoints | undefined {
  const endpoints: ChainEndpoints = {
    ...(config.CHAIN_BITCOIN_ESPLORA_URL ? { bitcoinEsploraUrl: config.CHAIN_BITCOIN_ESPLORA_URL } : {}),
    ...(config.CHAIN_ETHEREUM_RPC_URL ? { ethereumRpcUrl: config.CHAIN_ETHEREUM_RPC_URL } : {}),
    ...(config.CHAIN_TRON_API_URL ? { tronApiUrl: config.CHAIN_TRON_API_URL } : {}),
    ...(config.CHAIN_TRON_API_KEY ? { tronApiKey: config.CHAIN_TRON_API_KEY } : {}),
  };
  return Object.keys(endpoints).length > 0 ? endpoints : undefined;
}

/** The payment jobs' intervals the environment sets; the others keep their defaults. */
export function paymentJobIntervals(config: ServerConfig): Partial<PaymentJobIntervals> {
  return {
    ...(config.PAYMENT_POLL_MS ? { events: config.PAYMENT_POLL_MS } : {}),
    ...(config.PAYMENT_EXPIRY_CHECK_MS ? { expiry: config.PAYMENT_EXPIRY_CHECK_MS } : {}),
    ...(config.PAYMENT_SAVED_METHOD_CHECK_MS ? { savedMethods: config.PAYMENT_SAVED_METHOD_CHECK_MS } : {}),
  };
}

/** The retention windows the environment sets. */
export function retentionPolicy(config: ServerConfig): RetentionPolicy {
  return {
    idempotencyHours: config.IDEMPOTENCY_RETENTION_HOURS,
    gatewayEventDays: config.GATEWAY_EVENT_RETENTION_DAYS,
    feedCompactAfterDays: config.FEED_COMPACT_AFTER_DAYS,
    webhookDeliveryDays: config.WEBHOOK_DELIVERY_RETENTION_DAYS,
    emailDays: config.EMAIL_RETENTION_DAYS,
  };
}

/** TRUST_PROXY as Fastify's `trustProxy`: a boolean, or the trusted proxies' addresses. */
export function trustProxyOf(config: ServerConfig): boolean | string[] {
  const value = config.TRUST_PROXY;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value.split(',').map((a) => a.trim());
}
