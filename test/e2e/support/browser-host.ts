import { join } from 'node:path';
import { repoRoot, spawnReadyProcess, type ReadyProcess } from './processes.js';

/**
 * The desktop core as a browser host (src/main/start.ts, bundled for the run, with
 * `RESELLER_CONSOLE_BROWSER_HOST=1`) on its own data folder. It runs in `appRoot`, the folder the e2e run built the renderer into.
 */
export class BrowserHost {
  private readonly child: ReadyProcess;

  /** Starts signed out, on the Connection screen (a copy of the signed-out template). */
  readonly signedOut: boolean;

  constructor(readonly options: { appRoot: string; dataDir: string; signedOut?: boolean }) {
    this.signedOut = options.signedOut ?? false;
    this.child = spawnReadyProcess({
      name: 'browser host',
      entry: join(repoRoot, 'src/main/start.ts'),
      cwd: options.appRoot,
      env: { RESELLER_CONSOLE_DATA_DIR: options.dataDir, RESELLER_CONSOLE_BROWSER_HOST: '1' },
    });
  }

  /** The page to open, with this run's one-time token in its fragment: once the host is READY. */
  url(): Promise<string> {
    return this.child.ready;
  }

  output(): string {
    return this.child.output();
  }

  stop(): Promise<void> {
    return this.child.stop();
  }
}
