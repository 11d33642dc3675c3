import { Migrator, sql, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Store } from './database.js';
import * as initial from './migrations/0010-initial.js';
import * as payments from './migrations/0020-payments.js';
import * as tenantEvents from './migrations/0030-tenant-events-append-only-ledger.js';
import * as authThrottles from './migrations/0040-auth-throttles.js';
import * as retention from './migrations/0050-retention.js';
import * as testModeLedgerRows from './migrations/0060-test-mode-ledger-rows.js';
import * as paymentReviewApply from './migrations/0070-payment-review-apply.js';
import * as usersAndMovementLimits from './migrations/0080-users-and-movement-limits.js';

/** Numbered in steps of ten; each runs once, all pending ones in one transaction. */
const migrations = {
  '0010-initial': initial,
  '0020-payments': payments,
  '0030-tenant-events-append-only-ledger': tenantEvents,
  '0040-auth-throttles': authThrottles,
  '0050-retention': retention,
  '0060-test-mode-ledger-rows': testModeLedgerRows,
  '0070-payment-review-apply': paymentReviewApply,
  '0080-users-and-movement-limits': usersAndMovementLimits,
};

class StaticProvider implements MigrationProvider {
  constructor(private readonly store: Store) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(
      Object.entries(migrations).map(([name, m]) => [name, { up: (db) => m.up(db, this.store.dialect) }]),
    );
  }
}

/**
 * Brings either database to the current schema. Refuses a database migrated by a newer release
 * (a migration it does not know has run) instead of guessing.
 */
export async function migrateToLatest(store: Store): Promise<void> {
  const migrator = await migratorFor(store);
  report(await migrator.migrateToLatest());
}

/** Runs the migrations up to and including `name` only: a migration's test starts from the one before. */
export async function migrateUpTo(store: Store, name: MigrationName): Promise<void> {
  const migrator = await migratorFor(store);
  report(await migrator.migrateTo(name));
}

export type MigrationName = keyof typeof migrations;

async function migratorFor(store: Store): Promise<Migrator> {
  // Kysely looks for its own tables in every schema it can see: name ours, or a kysely_migration
  // table in another schema of the same database makes it skip creating the one in this schema.
  const schema =
    store.dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db)).rows[0]?.schema
      : undefined;
  return new Migrator({
    db: store.db,
    provider: new StaticProvider(store),
    // Numbers are handed out per change and changes land in any order: a database that already ran
    // 0080 must still get 0070 when it arrives. Each migration depends only on those before it in
    // number, and an unknown migration that has run is still refused (a database from the future).
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

function report({ error, results }: MigrationResultSet): void {
  if (!error) return;
  const failed = results?.find((r) => r.status === 'Error');
  throw new Error(
    `database migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`,
    {
      cause: error,
    },
  );
}
