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
    ...(options.outbound ? { outbound: options.outbound } : {}),
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
  // A PDF (GET /v1/invoices/:id/pdf) is no JSON: its body is kept as the text it is.
  const json = !String(response.headers['content-type'] ?? '').startsWith('application/pdf');
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
  });
  return {
    resellerId: reseller.body.id,
    adminEmail: email,
    admin,
    customerId: customer.body.id,
    walletId: wallet.body.id,
  };
}
