/**
 * The desktop core as a process of its own (src/main/start.ts as a browser host, like CoreProcess),
 * whose stdout lines can be waited for: the graceful and crash tests wait on what the core prints
 * (`STOPPING`, `STOPPED`) and on its exit, never on a timer.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { connectToBrowserHost, type CoreClient } from './core-client.js';
import { REPO_ROOT, startReadyProcess, stopProcess, type Exit, type ReadyProcess } from './ready-process.js';

export class WatchedCore {
  private readonly lines: string[] = [];
  private readonly waiters = new Set<() => boolean>();
  /** Resolves once stdout has ended: every line the process printed has been read. */
  private readonly drained: Promise<void>;

  private constructor(
    private readonly proc: ReadyProcess,
    readonly client: CoreClient & { close(): void },
  ) {
    const lines = createInterface({ input: proc.child.stdout! });
    lines.on('line', (line) => {
      this.lines.push(line);
      for (const wake of this.waiters) wake();
    });
    this.drained = new Promise((resolve) => lines.once('close', resolve));
  }

  static async start(dataDir: string, workDir: string): Promise<WatchedCore> {
    mkdirSync(join(workDir, 'out/renderer'), { recursive: true });
    writeFileSync(join(workDir, 'out/renderer/index.html'), '<!doctype html><title>stand-in</title>\n');
    const proc = await startReadyProcess(join(REPO_ROOT, 'src/main/start.ts'), {
      cwd: workDir,
      env: { RESELLER_CONSOLE_DATA_DIR: dataDir, RESELLER_CONSOLE_BROWSER_HOST: '1', PORT: undefined },
    });
    try {
      return new WatchedCore(proc, await connectToBrowserHost(proc.ready));
    } catch (error) {
      await stopProcess(proc, 'SIGKILL');
      throw error;
    }
  }

  /** The exit, once everything the process printed has been read too. */
  get exited(): Promise<Exit> {
    return this.drained.then(() => this.proc.exited);
  }

  /** Resolves with the first stdout line starting with `prefix` (printed already or to come). */
  line(prefix: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.lines.find((l) => l.startsWith(prefix));
        if (found === undefined) return false;
        this.waiters.delete(check);
        resolve(found);
        return true;
      };
      if (check()) return;
      this.waiters.add(check);
      void this.drained.then(() => {
        if (!check()) reject(new Error(`the core exited without printing "${prefix}":\n${this.output()}`));
      });
    });
  }

  /** SIGTERM sent; resolves at once (wait on `exited` or a line). */
  terminate(): void {
    this.proc.child.kill('SIGTERM');
  }

  /** SIGKILL: the core dies wherever it is. */
  async kill(): Promise<Exit> {
    this.client.close();
    return stopProcess(this.proc, 'SIGKILL');
  }

  output(): string {
    return this.proc.output();
  }
}
