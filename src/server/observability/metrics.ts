import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { Api } from '../context.js';

/** Request latency buckets, seconds: a debit on loopback takes about a millisecond. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Routes whose 201 answer is one ledger movement, by the ledger type it writes. */
const MOVEMENT_ROUTES: Record<string, string> = {
  'POST /v1/wallets/:id/credits': 'credit',
  'POST /v1/wallets/:id/debits': 'payment',
  'POST /v1/wallets/:id/adjustments': 'adjustment',
};

/** A route label for requests that matched no route: never the raw URL (ids, tokens in paths). */
const UNMATCHED = '(unmatched)';

/**
 * Prometheus metrics of one app, in a registry of its own (tests build many apps in one process):
 * requests per route pattern, method and status with their latency, idempotent replays, ledger
 * movements written, and the Node process's own metrics. `GET /metrics` answers only the bearer of
 * the metrics token (METRICS_TOKEN): a scraper gets that one read-only secret, never the operator's.
 */
export function registerMetrics(app: Api, options: { token: string }): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from the request to its answer, seconds, by method, route pattern and status',
    labelNames,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const replays = new Counter({
    name: 'idempotent_replays_total',
    help: 'Answers replayed for an Idempotency-Key already answered (Idempotent-Replayed: true), by route',
    labelNames: ['method', 'route'],
    registers: [registry],
  });
  const movements = new Counter({
    name: 'ledger_movements_total',
    help: 'Ledger movements written through the API (first answers only, not replays), by type',
    labelNames: ['type'],
    registers: [registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = routeOf(request);
    const status = String(reply.statusCode);
    const labels = { method: request.method, route, status };
    requests.inc(labels);
    latency.observe(labels, reply.elapsedTime / 1000);
    if (replayed(reply)) {
      replays.inc({ method: request.method, route });
    } else if (reply.statusCode === 201) {
      const type = MOVEMENT_ROUTES[`${request.method} ${route}`];
      if (type) movements.inc({ type });
    }
  });

  const expected = digest(options.token);
  app.get('/metrics', { schema: { hide: true, security: [] } }, async (request, reply) => {
    if (!bearerMatches(request.headers.authorization, expected)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .send({ error: { code: 'unauthorized', message: 'send the metrics token as a Bearer credential' } });
    }
    return reply.header('content-type', registry.contentType).send(await registry.metrics());
  });
  app.addHook('onClose', async () => registry.clear());
  return registry;
}

function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? UNMATCHED;
}

function replayed(reply: FastifyReply): boolean {
  return reply.getHeader('idempotent-replayed') === 'true';
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Compares digests (equal lengths) in constant time, so the token cannot be guessed byte by byte. */
function bearerMatches(header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer (.+)$/.exec(header ?? '');
  return match !== null && timingSafeEqual(digest(match[1]!), expected);
}
