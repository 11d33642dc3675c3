import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from './app.js';
import type { Api } from './context.js';
import { openStore, type Store } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { payDemoTopUps } from './demo/payments.js';
import { seedDemo } from './demo/seed.js';
import { resolveCredentialsKey } from './payments/credentials-key.js';
import { Pruner } from './services/retention/pruner.js';
import { Sequencer } from './sync/sequencer.js';

/**
 * The one entry the desktop's main process reaches the billing API through (lint keeps it so):
 * everything server-internal (store, migrations, seed, app, jobs) is wired here.
 */

export interface EmbeddedApiOptions {
  /** The app's data folder; the API keeps its files in `demo-api/` inside it. */
  dataDir: string;
}

export interface EmbeddedApi {
  url: string;
  credentials: { email: string; password: string };
  close(): Promise<void>;
}

/**
 * The billing API inside the app, for first run with no hosted API: SQLite in the data folder,
 * listening on 127.0.0.1 only, seeded once with a demo reseller whose sign-in stays in that folder.
 * Its gateway credentials are sealed with a key kept in that folder too (as the standalone server
 * keeps one beside its SQLite file): a key made afresh on each start would leave every stored
 * secret unreadable after a restart.
 */
export async function startEmbeddedApi(options: EmbeddedApiOptions): Promise<EmbeddedApi> {
  const dir = join(options.dataDir, 'demo-api');
  mkdirSync(dir, { recursive: true });
  const dbFile = join(dir, 'billing.sqlite');
  const store = openStore(`sqlite:${dbFile}`);
  await migrateToLatest(store);
  // Before anything is seeded or served, so that whatever seals a secret uses the kept key.
  const keptKey = existsSync(`${dbFile}.credentials-key`);
  const credentialsKey = resolveCredentialsKey({
    configured: undefined,
    dialect: 'sqlite',
    sqliteFile: dbFile,
  });
  const credentialsFile = join(dir, 'demo-admin.json');
  let credentials: { email: string; password: string };
  /** The reseller seeded now, whose demo payments are made once the API listens. */
  let demoReseller: string | null = null;
  const seeded = await store.db.selectFrom('resellers').select('id').limit(1).executeTakeFirst();
  if (seeded && existsSync(credentialsFile)) {
    credentials = JSON.parse(readFileSync(credentialsFile, 'utf8')) as { email: string; password: string };
  } else {
    credentials = { email: 'admin@demo.reseller.local', password: randomBytes(18).toString('base64url') };
    if (!seeded) {
      demoReseller = (await seedDemo(store, credentials)).resellerId;
      // The seed writes four months of history at once: number and fold its feed now, before a
      // console syncs from it, rather than under a first sync (which would then have to start over).
      await new Sequencer(store).flush();
      await new Pruner(store, () => new Date()).run();
    }
    writeFileSync(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  }
  const app = await buildApp({ store, payments: { credentialsKey } });
  if (!keptKey) await reissueSandboxSecrets(store, app);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  if (demoReseller) await payDemoTopUps(app, store, demoReseller);
  return {
    url,
    credentials,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

/**
 * A demo folder from before the key was kept holds sandbox secrets sealed with a key that died with
 * its process: nothing can open them, and the sandbox is provisioned only where none is stored. The
 * sandbox secret is the demo's own (no provider holds a copy), so a new one is simply issued.
 */
async function reissueSandboxSecrets(store: Store, app: Api): Promise<void> {
  const sealed = await store.db
    .selectFrom('gateway_credentials')
    .select('reseller_id')
    .where('provider', '=', 'sandbox')
    .execute();
  const now = new Date().toISOString();
  for (const { reseller_id: resellerId } of sealed) {
    const webhookSecret = `sbwhsec_${randomBytes(24).toString('base64url')}`;
    await app.payments.providers.storeCredentials(resellerId, 'sandbox', { webhookSecret }, now);
  }
}
