import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { buildApp, type PaymentOptions } from '../../src/server/app.js';
import type { Api } from '../../src/server/context.js';
import type { DialectName } from '../../src/server/db/database.js';
import { loggerOptions } from '../../src/server/observability/logging.js';
import { OPERATOR_TOKEN } from './api.js';
import { freshDatabase, type TestDatabase } from './databases.js';

export const METRICS_TOKEN = 'metrics-token-for-tests-0123456789abcdef';

/** One pino line as written, and parsed. */
export interface LogLine {
  text: string;
  json: Record<string, unknown>;
}

export interface ObservedApi {
  app: Api;
  db: TestDatabase;
  /** Every log line the app wrote so far (level trace: all of them). */
  lines: LogLine[];
  /** The metrics text, as a scraper gets it. */
  scrape(): Promise<string>;
  close(): Promise<void>;
}

/**
 * A billing API as the entry point builds it (the same logger options, metrics on), its log lines
 * captured in memory; payment jobs off (tests run them by hand) and a credentials key.
 */
export async function startObservedApi(
  dialect: DialectName,
  options: { clock?: () => Date; payments?: PaymentOptions } = {},
): Promise<ObservedApi> {
  const db = await freshDatabase(dialect);
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push({ text, json: JSON.parse(text) as Record<string, unknown> });
      done();
    },
  });
  const app = await buildApp({
    store: db.store,
    operatorToken: OPERATOR_TOKEN,
    metricsToken: METRICS_TOKEN,
    databaseUrl: dialect === 'postgres' ? db.url : undefined,
    schema: db.schema,
    ...(options.clock ? { clock: options.clock } : {}),
    logger: { ...loggerOptions('trace'), stream },
    payments: { credentialsKey: randomBytes(32), jobs: false, ...options.payments },
    retention: { jobs: false },
  });
  await app.ready();
  return {
    app,
    db,
    lines,
    async scrape() {
      const reply = await app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      if (reply.statusCode !== 200) throw new Error(`/metrics answered ${reply.statusCode}`);
      return reply.body;
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

/** The value of one sample in Prometheus text (`name{labels}`), or undefined when absent. */
export function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
