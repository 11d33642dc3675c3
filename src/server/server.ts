import { once, EventEmitter } from 'node:events';
import type { Server, ServerResponse } from 'node:http';
import { buildApp } from './app.js';
import {
  gatewayApiBaseUrls,
  chainEndpointsOf,
  liveRatesOf,
  paymentJobIntervals,
  readConfig,
  retentionPolicy,
  savedChargeKeysOf,
  trustProxyOf,
} from './config.js';
import { openStore } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { loggerOptions } from './observability/logging.js';
import { resolveCredentialsKey, sqliteFileOf } from './payments/credentials-key.js';

/**
 * How long requests in flight at SIGTERM get to finish, ms: orchestrators send SIGKILL 30 s after
 * SIGTERM, and closing the jobs and the database takes the rest.
 */
const DRAIN_MS = 20_000;
const CLOSE_MS = 8_000;
/** Change streams never finish by themselves: shutdown does not wait for them, it ends them. */
const STREAM_PATH = '/v1/sync/stream';

/** The requests being answered, streams aside, and a way to wait until there are none. */
function trackInFlight(server: Server) {
  const open = new Set<ServerResponse>();
  const events = new EventEmitter();
  server.on('request', (request: { url?: string }, response: ServerResponse) => {
    if (request.url?.split('?')[0] === STREAM_PATH) return;
    open.add(response);
    response.once('close', () => {
      open.delete(response);
      if (open.size === 0) events.emit('drained');
    });
  });
  return {
    count: () => open.size,
    /** True once none is left; false if some are still open after `ms`. */
    async drained(ms: number): Promise<boolean> {
      if (open.size === 0) return true;
      const deadline = AbortSignal.timeout(ms);
      try {
        await once(events, 'drained', { signal: deadline });
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** Standalone billing API: `npm run server`. */
async function main() {
  const config = readConfig(process.env);
  const store = openStore(config.DATABASE_URL);
  await migrateToLatest(store);
  const app = await buildApp({
    store,
    operatorToken: config.BILLING_OPERATOR_TOKEN,
    metricsToken: config.METRICS_TOKEN,
    databaseUrl: config.DATABASE_URL,
    outbound: { allowPrivateNetworks: config.OUTBOUND_ALLOW_PRIVATE_NETWORKS === 'true' },
    trustProxy: trustProxyOf(config),
    payments: {
      credentialsKey: resolveCredentialsKey({
        configured: config.CREDENTIALS_KEY,
        dialect: store.dialect,
        sqliteFile: sqliteFileOf(config.DATABASE_URL),
      }),
      ...(config.PUBLIC_BASE_URL ? { publicBaseUrl: config.PUBLIC_BASE_URL.replace(/\/$/, '') } : {}),
      apiBaseUrls: gatewayApiBaseUrls(config),
      liveRates: liveRatesOf(config),
      chains: chainEndpointsOf(config),
      sandboxGateway: config.SANDBOX_GATEWAY,
      cryptoGapPolicy: config.CRYPTO_GAP_POLICY,
      savedChargeKeyMs: savedChargeKeysOf(config),
      processInline: config.PAYMENT_EVENTS_INLINE === 'true',
      jobs: config.PAYMENT_JOBS === 'true',
      jobEveryMs: paymentJobIntervals(config),
    },
    retention: {
      policy: retentionPolicy(config),
      jobs: config.PRUNE_JOBS === 'true',
      ...(config.PRUNE_INTERVAL_MS ? { everyMs: config.PRUNE_INTERVAL_MS } : {}),
    },
    logger: loggerOptions(config.LOG_LEVEL),
    webhooks: {
      jobs: config.EVENT_JOBS === 'true',
      ...(config.WEBHOOK_LEASE_MS ? { leaseMs: config.WEBHOOK_LEASE_MS } : {}),
    },
    email: { smtpUrl: config.SMTP_URL, from: config.EMAIL_FROM },
  });
  const inFlight = trackInFlight(app.server);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    // Past this, something is stuck: exit non-zero rather than hang until the orchestrator's SIGKILL.
    setTimeout(() => {
      app.log.error('shutdown did not finish in time');
      process.exit(1);
    }, DRAIN_MS + CLOSE_MS).unref();
    // The listening socket closes now: new connections are refused, and the load balancer moves on.
    app.server.close();
    app.server.closeIdleConnections();
    app.log.info(
      { signal, inFlight: inFlight.count() },
      'stopped accepting connections; finishing in-flight requests',
    );
    if (!(await inFlight.drained(DRAIN_MS)))
      app.log.warn({ inFlight: inFlight.count() }, 'in-flight requests cut off');
    // Ends the change streams (the desktops reconnect elsewhere), stops the jobs after their current
    // run (each run releases its lease and the rows it leased), stops the sequencer.
    await app.close();
    await store.close();
    app.log.info('shut down');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  if (store.dialect === 'postgres' && !config.CREDENTIALS_KEY) {
    // Several API processes share one database, so no one of them may invent the key.
    app.log.warn(
      'CREDENTIALS_KEY is not set: gateway credentials cannot be stored, so no gateway (the sandbox included) can take payments; set it to 32 random bytes, base64',
    );
  }
  const url = await app.listen({ port: config.PORT, host: config.HOST });
  // A plain line for scripts and tests that start the API and wait until it serves.
  console.log(`READY ${url}`);
}

main().catch((error: unknown) => {
  console.error(`billing API failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
