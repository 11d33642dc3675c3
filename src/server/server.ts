import { buildApp } from './app.js';
import {
  gatewayApiBaseUrls,
  paymentJobIntervals,
  readConfig,
  retentionPolicy,
  trustProxyOf,
} from './config.js';
import { openStore } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { resolveCredentialsKey, sqliteFileOf } from './payments/credentials-key.js';

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
      sandboxGateway: config.SANDBOX_GATEWAY,
      processInline: config.PAYMENT_EVENTS_INLINE === 'true',
      jobs: config.PAYMENT_JOBS === 'true',
      jobEveryMs: paymentJobIntervals(config),
    },
    retention: {
      policy: retentionPolicy(config),
      jobs: config.PRUNE_JOBS === 'true',
      ...(config.PRUNE_INTERVAL_MS ? { everyMs: config.PRUNE_INTERVAL_MS } : {}),
    },
    logger: {
      level: config.LOG_LEVEL,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["idempotency-key"]'],
    },
  });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    await app.close();
    await store.close();
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
