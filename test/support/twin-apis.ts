import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type AppOptions } from '../../src/server/app.js';
import type { Api } from '../../src/server/context.js';
import { openStore, type DialectName, type Store } from '../../src/server/db/database.js';
import { OPERATOR_TOKEN } from './api.js';
import { freshDatabase, type TestDatabase } from './databases.js';

export interface TwinApis {
  /** Two API instances, each with its own store (connections), over one database. */
  a: Api;
  b: Api;
  db: TestDatabase;
  close(): Promise<void>;
}

/**
 * Two billing APIs as two API processes behind a load balancer would run: on one PostgreSQL schema,
 * or on one SQLite file, each with its own connections and its own in-process state.
 */
export async function startTwinApis(
  dialect: DialectName,
  options: Pick<AppOptions, 'clock' | 'throttle' | 'trustProxy' | 'orders' | 'payments'> = {},
): Promise<TwinApis> {
  const dir = dialect === 'sqlite' ? mkdtempSync(join(tmpdir(), 'twin-apis-')) : null;
  const db = await freshDatabase(dialect, dir ? { file: join(dir, 'billing.sqlite') } : {});
  const second: Store = openStore(db.url, db.schema ? { schema: db.schema } : {});
  const build = (store: Store) =>
    buildApp({
      store,
      operatorToken: OPERATOR_TOKEN,
      databaseUrl: dialect === 'postgres' ? db.url : undefined,
      schema: db.schema,
      // As startApi: no pruning job on a timer.
      retention: { jobs: false },
      ...options,
    });
  const a = await build(db.store);
  const b = await build(second);
  await Promise.all([a.ready(), b.ready()]);
  return {
    a,
    b,
    db,
    async close() {
      await Promise.all([a.close(), b.close()]);
      await second.close();
      await db.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
