import type BetterSqlite3 from 'better-sqlite3';

export interface CacheMigration {
  /** Numbered in steps of ten; recorded in PRAGMA user_version. */
  version: number;
  up(db: BetterSqlite3.Database): void;
}

export class FutureDatabaseError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `this database was written by a newer release (schema ${found}; this release knows up to ${known})`,
    );
    this.name = 'FutureDatabaseError';
  }
}

/**
 * Applies every pending migration in one transaction (all or nothing) and records the new version.
 * Refuses a database from the future rather than guessing at a schema it does not know.
 */
export function migrate(db: BetterSqlite3.Database, migrations: readonly CacheMigration[]): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) throw new FutureDatabaseError(current, latest);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const migration of pending) migration.up(db);
    db.pragma(`user_version = ${latest}`);
  })();
  return latest;
}
