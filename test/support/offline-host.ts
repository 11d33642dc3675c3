/**
 * The browser host (src/main/browser-host.ts) in this process, over a data folder a benchmark or test
 * prepared, serving the renderer as `npm start` builds it (rebuilt first when its sources changed),
 * for benchmarks and tests that drive the console in Chromium over a cache they filled.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowserHost, type BrowserHost } from '../../src/main/browser-host.js';
import { MemorySecretStore } from '../../src/main/session/secret-store.js';
import { buildIfChanged } from '../../scripts/build-stamp.mjs';
import { root, targets } from '../../scripts/build-targets.mjs';

/** A hosted connection nobody answers: the console works from its cache alone (offline). */
export const OFFLINE_API = 'http://127.0.0.1:9';
export const OFFLINE_ACCOUNT = { resellerId: 'res_bench', principalId: 'usr_bench' };
/** The cache's owner under that connection (session-manager.ts: `apiUrl|resellerId|principalId`). */
export const OFFLINE_ACCOUNT_KEY = `${OFFLINE_API}|${OFFLINE_ACCOUNT.resellerId}|${OFFLINE_ACCOUNT.principalId}`;

/**
 * Starts a host over `dataDir`, signed in as a reseller admin of OFFLINE_API (the connection file
 * session-manager.ts reads, and a credential in memory). Resolves once the session is resumed.
 */
export async function startOfflineHost(dataDir: string): Promise<BrowserHost> {
  const renderer = targets.find((t) => t.name === 'renderer')!;
  await buildIfChanged(root, renderer);
  writeFileSync(
    join(dataDir, 'connection.json'),
    JSON.stringify({
      mode: 'hosted',
      apiUrl: OFFLINE_API,
      role: 'reseller_admin',
      ...OFFLINE_ACCOUNT,
      resellerName: 'Bench reseller',
      email: 'admin@example.com',
      customerId: null,
      userId: OFFLINE_ACCOUNT.principalId,
    }),
  );
  const secrets = new MemorySecretStore();
  secrets.save('rs_bench_offline');
  const host = await startBrowserHost({
    dataDir,
    rendererDir: join(root, 'out/renderer'),
    secrets,
    // The sync engine's failed attempts at an API that is not there are expected here.
    log: () => undefined,
  });
  await host.started;
  return host;
}
