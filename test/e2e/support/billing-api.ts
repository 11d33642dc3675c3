import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { repoRoot, spawnReadyProcess, type ReadyProcess } from './processes.js';

/** The operator credential the separately started APIs accept (16+ characters). */
export const OPERATOR_TOKEN = 'e2e-operator-token-0123456789';

export interface ResellerAdmin {
  resellerId: string;
  name: string;
  email: string;
  password: string;
  /** The admin API key, for setting up data through the API as a second client would. */
  apiKey: string;
}

/**
 * The standalone billing API (`src/server/server.ts`) in a child process on its own SQLite file.
 * `stop()` takes it down; `start()` brings it back on the same port and database.
 */
export class BillingApi {
  private child: ReadyProcess | null = null;
  /** The last process started, kept after it stops for its output. */
  private last: ReadyProcess | null = null;
  private port = 0;
  private lastUrl = '';

  constructor(
    private readonly o: {
      cwd: string;
      dbFile: string;
      /** More settings for the process, e.g. GATEWAY_CRYPTO_API_BASE_URL of a loopback chain. */
      env?: Record<string, string>;
    },
  ) {}

  /** Where it listens (the same after a restart); known once it has been READY. */
  get url(): string {
    if (!this.lastUrl) throw new Error('the billing API is not ready yet: await api.ready() first');
    return this.lastUrl;
  }

  /** Spawns the process without waiting for it; ready() (and every request) waits. */
  launch(): void {
    if (this.child) throw new Error('the billing API is already running');
    // A copy of a migrated database, as on any start but a server's first: creating the tables
    // was half a second of each test's API start-up.
    if (!existsSync(this.o.dbFile)) copyFileSync(inject('apiDatabaseTemplate'), this.o.dbFile);
    this.child = this.last = spawnReadyProcess({
      name: 'billing API',
      entry: join(repoRoot, 'src/server/server.ts'),
      cwd: this.o.cwd,
      env: {
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATABASE_URL: `sqlite:${this.o.dbFile}`,
        BILLING_OPERATOR_TOKEN: OPERATOR_TOKEN,
        LOG_LEVEL: 'warn',
        ...this.o.env,
      },
    });
  }

  async ready(): Promise<void> {
    if (!this.child) throw new Error('the billing API is not running');
    this.lastUrl = (await this.child.ready).replace(/\/+$/, '');
    this.port = Number(new URL(this.lastUrl).port);
  }

  /** Starts it (again: on the same port and database as before) and waits until it serves. */
  async start(): Promise<void> {
    this.launch();
    await this.ready();
  }

  /** SIGTERM: the API shuts down as it does when its host stops it. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    await child?.stop();
  }

  /** SIGKILL: to the console, a server that stopped answering mid-flight. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    await child?.kill();
  }

  output(): string {
    return this.last?.output() ?? '';
  }

  /** A JSON request as any HTTP client makes it; throws with the body on an unexpected status. */
  async request<T = unknown>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    path: string,
    options: { token: string; body?: unknown; idempotent?: boolean; expect?: number } = { token: '' },
  ): Promise<T> {
    await this.ready();
    const headers: Record<string, string> = { authorization: `Bearer ${options.token}` };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.idempotent) headers['idempotency-key'] = randomUUID();
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    const expected = options.expect ?? (method === 'POST' ? 201 : 200);
    if (response.status !== expected) {
      throw new Error(`${method} ${path}: expected ${expected}, got ${response.status} ${text}`);
    }
    return (text ? JSON.parse(text) : null) as T;
  }

  /** The admin stores a provider's credentials, then saves `method` as the reseller's one payment method. */
  async offerMethod(
    admin: ResellerAdmin,
    provider: string,
    credentials: unknown,
    method: { enabled: boolean; label: string; feeBasisPoints: number; processingTime: string },
  ): Promise<void> {
    await this.request('PUT', `/v1/payment-settings/credentials/${provider}`, {
      token: admin.apiKey,
      body: { credentials },
    });
    await this.request('PATCH', '/v1/payment-settings', {
      token: admin.apiKey,
      body: { methods: [{ provider, ...method }] },
    });
  }

  /**
   * The admin turns test mode on (the sandbox gateway: off for a new reseller) through
   * PATCH /v1/payment-settings, as the Payment settings screen does.
   */
  async turnOnTestMode(admin: ResellerAdmin): Promise<void> {
    await this.changeSandboxMethod(admin, { enabled: true });
  }

  /**
   * The admin changes the sandbox method's settings (label, fee, processing time, on or off) through
   * PATCH /v1/payment-settings, as the Payment settings screen does; the rest stay as they are.
   */
  async changeSandboxMethod(
    admin: ResellerAdmin,
    changes: { enabled?: boolean; label?: string; feeBasisPoints?: number; processingTime?: string },
  ): Promise<void> {
    const settings = await this.request<{ methods: Array<{ provider: string; available: boolean }> }>(
      'GET',
      '/v1/payment-settings',
      { token: admin.apiKey },
    );
    // `available` is the server's verdict, not a setting: it is not sent back.
    const { available: _, ...sandbox } = settings.methods.find((m) => m.provider === 'sandbox')!;
    await this.request('PATCH', '/v1/payment-settings', {
      token: admin.apiKey,
      body: { methods: [{ ...sandbox, ...changes }] },
    });
  }

  /** A new reseller (through the operator credential) and the password of its admin. */
  async createReseller(name: string): Promise<ResellerAdmin> {
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const email = `admin@${slug}.example.com`;
    const password = 'correct horse battery staple';
    const created = await this.request<{ id: string; apiKey: string }>('POST', '/v1/resellers', {
      token: OPERATOR_TOKEN,
      body: { name, adminEmail: email, adminPassword: password },
    });
    return { resellerId: created.id, name, email, password, apiKey: created.apiKey };
  }

  /** A user of the reseller, e.g. a support agent: POST /v1/users as its admin. */
  async createUser(
    admin: ResellerAdmin,
    user: { email: string; password: string; role: 'reseller_admin' | 'support_agent' },
  ): Promise<void> {
    await this.request('POST', '/v1/users', { token: admin.apiKey, body: user });
  }

  /** A login of the customer's own: POST /v1/users with the customer role. */
  async createCustomerLogin(
    admin: ResellerAdmin,
    customerId: string,
    login: { email: string; password: string },
  ): Promise<void> {
    await this.request('POST', '/v1/users', {
      token: admin.apiKey,
      body: { ...login, role: 'customer', customerId },
    });
  }

  /** An invoice of one line (minor units), drafted and finalized: open, with its number. */
  async openInvoice(
    admin: ResellerAdmin,
    customerId: string,
    invoice: { currency: string; description: string; unitAmount: number; quantity?: number },
  ): Promise<{ id: string; number: string }> {
    const { currency, description, unitAmount, quantity = 1 } = invoice;
    const draft = await this.request<{ id: string }>('POST', `/v1/customers/${customerId}/invoices`, {
      token: admin.apiKey,
      body: { currency, lines: [{ description, quantity, unitAmount }] },
    });
    const open = await this.request<{ number: string }>('POST', `/v1/invoices/${draft.id}/finalize`, {
      token: admin.apiKey,
      idempotent: true,
      expect: 200,
    });
    return { id: draft.id, number: open.number };
  }

  async createCustomer(admin: ResellerAdmin, customer: { name: string; email: string }): Promise<string> {
    return (
      await this.request<{ id: string }>('POST', '/v1/customers', { token: admin.apiKey, body: customer })
    ).id;
  }

  async createWallet(admin: ResellerAdmin, customerId: string, currency: string): Promise<string> {
    const wallet = await this.request<{ id: string }>('POST', `/v1/customers/${customerId}/wallets`, {
      token: admin.apiKey,
      body: { currency },
    });
    return wallet.id;
  }

  /** A top-up (minor units), with an idempotency key of its own. */
  async credit(admin: ResellerAdmin, walletId: string, amount: number, description: string): Promise<void> {
    await this.request('POST', `/v1/wallets/${walletId}/credits`, {
      token: admin.apiKey,
      body: { amount, description },
      idempotent: true,
    });
  }

  /** The admin sets a currency's confirmation amount and maximum per movement (minor units). */
  async setMovementLimit(
    admin: ResellerAdmin,
    limit: { currency: string; confirmAbove: number; maxPerMovement: number },
  ): Promise<void> {
    await this.request('PUT', '/v1/movement-limits', { token: admin.apiKey, body: { items: [limit] } });
  }

  async customers(admin: ResellerAdmin): Promise<Array<{ id: string; name: string; email: string }>> {
    return (
      await this.request<{ items: Array<{ id: string; name: string; email: string }> }>(
        'GET',
        '/v1/customers?limit=100',
        { token: admin.apiKey },
      )
    ).items;
  }

  async wallets(
    admin: ResellerAdmin,
    customerId: string,
  ): Promise<Array<{ id: string; currency: string; balance: number }>> {
    return (
      await this.request<{ items: Array<{ id: string; currency: string; balance: number }> }>(
        'GET',
        `/v1/customers/${customerId}/wallets`,
        { token: admin.apiKey },
      )
    ).items;
  }

  async transactions(
    admin: ResellerAdmin,
    walletId: string,
  ): Promise<Array<{ id: string; type: string; amount: number; description: string }>> {
    return (
      await this.request<{ items: Array<{ id: string; type: string; amount: number; description: string }> }>(
        'GET',
        `/v1/wallets/${walletId}/transactions?limit=100`,
        { token: admin.apiKey },
      )
    ).items;
  }
}
