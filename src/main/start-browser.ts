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
  // As soon as the page is served: the session resumes (the demo API loads) while the browser opens.
  console.log(`Open ${host.url}`);
  let closing: Promise<void> | null = null;
  const shutdown = (signal: NodeJS.Signals) => {
    // A second signal while closing changes nothing: the close under way finishes its writes.
    closing ??= (async () => {
      // Machine-readable too: tests wait for it before they let the write under way finish.
      console.log(`STOPPING ${signal}`);
      // Alive until the close is done: were it to wait on something that holds no handle, Node
      // would otherwise end the process with 0 before the databases are closed.
      setInterval(() => undefined, 60_000);
      try {
        await host.close();
      } catch (error) {
        console.error('browser host: closing failed', error);
        process.exit(1);
      }
      // Written before exiting: a pipe's write is asynchronous, and exit would drop it.
      process.stdout.write('STOPPED\n', () => process.exit(0));
    })();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  await host.started;
  // Machine-readable readiness line for tests and scripts: the session is resumed too.
  console.log(`READY ${host.url}`);
}
