import { randomBytes } from 'node:crypto';
import type { DialectName } from '../../src/server/db/database.js';
import {
  buildApp,
  type AppOptions,
  type PaymentOptions,
  type RetentionOptions,
} from '../../src/server/app.js';
import type { Api } from '../../src/server/context.js';
import { freshDatabase, type TestDatabase } from './databases.js';

export const OPERATOR_TOKEN = 'test-operator-token-0123456789';

export interface TestApi {
  app: Api;
  db: TestDatabase;
  /** Set when started with `listen: true`: http://127.0.0.1:<port>. */
  baseUrl: string;
  close(): Promise<void>;
}

/** A billing API on its own fresh database; `listen` binds a real port on 127.0.0.1 (port 0). */
export async function startApi(
  dialect: DialectName,
  options: {
    listen?: boolean;
    clock?: () => Date;
    poolSize?: number;
    throttle?: AppOptions['throttle'];
    trustProxy?: AppOptions['trustProxy'];
    payments?: PaymentOptions;
    /** Default: no pruning job on a timer (a test runs `app.pruner` by hand, on its own clock). */
    retention?: RetentionOptions;
    outbound?: AppOptions['outbound'];
    /** Default: no order jobs on a timer (a test runs `app.orderJobs` by hand, on its own clock). */
    orders?: AppOptions['orders'];
    /** Default: no webhook or email job on a timer, and a secrets key on either database. */
    webhooks?: AppOptions['webhooks'];
    email?: AppOptions['email'];
  } = {},
): Promise<TestApi> {
  const db = await freshDatabase(dialect, { poolSize: options.poolSize });
  const app = await buildApp({
    store: db.store,
    operatorToken: OPERATOR_TOKEN,
    databaseUrl: dialect === 'postgres' ? db.url : undefined,
    schema: db.schema,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.throttle ? { throttle: options.throttle } : {}),
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
    ...(options.payments ? { payments: options.payments } : {}),
    retention: { jobs: false, ...options.retention },
    orders: { jobs: false, ...options.orders },
    ...(options.outbound ? { outbound: options.outbound } : {}),
    webhooks: { jobs: false, secretsKey: randomBytes(32), ...options.webhooks },
    ...(options.email ? { email: options.email } : {}),
  });
  let baseUrl = '';
  if (options.listen) baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  else await app.ready();
  return {
    app,
    db,
    baseUrl,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

/** One request through app.inject, as a caller sees it. */
export async function call<T = any>(
  app: Api,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  options: {
    token?: string;
    body?: unknown;
    key?: string;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.key) headers['idempotency-key'] = options.key;
  if (options.body !== undefined || options.rawBody !== undefined)
    headers['content-type'] ??= 'application/json';
  const response = await app.inject({
    method,
    url,
    headers,
    ...(options.rawBody !== undefined ? { payload: options.rawBody } : {}),
    ...(options.body !== undefined ? { payload: JSON.stringify(options.body) } : {}),
  });
  const text = response.body;
  // A CSV or PDF answer is given as its text; JSON (answers and errors alike) parsed.
  const json = String(response.headers['content-type'] ?? 'application/json').includes('json');
  return {
    status: response.statusCode,
    body: (text ? (json ? JSON.parse(text) : text) : null) as T,
    headers: response.headers,
  };
}

let keySeq = 0;
/** A fresh idempotency key. */
export const key = (label = 'k') => `${label}-${process.pid}-${Date.now()}-${++keySeq}`;

/** A reseller with its admin API key, a customer and a funded wallet. */
export async function seedReseller(app: Api, name = 'Acme') {
  const email = `admin-${key(name.toLowerCase())}@example.com`;
  const reseller = await call<{ id: string; apiKey: string }>(app, 'POST', '/v1/resellers', {
    token: OPERATOR_TOKEN,
    body: { name, adminEmail: email, adminPassword: 'correct horse battery staple' },
  });
  if (reseller.status !== 201) throw new Error(`seed reseller: ${JSON.stringify(reseller.body)}`);
  const admin = reseller.body.apiKey;
  const customer = await call<{ id: string }>(app, 'POST', '/v1/customers', {
    token: admin,
    body: { name: `${name} Customer`, email: `customer-${key()}@example.com`, externalRef: key('ref') },
  });
  const wallet = await call<{ id: string }>(app, 'POST', `/v1/customers/${customer.body.id}/wallets`, {
    token: admin,
    body: { currency: 'USD', initialBalance: 100_000 },
    key: key('wallet'),
  });
  return {
    resellerId: reseller.body.id,
    adminEmail: email,
    admin,
    customerId: customer.body.id,
    walletId: wallet.body.id,
  };
}
