import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type DialectName, type Store } from '../../src/server/db/database.js';
import { migrateToLatest, migrateUpTo, type MigrationName } from '../../src/server/db/migrate.js';

/** Both storage back ends; every API test runs against each. */
export const DIALECTS: DialectName[] = ['sqlite', 'postgres'];

export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  store: Store;
  dialect: DialectName;
  /** What a separately started API process would be given as DATABASE_URL (and schema). */
  url: string;
  schema?: string;
  /** Closes the store and drops the schema (PostgreSQL) so runs never collide. */
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database of its own: an in-memory SQLite database, or a new schema in the CI
 * PostgreSQL. `file` asks for an SQLite file instead (for tests that open it from another process);
 * `upTo` stops after that migration (a migration's own test starts from the schema before it), or
 * runs none.
 */
export async function freshDatabase(
  dialect: DialectName,
  options: { file?: string; poolSize?: number; migrate?: boolean; upTo?: MigrationName | 'nothing' } = {},
): Promise<TestDatabase> {
  // `migrate: false` leaves it empty, for a migration's test to bring it to the one before its own.
  const migrate = options.migrate ?? true;
  if (dialect === 'sqlite') {
    const url = options.file ? `sqlite:${options.file}` : 'sqlite::memory:';
    const store = openStore(url);
    await migrateFresh(store, migrate ? options.upTo : 'nothing');
    return { store, dialect, url, drop: () => store.close() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const store = openStore(POSTGRES_URL, { schema, poolSize: options.poolSize ?? 20 });
  await migrateFresh(store, migrate ? options.upTo : 'nothing');
  return {
    store,
    dialect,
    url: POSTGRES_URL,
    schema,
    async drop() {
      await store.close();
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}

async function migrateFresh(store: Store, upTo: MigrationName | 'nothing' | undefined): Promise<void> {
  if (upTo === 'nothing') return;
  await (upTo ? migrateUpTo(store, upTo) : migrateToLatest(store));
}
