import { join } from 'node:path';
import { OPERATOR_TOKEN } from './api.js';
import { migratedSqliteFile } from './databases.js';
import { REPO_ROOT, startReadyProcess, stopProcess, type ReadyProcess } from './ready-process.js';

/**
 * The standalone billing API (src/server/server.ts) as a process of its own, on its own SQLite file:
 * first started on a port it chooses (PORT=0, read back from its READY line), and restarted on that
 * same port and file, so that a desktop core connected to it sees the same server come back.
 */
export class ApiProcess {
  private constructor(
    readonly dbFile: string,
    readonly port: number,
    private proc: ReadyProcess | null,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.proc !== null;
  }

  /** `env`: more settings for the process (e.g. a GATEWAY_<ID>_API_BASE_URL), kept across restarts. */
  static async start(dbFile: string, env: Record<string, string> = {}): Promise<ApiProcess> {
    await migratedSqliteFile(dbFile);
    const proc = await launch(dbFile, 0, env);
    return new ApiProcess(dbFile, Number(new URL(proc.ready).port), proc, env);
  }

  /** SIGTERM (the API finishes in-flight requests and closes its streams), then its exit. */
  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    this.proc = null;
    const exit = await stopProcess(proc, 'SIGTERM');
    if (exit.code !== 0)
      throw new Error(`the API exited with ${exit.signal ?? exit.code}:\n${proc.output()}`);
  }

  /** The same server again: same port, same database file. */
  async restart(): Promise<void> {
    if (this.proc) throw new Error('the API is still running');
    this.proc = await launch(this.dbFile, this.port, this.env);
  }
}

function launch(dbFile: string, port: number, env: Record<string, string>): Promise<ReadyProcess> {
  return startReadyProcess(join(REPO_ROOT, 'src/server/server.ts'), {
    cwd: REPO_ROOT,
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: `sqlite:${dbFile}`,
      BILLING_OPERATOR_TOKEN: OPERATOR_TOKEN,
      LOG_LEVEL: 'warn',
      ...env,
    },
  });
}
