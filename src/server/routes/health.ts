import type { Api } from '../context.js';
import type { Store } from '../db/database.js';
import { checkReadiness } from '../observability/readiness.js';

export interface HealthOptions {
  store: Store;
  /** Whether this process runs background jobs (readiness then checks their leases). */
  runsJobs: boolean;
  clock: () => Date;
}

/**
 * Liveness and readiness for a load balancer or an orchestrator, without credentials: `/healthz`
 * answers while the process can answer at all (it touches no database: a database outage must not get
 * every API process restarted); `/readyz` says whether it should receive traffic, naming each check.
 * Neither says more than the checks' names and outcomes.
 */
export function registerHealthRoutes(app: Api, options: HealthOptions): void {
  app.get('/healthz', { schema: { hide: true, security: [] } }, async () => ({ ok: true }));
  app.get('/readyz', { schema: { hide: true, security: [] } }, async (request, reply) => {
    const readiness = await checkReadiness({
      store: options.store,
      runsJobs: options.runsJobs,
      clock: options.clock,
      onFailure: (check, error) => request.log.warn({ err: error, check }, 'readiness check failed'),
    });
    return reply.code(readiness.ready ? 200 : 503).send({
      status: readiness.ready ? 'ready' : 'unready',
      ...(readiness.ready ? {} : { failing: readiness.failing }),
      checks: readiness.checks,
    });
  });
}
