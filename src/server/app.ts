import swagger from '@fastify/swagger';
import rateLimit from '@fastify/rate-limit';
import Fastify, {
  type FastifyError,
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
import type { Api, AppContext } from './context.js';
import type { Store } from './db/database.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerCustomerRoutes } from './routes/customers.js';
import { registerHoldRoutes } from './routes/holds.js';
import { registerSyncRoutes } from './routes/sync.js';
import { registerTransactionRoutes } from './routes/transactions.js';
import { registerWalletRoutes } from './routes/wallets.js';
import { Failure, failureStatusOf } from './services/failure.js';
import { failureBody } from './services/idempotency.js';
import { Sequencer } from './sync/sequencer.js';

export interface AppOptions {
  store: Store;
  /** A secret that is accepted as the operator credential (BILLING_OPERATOR_TOKEN). */
  operatorToken?: string | undefined;
  /** Injected clock, for tests. */
  clock?: () => Date;
  logger?: FastifyServerOptions['logger'];
  /** For the sequencer's LISTEN on PostgreSQL (several API processes). */
  databaseUrl?: string | undefined;
  schema?: string | undefined;
  /** Sign-in attempts allowed per minute per address and email. */
  loginRateLimit?: number;
}

/** Largest request body accepted (bytes): every request here is small JSON. */
const BODY_LIMIT = 64 * 1024;

export async function buildApp(options: AppOptions): Promise<Api> {
  const clock = options.clock ?? (() => new Date());
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    // Long-lived SSE streams must not hold up shutdown forever.
    forceCloseConnections: true,
    return503OnClosing: true,
    // A malformed URL (bad percent-encoding) is answered before routing: give it the usual shape.
    frameworkErrors: badUrl,
  }).withTypeProvider<ZodTypeProvider>();
  // Every body here is JSON; without this, text/plain would be parsed and fail as a wrong type.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('principal', null);

  const sequencer = new Sequencer(options.store, {
    databaseUrl: options.databaseUrl,
    schema: options.schema,
  });
  const ctx: AppContext = {
    store: options.store,
    sequencer,
    auth: new Authenticator(options.store.db, options.operatorToken, clock),
    now: () => clock().toISOString(),
  };

  app.addHook('onRequest', async (request) => {
    request.principal = await ctx.auth.resolve(request.headers.authorization);
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
    const failure = toFailure(error);
    if (failure.code === 'internal') request.log.error({ err: error }, 'request failed');
    return reply.code(failure.status).send(failureBody(failure));
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(failureBody(new Failure('not_found', `no route ${request.method} ${request.url.split('?')[0]}`))),
  );

  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Reseller Console billing API', version: '1.0.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
  app.get('/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(async (v1) => {
    const api = v1.withTypeProvider<ZodTypeProvider>();
    registerAuthRoutes(api, ctx, options.loginRateLimit ?? 10);
    registerCustomerRoutes(api, ctx);
    registerWalletRoutes(api, ctx);
    registerHoldRoutes(api, ctx);
    registerTransactionRoutes(api, ctx);
    registerSyncRoutes(api, ctx);
  });

  app.addHook('onReady', () => sequencer.start());
  app.addHook('onClose', () => sequencer.stop());
  return app;
}

function badUrl(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  void reply.code(400).send(failureBody(new Failure('validation', error.message)));
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
function toFailure(error: FastifyError): Failure {
  if (error instanceof Failure) return error;
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
    return new Failure('validation', `${prefix}${field}: ${issue?.message ?? 'is invalid'}`, field);
  }
  if (isResponseSerializationError(error))
    return new Failure('internal', 'the server produced an invalid response');
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new Failure('payload_too_large', `the request body is larger than ${BODY_LIMIT} bytes`);
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
