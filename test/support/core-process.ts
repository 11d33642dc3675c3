import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectToBrowserHost, type CoreClient } from './core-client.js';
import { REPO_ROOT, startReadyProcess, stopProcess, type Exit, type ReadyProcess } from './ready-process.js';

/**
 * The desktop core in a process of its own, as `npm run start:browser` runs it (src/main/start.ts with
 * RESELLER_CONSOLE_BROWSER_HOST=1) on a given data folder, driven over its IPC WebSocket. It can be
 * killed outright (SIGKILL: no shutdown code runs) and started again on the same folder.
 */
export class CoreProcess {
  private constructor(
    private readonly proc: ReadyProcess,
    readonly client: CoreClient & { close(): void },
  ) {}

  /**
   * `workDir` becomes the process's working directory, holding a stand-in page where the browser host
   * looks for the built renderer (out/renderer): these tests use only its WebSocket, so they need no
   * renderer build.
   */
  static async start(dataDir: string, workDir: string): Promise<CoreProcess> {
    mkdirSync(join(workDir, 'out/renderer'), { recursive: true });
    writeFileSync(join(workDir, 'out/renderer/index.html'), '<!doctype html><title>stand-in</title>\n');
    const proc = await startReadyProcess(join(REPO_ROOT, 'src/main/start.ts'), {
      cwd: workDir,
      env: { RESELLER_CONSOLE_DATA_DIR: dataDir, RESELLER_CONSOLE_BROWSER_HOST: '1', PORT: undefined },
    });
    try {
      return new CoreProcess(proc, await connectToBrowserHost(proc.ready));
    } catch (error) {
      await stopProcess(proc, 'SIGKILL');
      throw error;
    }
  }

  /** The page to open, with this run's token in its fragment (the browser host's READY line). */
  get url(): string {
    return this.proc.ready;
  }

  /** Whether the process is still running (it has not exited, by crash or otherwise). */
  running(): boolean {
    return this.proc.child.exitCode === null && this.proc.child.signalCode === null;
  }

  /** SIGKILL: the core dies wherever it is, as in a crash or power loss of the app alone. */
  async kill(): Promise<Exit> {
    this.client.close();
    return stopProcess(this.proc, 'SIGKILL');
  }

  /** SIGTERM: the browser host closes the core and exits. */
  async stop(): Promise<Exit> {
    this.client.close();
    return stopProcess(this.proc, 'SIGTERM');
  }

  output(): string {
    return this.proc.output();
  }
}
