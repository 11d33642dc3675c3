import { join } from 'node:path';
import { OPERATOR_TOKEN } from './api.js';
import { REPO_ROOT, startReadyProcess, stopProcess, type ReadyProcess } from './ready-process.js';

/**
 * The standalone billing API (src/server/server.ts) as its own process for payment crash tests: a
 * given DATABASE_URL (an SQLite file, or PostgreSQL with the test's schema as search_path), one
 * CREDENTIALS_KEY shared by every start (so credentials stored before a crash still open after it),
 * the Stripe emulator as Stripe, and the payment switches a test wants per start.
 */
export interface PaymentProcessSettings {
  /** "sqlite:<file>" or "postgres://…". */
  databaseUrl: string;
  /** PostgreSQL: the schema every connection of the process uses. */
  schema?: string;
  credentialsKey: string;
  stripeApiBaseUrl: string;
}

export interface PaymentSwitches {
  /** PAYMENT_EVENTS_INLINE: process a webhook's events right after answering it. */
  inline: boolean;
  /** PAYMENT_JOBS: run the payment jobs (their first run is at start: catching up after a crash). */
  jobs: boolean;
}

export class PaymentApiProcess {
  private constructor(
    private readonly settings: PaymentProcessSettings,
    readonly port: number,
    private proc: ReadyProcess | null,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(
    settings: PaymentProcessSettings,
    switches: PaymentSwitches,
  ): Promise<PaymentApiProcess> {
    const proc = await launch(settings, switches, 0);
    return new PaymentApiProcess(settings, Number(new URL(proc.ready).port), proc);
  }

  /** SIGKILL: no shutdown hook runs, nothing in flight is finished. */
  async kill(): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    this.proc = null;
    await stopProcess(proc, 'SIGKILL');
  }

  /** The same server again on the same port and database, with these switches. */
  async restart(switches: PaymentSwitches): Promise<void> {
    if (this.proc) throw new Error('the API is still running');
    this.proc = await launch(this.settings, switches, this.port);
  }

  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    this.proc = null;
    const exit = await stopProcess(proc, 'SIGTERM');
    if (exit.code !== 0)
      throw new Error(`the API exited with ${exit.signal ?? exit.code}:\n${proc.output()}`);
  }
}

function databaseUrlOf(settings: PaymentProcessSettings): string {
  if (!settings.schema) return settings.databaseUrl;
  const url = new URL(settings.databaseUrl);
  url.searchParams.set('options', `-c search_path=${settings.schema}`);
  return url.toString();
}

function launch(settings: PaymentProcessSettings, switches: PaymentSwitches, port: number) {
  return startReadyProcess(join(REPO_ROOT, 'src/server/server.ts'), {
    cwd: REPO_ROOT,
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrlOf(settings),
      BILLING_OPERATOR_TOKEN: OPERATOR_TOKEN,
      LOG_LEVEL: 'warn',
      CREDENTIALS_KEY: settings.credentialsKey,
      GATEWAY_STRIPE_API_BASE_URL: settings.stripeApiBaseUrl,
      PAYMENT_EVENTS_INLINE: String(switches.inline),
      PAYMENT_JOBS: String(switches.jobs),
      PUBLIC_BASE_URL: undefined,
    },
  });
}
