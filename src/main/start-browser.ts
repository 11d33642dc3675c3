import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { startBrowserHost } from './browser-host.js';

/** Where the console keeps its cache, outbox and demo server when no Electron app path exists. */
export function defaultDataDir(): string {
  if (process.env.RESELLER_CONSOLE_DATA_DIR) return resolve(process.env.RESELLER_CONSOLE_DATA_DIR);
  const base = process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
  return join(base, 'reseller-console');
}

/** `npm run start:browser`: the desktop core under Node, the renderer in any browser. */
export async function runBrowserHost(reason?: string): Promise<void> {
  const rendererDir = resolve('out/renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error('the renderer is not built: run `npm run build:renderer` (npm start does it for you)');
  }
  const dataDir = defaultDataDir();
  const port = process.env.PORT ? Number(process.env.PORT) : 0;
  const host = await startBrowserHost({ dataDir, rendererDir, port });
  if (reason) console.log(reason);
  console.log(`Reseller Console is running as a browser host (data: ${dataDir}).`);
  console.log(`Open ${host.url}`);
  // Machine-readable readiness line for tests and scripts.
  console.log(`READY ${host.url}`);
  const shutdown = async () => {
    await host.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runBrowserHost().catch((error: unknown) => {
    console.error(`browser host failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
