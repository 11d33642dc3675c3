import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Api } from '../context.js';
import type { Store } from '../db/database.js';
import type { JobScheduler } from '../jobs/scheduler.js';
import { webhookOutcomeOf } from './webhook-outcome.js';

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

const WEBHOOK_ROUTE = '/v1/webhooks/:provider/:resellerId';

/** Longest a scrape waits on the database for its gauges, ms; past it they keep their last values. */
const SAMPLE_TIMEOUT_MS = 1_000;

export interface MetricsOptions {
  /** METRICS_TOKEN. */
  token: string;
  /** Read at scrape time for the backlog gauges (gateway events, feed) and the pool. */
  store: Store;
  clock: () => Date;
  /** The background jobs whose runs are counted (payment jobs, retention). */
  schedulers: readonly JobScheduler[];
}

/**
 * Prometheus metrics of one app, in a registry of its own (tests build many apps in one process):
 * requests per route pattern, method and status with their latency, idempotent replays, ledger
 * movements written, gateway webhook deliveries by outcome, job runs and lag, the change feed's lag,
 * the database pool, and the Node process's own metrics. Backlogs and the pool are read when scraped
 * (a gauge's `collect`), so they cost nothing between scrapes. `GET /metrics` answers only the bearer of
 * the metrics token (METRICS_TOKEN): a scraper gets that one read-only secret, never the operator's.
 */
export function registerMetrics(app: Api, options: MetricsOptions): Registry {
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

  const webhooks = new Counter({
    name: 'gateway_webhook_deliveries_total',
    help: 'Gateway webhook deliveries received, by provider and outcome (accepted, duplicate, ignored, unknown_endpoint, bad_signature, stale, …, error)',
    labelNames: ['provider', 'outcome'],
    registers: [registry],
  });
  const webhookFailures = new Counter({
    name: 'gateway_webhook_failures_total',
    help: 'Gateway webhook deliveries refused or failed, by provider and reason',
    labelNames: ['provider', 'reason'],
    registers: [registry],
  });
  registerJobMetrics(registry, options);
  registerBacklogMetrics(registry, options);

  app.addHook('onResponse', async (request, reply) => {
    const route = routeOf(request);
    if (route === WEBHOOK_ROUTE) {
      // A delivery the route did not note ended in an error of ours (500) or a refusal before it (body).
      const noted = webhookOutcomeOf(request) ?? {
        provider: '(unknown)',
        outcome: reply.statusCode >= 500 ? 'error' : 'refused',
        failed: true,
      };
      webhooks.inc({ provider: noted.provider, outcome: noted.outcome });
      if (noted.failed) webhookFailures.inc({ provider: noted.provider, reason: noted.outcome });
    }
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

/** Runs per job and outcome, their duration, and the time since each job last succeeded. */
function registerJobMetrics(registry: Registry, options: MetricsOptions): void {
  const runs = new Counter({
    name: 'job_runs_total',
    help: 'Background job runs ended, by job and outcome (ok, error)',
    labelNames: ['job', 'outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'job_run_duration_seconds',
    help: 'How long a background job run took, seconds, by job',
    labelNames: ['job'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const lastSuccess = new Map<string, Date>();
  new Gauge({
    name: 'job_seconds_since_last_success',
    help: 'Seconds since each background job last ran to completion in this process (absent until it has)',
    labelNames: ['job'],
    registers: [registry],
    collect() {
      const now = options.clock().getTime();
      for (const [job, at] of lastSuccess) this.set({ job }, (now - at.getTime()) / 1000);
    },
  });
  for (const scheduler of options.schedulers) {
    scheduler.runs.on('finished', (run) => {
      runs.inc({ job: run.job, outcome: run.ok ? 'ok' : 'error' });
      duration.observe({ job: run.job }, run.seconds);
      if (run.ok) lastSuccess.set(run.job, options.clock());
    });
  }
}

interface Backlog {
  eventsWaiting: number;
  oldestEventAt: string | null;
  changesUnnumbered: number;
  oldestChangeAt: string | null;
  newestSeq: number;
  refundsRefused: number;
}

/**
 * What waits on the background work, read from the database at scrape time: gateway events not yet
 * processed (the events job's lag) and committed changes the sequencer has not numbered yet (the
 * feed's lag: a desktop cannot see them), plus the PostgreSQL pool. Every gauge of one scrape shares
 * one read.
 */
function registerBacklogMetrics(registry: Registry, options: MetricsOptions): void {
  let pending: Promise<Backlog | null> | null = null;
  const sample = (): Promise<Backlog | null> => {
    pending ??= withTimeout(readBacklog(options.store), SAMPLE_TIMEOUT_MS)
      .catch(() => null)
      .finally(() => {
        pending = null;
      });
    return pending;
  };
  const ageOf = (at: string | null) =>
    at === null ? 0 : Math.max(0, (options.clock().getTime() - new Date(at).getTime()) / 1000);
  const gauge = (name: string, help: string, value: (b: Backlog) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        const backlog = await sample();
        if (backlog) this.set(value(backlog));
      },
    });
  gauge('gateway_events_unprocessed', 'Stored gateway events not yet processed', (b) => b.eventsWaiting);
  gauge(
    'gateway_events_oldest_unprocessed_age_seconds',
    'Age of the oldest stored gateway event not yet processed, seconds (0 when none waits): the events job’s lag',
    (b) => ageOf(b.oldestEventAt),
  );
  gauge(
    'feed_unnumbered_changes',
    'Committed changes the sequencer has not numbered yet (not yet visible in the change feed)',
    (b) => b.changesUnnumbered,
  );
  gauge(
    'feed_oldest_unnumbered_change_age_seconds',
    'Age of the oldest change not yet numbered, seconds (0 when none waits): the change feed’s lag',
    (b) => ageOf(b.oldestChangeAt),
  );
  gauge('feed_newest_seq', 'Newest position numbered in the change feed', (b) => b.newestSeq);
  gauge(
    'orders_timeout_refund_refused',
    'Orders timed out in provisioning whose refund their wallet refused (at its maximum, closed): retried with a backoff, each logged with its reason',
    (b) => b.refundsRefused,
  );

  const poolStats = options.store.poolStats?.bind(options.store);
  if (!poolStats) return;
  new Gauge({
    name: 'db_pool_connections',
    help: 'PostgreSQL pool connections, by state (total, idle), and queries waiting for one (waiting)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const stats = poolStats();
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });
}

async function readBacklog(store: Store): Promise<Backlog> {
  // Both filters are served by partial indexes (gateway_events_unprocessed, changes_unsequenced).
  const events = await store.db
    .selectFrom('gateway_events')
    .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.min('received_at').as('oldest')])
    .where('processed_at', 'is', null)
    .executeTakeFirst();
  const changes = await store.db
    .selectFrom('changes')
    .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.min('created_at').as('oldest')])
    .where('seq', 'is', null)
    .executeTakeFirst();
  const newest = await sql<{ seq: number | string | null }>`select max(seq) as seq from changes`.execute(
    store.db,
  );
  const refused = await store.db
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('status', '=', 'provisioning')
    .where('timeout_refusal', 'is not', null)
    .executeTakeFirst();
  return {
    refundsRefused: Number(refused?.n ?? 0),
    eventsWaiting: Number(events?.n ?? 0),
    oldestEventAt: events?.oldest ?? null,
    changesUnnumbered: Number(changes?.n ?? 0),
    oldestChangeAt: changes?.oldest ?? null,
    newestSeq: Number(newest.rows[0]?.seq ?? 0),
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
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
