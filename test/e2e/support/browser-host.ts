import { join } from 'node:path';
import { repoRoot, startReadyProcess, type ReadyProcess } from './processes.js';

export interface BrowserHostProcess {
  /** The page to open, with this run's one-time token in its fragment. */
  url: string;
  dataDir: string;
  process: ReadyProcess;
}

/**
 * The desktop core as a browser host (`RESELLER_CONSOLE_BROWSER_HOST=1 tsx src/main/start.ts`) on
 * its own data folder. It runs in `appRoot`, the folder the e2e run built the renderer into.
 */
export async function startBrowserHost(options: {
  appRoot: string;
  dataDir: string;
}): Promise<BrowserHostProcess> {
  const child = await startReadyProcess({
    name: 'browser host',
    entry: join(repoRoot, 'src/main/start.ts'),
    cwd: options.appRoot,
    env: { RESELLER_CONSOLE_DATA_DIR: options.dataDir, RESELLER_CONSOLE_BROWSER_HOST: '1' },
  });
  return { url: child.ready, dataDir: options.dataDir, process: child };
}
