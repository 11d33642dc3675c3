import { LiveRates, type ChainEndpoints, type LiveRatesSettings } from './gateways/crypto/index.js';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import swagger from '@fastify/swagger';
import Fastify, {
  type FastifyError,
  type HTTPMethods,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { Authenticator } from './auth/authenticator.js';
import { pathProblem, type RouteFinder } from './http/path-params.js';
import { OutboundGuard, type OutboundGuardOptions } from './outbound/guarded-fetch.js';
import { addHeadersTo, addResponseHeaders } from './http/response-headers.js';
import { HttpChainSource } from './gateways/crypto/http-chain-source.js';
import { GATEWAYS, type GatewayRegistry } from './gateways/registry.js';
import { watchChainActivity, type ChainActivityWatch } from './jobs/chain-activity-watch.js';
import { PAYMENT_JOBS, paymentScheduler, type PaymentJobIntervals } from './jobs/payment-jobs.js';
import { pruneScheduler } from './jobs/prune-job.js';
import type { JobScheduler } from './jobs/scheduler.js';
import { parseForm } from './payments/hosted-page.js';
import { ProviderFactory, type SandboxGatewayPolicy } from './payments/providers.js';
import { PaymentService } from './payments/service.js';
import type { PaymentProviderId } from '../shared/api/payments.js';
import { validationReason } from '../shared/api/validation-reason.js';
import type { z } from 'zod';
import type { Api, AppContext } from './context.js';
import type { Store } from './db/database.js';
import { REQUEST_ID_HEADER, requestIdOf } from './observability/logging.js';
import { registerMetrics } from './observability/metrics.js';
import { registerAuditRoutes } from './routes/audit.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerCustomerRoutes } from './routes/customers.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerStatementRoutes } from './routes/statements.js';
import { StatementSigner } from './services/statements/signer.js';
import { registerHoldRoutes } from './routes/holds.js';
import { registerMovementLimitRoutes } from './routes/movement-limits.js';
import { registerPayerRoutes } from './routes/payers.js';
import { registerPaymentReviewRoutes } from './routes/payment-reviews.js';
import { registerPaymentSettingsRoutes } from './routes/payment-settings.js';
import { registerCryptoAddressRoutes } from './routes/crypto-addresses.js';
import { registerSandboxCheckoutRoutes } from './routes/sandbox-checkout.js';
import { registerTopUpLinkPages, registerTopUpLinkRoutes } from './routes/top-up-links.js';
import { registerTopUpRoutes } from './routes/top-ups.js';
import { registerUserRoutes } from './routes/users.js';
import { registerWebhookRoutes } from './routes/webhooks.js';
import { registerSyncRoutes } from './routes/sync.js';
import { registerTransactionRoutes } from './routes/transactions.js';
import { registerWalletRoutes } from './routes/wallets.js';
import { registerOrderRoutes } from './routes/orders.js';
import { registerSubscriptionRoutes } from './routes/subscriptions.js';
import { orderScheduler } from './jobs/order-jobs.js';
import { Renewals } from './services/subscriptions/renewals.js';
import { registerAlertRoutes } from './routes/alerts.js';
import { AutoTopUpRunner, autoTopUpScheduler } from './jobs/auto-top-up-job.js';
import { registerPaymentRefundRoutes } from './routes/payment-refunds.js';
import { registerInvoiceRoutes } from './routes/invoices.js';
import { registerTicketRoutes } from './routes/tickets.js';
import { registerPaymentVerifyRoutes } from './routes/payment-verify.js';
import { registerBatchRoutes } from './routes/batch.js';
import {
  DEFAULT_THROTTLE_RULES,
  RateLimited,
  Throttle,
  type ThrottleRules,
} from './services/auth/throttle.js';
import { Failure } from './services/failure.js';
import { failureBody, failureStatusOf, statusOf } from './http/failure-status.js';
import type { RetentionPolicy } from './services/retention/policy.js';
import { Pruner } from './services/retention/pruner.js';
import { Sequencer } from './sync/sequencer.js';
import { attachEvents, type EmailOptions, type WebhookOptions } from './events/wiring.js';
import type { CryptoGapPolicy } from './services/payments/address-gap.js';

export interface AppOptions {
  store: Store;
  /** A secret that is accepted as the operator credential (BILLING_OPERATOR_TOKEN). */
  operatorToken?: string | undefined;
  /** METRICS_TOKEN: turns on GET /metrics for the bearer of this token (off without it). */
  metricsToken?: string | undefined;
  /** Injected clock, for tests. */
  clock?: () => Date;
  logger?: FastifyServerOptions['logger'];
  /** For the sequencer's LISTEN on PostgreSQL (several API processes). */
  databaseUrl?: string | undefined;
  schema?: string | undefined;
  /** Limits on sign-in and credential attempts (defaults: DEFAULT_THROTTLE_RULES). */
  throttle?: Partial<ThrottleRules>;
  /**
   * Which proxies' X-Forwarded-For to believe for the client address (TRUST_PROXY): Fastify's
   * `trustProxy`. Default false: the address is the TCP peer, and a forwarded header is ignored.
   */
  trustProxy?: FastifyServerOptions['trustProxy'];
  payments?: PaymentOptions;
  retention?: RetentionOptions;
  /** How URLs a reseller sets are reached (OUTBOUND_ALLOW_PRIVATE_NETWORKS); default: public https only. */
  outbound?: OutboundGuardOptions;
  /** Outgoing webhooks: jobs, secrets key, lease (defaults in events/wiring.ts). */
  webhooks?: WebhookOptions;
  /** SMTP_URL and EMAIL_FROM; no SMTP_URL: emails stay queued. */
  email?: EmailOptions;
  orders?: OrderOptions;
}

export interface OrderOptions {
  /** Run the order timeout and renewal jobs on their interval (default true); tests run them by hand. */
  jobs?: boolean;
  /** How often they run, ms (default each minute). */
  everyMs?: number;
}

export interface RetentionOptions {
  /** Windows and ages (defaults in services/retention/policy.ts). */
  policy?: Partial<RetentionPolicy>;
  /** Run the pruning job on its interval (default true); tests run it by hand instead. */
  jobs?: boolean;
  /** How often the pruning job runs, ms (default hourly). */
  everyMs?: number;
}

export interface PaymentOptions {
  /** Which providers this server offers (tests inject their own definitions); default GATEWAYS. */
  registry?: GatewayRegistry;
  /**
   * The key gateway credentials are sealed with (see payments/credentials-key.ts); null refuses to
   * store any. Default: a random per-process key on SQLite, none on PostgreSQL.
   */
  credentialsKey?: Buffer | null;
  /** How payers' browsers and providers reach this API; default: the address it listens on. */
  publicBaseUrl?: string;
  /** Per provider, an emulator's base URL (GATEWAY_<ID>_API_BASE_URL). */
  apiBaseUrls?: Partial<Record<PaymentProviderId, string>>;
  /** The operator's live coin rate source (RATES_API_BASE_URL …); none by default. */
  liveRates?: LiveRatesSettings | undefined;
  /** The operator's chain APIs per network (CHAIN_*); networks left out read the simulated chain. */
  chains?: ChainEndpoints | undefined;
  /**
   * SANDBOX_GATEWAY: "forbidden" takes the sandbox test gateway off this server altogether;
   * "allowed" (default) lets each reseller's admin turn it on (it is off until then).
   */
  sandboxGateway?: SandboxGatewayPolicy;
  /** CRYPTO_GAP_POLICY: a crypto checkout past the reseller's address gap limit is refused or warned of (default). */
  cryptoGapPolicy?: CryptoGapPolicy;
  /**
   * Per provider, how long it keeps a saved-method charge's key (ms) where the operator arranged
   * longer than its default (PAYPAL_REQUEST_ID_HOURS); see lapsed-charge.ts.
   */
  savedChargeKeyMs?: Partial<Record<PaymentProviderId, number>>;
  /** Run the payment jobs on their intervals (default true); tests run them by hand instead. */
  jobs?: boolean;
  /** Process webhook events right after answering (default true); false leaves them to the job. */
  processInline?: boolean;
  /** Intervals of the payment jobs, ms (defaults in jobs/payment-jobs.ts). */
  jobEveryMs?: Partial<PaymentJobIntervals>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The payment service and its jobs, for the entry point and for tests that drive them. */
    payments: PaymentService;
    paymentJobs: JobScheduler;
    /** Retention: deletes what is kept no longer (one process at a time, by lease). */
    pruner: Pruner;
    pruneJobs: JobScheduler;
    /**
     * Numbers committed changes just after their commit (a write's answer may go out before its
     * change has a feed position): tests that compare a feed reader with the API flush it first.
     */
    sequencer: Sequencer;
    /** Orders stuck in provisioning fail, subscriptions renew: one scheduler, run in every process. */
    orderJobs: JobScheduler;
    renewals: Renewals;
    /** Auto top-up charging (a leased job); tests run it by hand under their clock. */
    autoTopUps: AutoTopUpRunner;
    autoTopUpJobs: JobScheduler;
  }
}

/** Largest request body accepted (bytes): every request here is small JSON. */
const BODY_LIMIT = 64 * 1024;

export async function buildApp(options: AppOptions): Promise<Api> {
  const clock = options.clock ?? (() => new Date());
  // The router's own refusals are answered before routing; they look the route up again to name the parameter.
  const findRoute: RouteFinder = (method, url) => app.findRoute({ method: method as HTTPMethods, url });
  const app = Fastify({
    logger: options.logger ?? false,
    // X-Request-Id: the caller's when well formed, else ours; logged as reqId on every line.
    requestIdHeader: false,
    genReqId: requestIdOf,
    bodyLimit: BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    // Long-lived SSE streams must not hold up shutdown forever.
    forceCloseConnections: true,
    return503OnClosing: true,
    // A malformed URL (bad percent-encoding) is answered before routing: give it the usual shape.
    frameworkErrors: (error, request, reply) => badUrl(findRoute, error, request, reply),
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
  }).withTypeProvider<ZodTypeProvider>();
  addResponseHeaders(app);
  app.addHook('onRequest', async (request, reply) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
  });
  // Every body here is JSON; without this, text/plain would be parsed and fail as a wrong type.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('principal', null);

  const sequencer = new Sequencer(options.store, {
    databaseUrl: options.databaseUrl,
    schema: options.schema,
  });
  const paymentOptions = options.payments ?? {};
  const credentialsKey =
    paymentOptions.credentialsKey !== undefined
      ? paymentOptions.credentialsKey
      : options.store.dialect === 'sqlite'
        ? randomBytes(32)
        : null;
  const publicBaseUrl = () => paymentOptions.publicBaseUrl ?? listeningUrl(app.server.address());
  const payments = new PaymentService({
    store: options.store,
    clock,
    publicBaseUrl,
    processInline: paymentOptions.processInline ?? true,
    ...(paymentOptions.savedChargeKeyMs ? { savedChargeKeyMs: paymentOptions.savedChargeKeyMs } : {}),
    providers: new ProviderFactory({
      store: options.store,
      registry: paymentOptions.registry ?? GATEWAYS,
      credentialsKey,
      clock,
      publicBaseUrl,
      apiBaseUrls: paymentOptions.apiBaseUrls ?? {},
      sandboxGateway: paymentOptions.sandboxGateway ?? 'allowed',
      outbound: new OutboundGuard(options.outbound ?? { allowPrivateNetworks: false }),
      liveRates: paymentOptions.liveRates
        ? new LiveRates({ ...paymentOptions.liveRates, now: clock }).source
        : undefined,
      chainEndpoints: paymentOptions.chains,
      cryptoGapPolicy: paymentOptions.cryptoGapPolicy,
    }),
    onError: (error, what) => app.log.error({ err: error }, `payments: ${what} failed`),
    log: app.log,
  });
  const jobs = paymentScheduler(payments, {
    ...(paymentOptions.jobEveryMs ? { everyMs: paymentOptions.jobEveryMs } : {}),
    onError: (error, job) => app.log.error({ err: error }, `job ${job} failed`),
  });
  const retention = options.retention ?? {};
  const pruner = new Pruner(options.store, clock, retention.policy);
  const pruneJobs = pruneScheduler(pruner, {
    ...(retention.everyMs ? { everyMs: retention.everyMs } : {}),
    onError: (error, job) => app.log.error({ err: error }, `job ${job} failed`),
  });
  if (options.metricsToken) {
    registerMetrics(app, {
      token: options.metricsToken,
      store: options.store,
      clock,
      schedulers: [jobs, pruneJobs],
    });
  }
  app.decorate('payments', payments);
  app.decorate('paymentJobs', jobs);
  app.decorate('pruner', pruner);
  app.decorate('pruneJobs', pruneJobs);
  app.decorate('sequencer', sequencer);
  const orderOptions = options.orders ?? {};
  const renewals = new Renewals(options.store, clock, payments);
  const orderJobs = orderScheduler(options.store, clock, renewals, {
    ...(orderOptions.everyMs ? { everyMs: orderOptions.everyMs } : {}),
    onError: (error, job) => app.log.error({ err: error }, `job ${job} failed`),
    onRun: (job, report) => app.log.info({ job, report }, 'order job ran'),
    // Which order's refund cannot land and why (orders_timeout_refund_refused counts them).
    onRefused: (refused) => app.log.warn(refused, 'order timeout: refund refused'),
  });
  app.decorate('orderJobs', orderJobs);
  app.decorate('renewals', renewals);
  const autoTopUps = new AutoTopUpRunner(options.store, payments, clock);
  const autoTopUpJobs = autoTopUpScheduler(autoTopUps, {
    onError: (error, job) => app.log.error({ err: error }, `job ${job} failed`),
  });
  app.decorate('autoTopUps', autoTopUps);
  app.decorate('autoTopUpJobs', autoTopUpJobs);
  const ctx: AppContext = {
    store: options.store,
    sequencer,
    auth: new Authenticator(options.store.db, options.operatorToken, clock),
    throttle: new Throttle(options.store, { ...DEFAULT_THROTTLE_RULES, ...options.throttle }, clock),
    now: () => clock().toISOString(),
    payments,
    statements: credentialsKey ? StatementSigner.fromCredentialsKey(credentialsKey) : null,
  };

  app.addHook('onRequest', async (request) => {
    const credential = await ctx.auth.resolve(request.headers.authorization);
    request.principal =
      credential.kind === 'key' || credential.kind === 'operator' ? credential.principal : null;
    // A live key or session (256 random bits) costs nothing more: the hot path stays one look-up.
    // The operator token and unknown credentials may be guesses: they are counted per address.
    if ((credential.kind === 'operator' || credential.kind === 'unknown') && takesCredential(request)) {
      await ctx.throttle.guardCredential(request.ip, credential.kind === 'operator');
    }
  });
  // PostgreSQL cannot store U+0000 in text (SQLite can): refuse it in any input so both answer alike.
  app.addHook('preValidation', async (request) => {
    for (const where of ['params', 'query', 'body'] as const) {
      const path = nulPath(request[where]);
      if (path === null) continue;
      const field = path || where;
      const prefix = where === 'body' ? '' : `${where}: `;
      throw new Failure('validation', `${prefix}${field}: must not contain NUL (U+0000) characters`, field);
    }
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const failure = toFailure(error, request.routeOptions.bodyLimit ?? BODY_LIMIT);
    if (failure.code === 'internal') request.log.error({ err: error }, 'request failed');
    if (failure instanceof RateLimited) void reply.header('retry-after', String(failure.retryAfterSeconds));
    return reply.code(statusOf(failure)).send(failureBody(failure));
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(failureBody(new Failure('not_found', `no route ${request.method} ${shortPath(request.url)}`))),
  );

  await app.register(swagger, {
    openapi: {
      info: { title: 'Reseller Console billing API', version: '1.0.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });

  registerHealthRoutes(app, {
    store: options.store,
    runsJobs: (paymentOptions.jobs ?? true) || (retention.jobs ?? true),
    clock,
  });
  app.get('/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(async (v1) => {
    const api = v1.withTypeProvider<ZodTypeProvider>();
    registerAuthRoutes(api, ctx);
    registerUserRoutes(api, ctx);
    registerCustomerRoutes(api, ctx);
    registerWalletRoutes(api, ctx);
    registerMovementLimitRoutes(api, ctx);
    registerAuditRoutes(api, ctx);
    registerHoldRoutes(api, ctx);
    registerTransactionRoutes(api, ctx);
    registerSyncRoutes(api, ctx);
    registerPaymentSettingsRoutes(api, ctx);
    registerCryptoAddressRoutes(api, ctx);
    registerPayerRoutes(api, ctx);
    registerTopUpRoutes(api, ctx);
    registerPaymentReviewRoutes(api, ctx);
    registerTopUpLinkRoutes(api, ctx);
    registerStatementRoutes(api, ctx);
    await registerWebhookRoutes(api, ctx);
    registerOrderRoutes(api, ctx);
    registerSubscriptionRoutes(api, ctx);
    registerAlertRoutes(api, ctx);
    registerPaymentRefundRoutes(api, ctx);
    registerInvoiceRoutes(api, ctx);
    registerTicketRoutes(api, ctx);
    registerPaymentVerifyRoutes(api, ctx);
    registerBatchRoutes(api, ctx);
  });
  // Hosted pages for payers' browsers post HTML forms: only they parse form bodies.
  await app.register(async (pages) => {
    pages.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_req, body, done) => done(null, parseForm(String(body))),
    );
    const api = pages.withTypeProvider<ZodTypeProvider>();
    registerSandboxCheckoutRoutes(api, ctx);
    registerTopUpLinkPages(api, ctx);
  });

  await attachEvents(app, ctx, {
    clock,
    outbound: options.outbound ?? { allowPrivateNetworks: false },
    credentialsKey: paymentOptions.credentialsKey,
    webhooks: options.webhooks,
    email: options.email,
  });

  app.addHook('onReady', () => sequencer.start());
  app.addHook('onReady', async () => {
    if (retention.jobs ?? true) pruneJobs.start();
  });
  let chainWatch: ChainActivityWatch | null = null;
  app.addHook('onReady', async () => {
    if (!(paymentOptions.jobs ?? true)) return;
    jobs.start();
    // A chain source that can say when the chain changed wakes the events job at once.
    const chainUrl = paymentOptions.apiBaseUrls?.crypto;
    if (chainUrl) {
      chainWatch = watchChainActivity(new HttpChainSource(chainUrl), () => jobs.kick(PAYMENT_JOBS.events), {
        onError: (error) => app.log.warn({ err: error }, 'crypto chain activity: not heard, retrying'),
        onUnsupported: () =>
          app.log.info('crypto chain source cannot notify: invoices are re-read on the interval'),
      });
    }
  });
  app.addHook('onClose', () => sequencer.stop());
  app.addHook('onReady', async () => {
    if (orderOptions.jobs ?? true) orderJobs.start();
    if (paymentOptions.jobs ?? true) autoTopUpJobs.start();
  });
  app.addHook('onClose', () => orderJobs.stop());
  app.addHook('onClose', () => autoTopUpJobs.stop());
  app.addHook('onClose', () => pruneJobs.stop());
  app.addHook('onClose', async () => {
    await chainWatch?.stop();
    await jobs.stop();
    await payments.settled();
  });
  return app;
}

/** http://<address>:<port> of a listening server; before it listens, the loopback default. */
function listeningUrl(address: string | AddressInfo | null): string {
  if (address === null || typeof address === 'string') return 'http://127.0.0.1';
  const host =
    address.family === 'IPv6'
      ? `[${address.address === '::' ? '::1' : address.address}]`
      : address.address === '0.0.0.0'
        ? '127.0.0.1'
        : address.address;
  return `http://${host}:${address.port}`;
}

/**
 * Whether the route reads a Bearer credential. Sign-in and gateway webhooks declare `security: []`
 * (a webhook's Authorization is the gateway's own token, not ours); hidden routes are the payers'
 * hosted pages, health and the OpenAPI document; an unknown route reads nothing either.
 */
function takesCredential(request: FastifyRequest): boolean {
  const { url, schema } = request.routeOptions;
  if (url === undefined || schema?.hide) return false;
  return !(Array.isArray(schema?.security) && schema.security.length === 0);
}

/** The path of a URL for a message: never its query, never more than a line of it. */
function shortPath(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.length > 120 ? `${path.slice(0, 120)}…` : path;
}

/** Longest path parameter the router takes (Fastify's default); ids are far shorter. */
const MAX_PARAM_LENGTH = 100;

/** The router refused the path: name the parameter and the reason, never echo the URL. */
function badUrl(findRoute: RouteFinder, error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const problem =
    error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? pathProblem(request.method, request.url, findRoute, MAX_PARAM_LENGTH)
      : { field: 'path', reason: 'is not a valid URL path' };
  void reply.type('application/json; charset=utf-8');
  addHeadersTo(reply);
  void reply
    .code(400)
    .send(
      failureBody(new Failure('validation', `params: ${problem.field}: ${problem.reason}`, problem.field)),
    );
}

/** The dotted path of a string holding U+0000 in parsed input, or null (iterative: any depth). */
function nulPath(root: unknown): string | null {
  const stack: Array<[unknown, string]> = [[root, '']];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [value, path] = next;
    if (typeof value === 'string' && value.includes('\u0000')) return path;
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) stack.push([v, path ? `${path}.${k}` : k]);
    }
  }
  return null;
}

/**
 * Unique indexes behind rules the services check before they write. On PostgreSQL two concurrent
 * requests can both pass the check; the index then refuses the later one: the same conflict.
 */
const UNIQUE_RULES: Record<string, { message: string; field?: string }> = {
  customers_reseller_external_ref: {
    message: 'another customer already has this external reference',
    field: 'externalRef',
  },
  wallets_customer_currency: {
    message: 'this customer already has a wallet in this currency',
    field: 'currency',
  },
  users_email_key: { message: 'this email address is already in use' },
};

function uniqueRuleOf(error: unknown) {
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && typeof constraint === 'string' ? UNIQUE_RULES[constraint] : undefined;
}

/** Every error becomes a named refusal; only a fault of our own is a 500. */
/** `bodyLimit`: the route's own (the batch route accepts more than the rest), to name it in a refusal. */
function toFailure(error: FastifyError, bodyLimit: number): Failure {
  // Through unknown: a FastifyError and a Failure overlap in shape, so `instanceof` alone narrows wrongly.
  const thrown: unknown = error;
  if (thrown instanceof Failure) return thrown;
  const rule = uniqueRuleOf(error);
  if (rule) return new Failure('conflict', rule.message, rule.field);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issue = error.validation[0];
    const where = error.validationContext ?? 'body';
    const path = issue?.instancePath.replace(/^\//, '').replaceAll('/', '.') ?? '';
    // An unknown key is reported on its object: name the key itself.
    const unknownKey =
      issue?.keyword === 'unrecognized_keys' ? (issue.params as { keys?: string[] }).keys?.[0] : undefined;
    const field = unknownKey ? [path, unknownKey].filter(Boolean).join('.') : path || where;
    const prefix = where === 'body' ? '' : `${where === 'querystring' ? 'query' : where}: `;
    // The issue as zod wrote it (the type provider keeps its particulars as `params`), for the reason.
    const reason =
      issue &&
      validationReason({
        ...issue.params,
        code: issue.keyword,
        message: issue.message,
        path: [],
      } as z.core.$ZodIssue);
    return new Failure('validation', `${prefix}${field}: ${issue?.message ?? 'is invalid'}`, field, reason);
  }
  if (isResponseSerializationError(error))
    return new Failure('internal', 'the server produced an invalid response');
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new Failure('payload_too_large', `the request body is larger than ${bodyLimit} bytes`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new Failure('unsupported_media_type', 'send the body as application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new Failure('invalid_json', 'the body is empty; send a JSON object');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new Failure('validation', 'the Content-Length header does not match the body');
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new Failure('invalid_json', `the body is not valid JSON: ${error.message}`);
  }
  const status = failureStatusOf(error.statusCode);
  if (status) return new Failure(status, error.message);
  return new Failure('internal', 'something went wrong on our side');
}
