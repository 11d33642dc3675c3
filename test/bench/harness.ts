/** The pieces of a bench run against the API: the server process, seed data, a debit request. */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { DesktopCore } from '../../src/main/core.js';
import type { SyncStatus } from '../../src/shared/ipc-contract.js';
import type { TestDatabase } from '../support/databases.js';
import type { Client, Post } from './http-load.js';

const OPERATOR_TOKEN = `bench-operator-${randomBytes(12).toString('hex')}`;
const RUN = randomBytes(4).toString('hex');

let keySeq = 0;
const idempotencyKey = () => `bench-${RUN}-${++keySeq}`;

export interface Server {
  /** The API process, e.g. to read its CPU time. */
  pid: number;
  baseUrl: string;
  /** CPU seconds the API process has used so far: what serving cost, whatever the machine's load. */
  cpuSeconds(): Promise<number>;
  stop(): Promise<void>;
}

/** The API in a child process (see server-child.ts), on its own database (a URL, and schema on PostgreSQL). */
export async function startServer(
  db: Pick<TestDatabase, 'url' | 'schema'>,
  options: { cpuProfileDir?: string | undefined } = {},
): Promise<Server> {
  const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const child = fork(fileURLToPath(new URL('./server-child.ts', import.meta.url)), [], {
    // The parent runs under tsx; the child inherits its loader through execArgv.
    execArgv: [...process.execArgv.filter((a) => !a.startsWith('--cpu-prof')), ...profile],
    env: {
      ...process.env,
      BENCH_DATABASE_URL: db.url,
      BENCH_SCHEMA: db.schema ?? '',
      BENCH_OPERATOR_TOKEN: OPERATOR_TOKEN,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { address: string }).address));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the API process exited (${code}) before listening`)));
  });
  child.removeAllListeners('exit');
  return {
    pid: child.pid!,
    baseUrl,
    cpuSeconds: () =>
      new Promise<number>((resolve) => {
        child.once('message', (message) => {
          const cpu = (message as { cpu: NodeJS.CpuUsage }).cpu;
          resolve((cpu.user + cpu.system) / 1e6);
        });
        child.send('cpu');
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send('stop');
      }),
  };
}

export interface Seeded {
  /** The reseller admin API key. */
  admin: string;
  walletIds: string[];
  /** A wallet holding only `probeFunds`, for the overdraft probe. */
  probeWalletId: string;
}

/** A reseller, its admin API key and funded wallets (one customer each), made through the API. */
export async function seed(
  client: Client,
  options: { wallets: number; funds: number; probeFunds: number; concurrency: number },
): Promise<Seeded> {
  const operator = { authorization: `Bearer ${OPERATOR_TOKEN}` };
  const reseller = await client.json<{ apiKey: string }>(
    {
      path: '/v1/resellers',
      headers: operator,
      body: JSON.stringify({
        name: 'Bench Reseller',
        adminEmail: `bench-${RUN}@example.com`,
        adminPassword: 'correct horse battery staple',
      }),
    },
    201,
  );
  const headers = { authorization: `Bearer ${reseller.apiKey}` };
  const wallet = async (n: number, funds: number) => {
    const customer = await client.json<{ id: string }>(
      {
        path: '/v1/customers',
        headers,
        body: JSON.stringify({ name: `Customer ${n}`, email: `c${n}-${RUN}@example.com` }),
      },
      201,
    );
    const created = await client.json<{ id: string }>(
      {
        path: `/v1/customers/${customer.id}/wallets`,
        headers: { ...headers, 'idempotency-key': idempotencyKey() },
        body: JSON.stringify({ currency: 'USD', initialBalance: funds }),
      },
      201,
    );
    return created.id;
  };
  const walletIds: string[] = new Array<string>(options.wallets);
  let next = 0;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      for (let n = next++; n < options.wallets; n = next++) walletIds[n] = await wallet(n, options.funds);
    }),
  );
  return {
    admin: reseller.apiKey,
    walletIds,
    probeWalletId: await wallet(options.wallets, options.probeFunds),
  };
}

/** A debit of one minor unit under a fresh Idempotency-Key. */
export function debit(admin: string, walletId: string): Post {
  return {
    path: `/v1/wallets/${walletId}/debits`,
    headers: { authorization: `Bearer ${admin}`, 'idempotency-key': idempotencyKey() },
    body: '{"amount":1,"description":"Bench debit"}',
  };
}

/**
 * Signs a desktop core in to `baseUrl` with an API key, as the app's sign-in does. Resolves once
 * signed in, with what settles when the core's cache has caught up with the feed up to `lastSeq`
 * (a benchmark may start a clock or a watcher between the two).
 */
export async function signInCore<S>(
  core: DesktopCore<S>,
  sender: S,
  baseUrl: string,
  seeded: { apiKey: string; lastSeq: number },
): Promise<{ caughtUp: Promise<void> }> {
  const caughtUp = new Promise<void>((resolve, reject) => {
    core.events.on('sync:status-changed', (status: SyncStatus) => {
      if (status.error) reject(new Error(`sync failed: ${status.error}`));
      else if (status.state !== 'syncing' && core.cache.cursor() >= seeded.lastSeq) resolve();
    });
  });
  const connected = await core.dispatch(sender, 'session:connect', {
    method: 'api_key',
    url: baseUrl,
    apiKey: seeded.apiKey,
  });
  if (!connected.ok) throw new Error(`sign-in failed: ${connected.error.message}`);
  return { caughtUp };
}
