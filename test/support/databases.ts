import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
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
  options: {
    file?: string;
    poolSize?: number;
    migrate?: boolean;
    upTo?: MigrationName | 'nothing';
    /** Run the migrations on this database itself rather than copy a migrated one (see below). */
    fromScratch?: boolean;
  } = {},
): Promise<TestDatabase> {
  // `migrate: false` leaves it empty, for a migration's test to bring it to the one before its own.
  const migrate = options.migrate ?? true;
  const copy = migrate && !options.upTo && !options.fromScratch;
  if (dialect === 'sqlite') {
    const url = options.file ? `sqlite:${options.file}` : 'sqlite::memory:';
    if (copy && !options.file) {
      const store = openStore(url, { sqliteImage: await migratedSqliteImage() });
      return { store, dialect, url, drop: () => store.close() };
    }
    const copied = copy && options.file !== undefined && (await migratedSqliteFile(options.file));
    const store = openStore(url);
    if (!copied) await migrateFresh(store, migrate ? options.upTo : 'nothing');
    return { store, dialect, url, drop: () => store.close() };
  }
  if (copy) return copiedPostgresDatabase(options.poolSize ?? 20);
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

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/*
 * A migrated database, copied. Migrating afresh cost every test over a second of PostgreSQL's time
 * on a busy machine (creating its tables is catalog work) and 0.15 s of SQLite's, for hundreds of
 * databases a run. So the tests copy one migrated database instead: SQLite's from a serialized
 * image, PostgreSQL's with CREATE DATABASE … TEMPLATE (about a tenth of the time). The copy is
 * exactly what migrating produced, the migrator's own rows included. A migration's own test
 * (`upTo`) and `fromScratch` still migrate.
 */
let sqliteImage: Promise<Buffer> | undefined;
let postgresTemplate: Promise<string> | undefined;

/**
 * A new SQLite file at `file`, migrated to the latest version (a copy of the image below): for an API
 * process a test starts on a file of its own, which otherwise spent half a second of its start-up
 * (about a third of its CPU to READY) creating its tables, and a run starts hundreds. A file already
 * there is left as it is: false.
 */
export async function migratedSqliteFile(file: string): Promise<boolean> {
  const image = await migratedSqliteImage();
  try {
    await writeFile(file, image, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * An SQLite database migrated to the latest version, serialized. In rollback-journal mode: an image
 * of a WAL database does not open in memory.
 */
function migratedSqliteImage(): Promise<Buffer> {
  sqliteImage ??= (async () => {
    const folder = await mkdtemp(join(tmpdir(), 'migrated-sqlite-'));
    try {
      const file = join(folder, 'migrated.sqlite');
      const store = openStore(`sqlite:${file}`);
      await migrateToLatest(store);
      await sql`pragma journal_mode = delete`.execute(store.db);
      await store.close();
      return await readFile(file);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  })();
  return sqliteImage;
}

/** A database of its own, a copy of the migrated template; dropped (connections and all) after. */
async function copiedPostgresDatabase(poolSize: number): Promise<TestDatabase> {
  const template = await migratedPostgresTemplate();
  const name = `t_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => admin.query(`create database ${name} template ${template}`));
  const url = databaseUrl(name);
  const store = openStore(url, { schema: 'public', poolSize });
  return {
    store,
    dialect: 'postgres',
    url,
    schema: 'public',
    async drop() {
      await store.close();
      await withAdmin((admin) => admin.query(`drop database if exists ${name} with (force)`));
    },
  };
}

function databaseUrl(name: string): string {
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.href;
}

const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../src/server/db/', import.meta.url));

/**
 * The template: named by a hash of the migrations' sources, so that a changed or added migration
 * gets a template of its own, and test processes (and runs) with the same migrations share one.
 * Migrated under another name and renamed when done, under an advisory lock: a process never
 * copies a template that is half migrated.
 */
function migratedPostgresTemplate(): Promise<string> {
  postgresTemplate ??= (async () => {
    const hash = createHash('sha256');
    for (const file of ['migrate.ts', 'schema.ts']) hash.update(readFileSync(join(MIGRATIONS_FOLDER, file)));
    for (const file of readdirSync(join(MIGRATIONS_FOLDER, 'migrations')).sort())
      hash.update(file).update(readFileSync(join(MIGRATIONS_FOLDER, 'migrations', file)));
    const name = `rc_template_${hash.digest('hex').slice(0, 16)}`;
    await withAdmin(async (admin) => {
      await admin.query('select pg_advisory_lock(hashtext($1))', [name]);
      try {
        const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
        if (exists.rowCount) return;
        const building = `${name}_${randomBytes(4).toString('hex')}`;
        await admin.query(`create database ${building}`);
        const store = openStore(databaseUrl(building), { schema: 'public', poolSize: 2 });
        await migrateToLatest(store);
        await store.close();
        await admin.query(`alter database ${building} rename to ${name}`);
      } finally {
        await admin.query('select pg_advisory_unlock(hashtext($1))', [name]);
      }
    });
    return name;
  })();
  return postgresTemplate;
}
