import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxMigrations } from '../outbox/outbox-migrations.js';
import { cacheMigrations } from './cache-migrations.js';
import { FutureDatabaseError, migrate } from './migrate.js';
import { openLocalDatabase } from './open-database.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rc-migrations-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tables = (db: BetterSqlite3.Database) =>
  (
    db.prepare(`select name from sqlite_master where type = 'table' order by name`).all() as Array<{
      name: string;
    }>
  ).map((r) => r.name);

describe.each([
  ['cache', cacheMigrations],
  ['outbox', outboxMigrations],
] as const)('%s migrations', (_name, migrations) => {
  // Multiples of ten, increasing; not necessarily consecutive: numbers are handed out to changes
  // made in parallel, and one may land before another with a lower number.
  it('numbers migrations in increasing multiples of ten', () => {
    migrations.forEach((m, i) => {
      expect(m.version % 10).toBe(0);
      if (i > 0) expect(m.version).toBeGreaterThan(migrations[i - 1]!.version);
    });
  });

  it.each(migrations.map((m) => [m.version, m] as const))(
    'migration %i applies on the one before it, STRICT',
    (version) => {
      const db = new BetterSqlite3(':memory:');
      migrate(
        db,
        migrations.filter((m) => m.version < version),
      );
      migrate(
        db,
        migrations.filter((m) => m.version <= version),
      );
      expect(db.pragma('user_version', { simple: true })).toBe(version);
      // FTS5 tables and their shadow tables are SQLite's own, with its own column types.
      const fts = db
        .prepare(`select name from sqlite_master where type = 'table' and sql like 'create virtual table%'`)
        .pluck()
        .all() as string[];
      const loose = db
        .prepare(`select name from sqlite_master where type = 'table' and sql not like '%strict'`)
        .pluck()
        .all() as string[];
      expect(loose.filter((name) => !fts.some((v) => name === v || name.startsWith(`${v}_`)))).toEqual([]);
      db.close();
    },
  );

  it('is a no-op the second time', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, migrations);
    const before = tables(db);
    expect(migrate(db, migrations)).toBe(migrations.at(-1)!.version);
    expect(tables(db)).toEqual(before);
    db.close();
  });
});

describe('opening local databases', () => {
  it('refuses an outbox from the future and leaves it untouched', () => {
    const path = join(dir, 'outbox.sqlite');
    const future = new BetterSqlite3(path);
    future.pragma('user_version = 990');
    future.exec(`create table outbox (id text) strict; insert into outbox values ('precious')`);
    future.close();
    expect(() => openLocalDatabase(path, outboxMigrations, { rebuildable: false })).toThrow(
      FutureDatabaseError,
    );
    const still = new BetterSqlite3(path);
    expect(still.prepare('select id from outbox').all()).toEqual([{ id: 'precious' }]);
    still.close();
  });

  it('moves a cache from the future aside and starts a fresh one', () => {
    const path = join(dir, 'cache.sqlite');
    const future = new BetterSqlite3(path);
    future.pragma('user_version = 990');
    future.close();
    const opened = openLocalDatabase(path, cacheMigrations, { rebuildable: true });
    expect(opened.setAside?.reason).toBe('future');
    expect(opened.db.pragma('user_version', { simple: true })).toBe(cacheMigrations.at(-1)!.version);
    expect(readdirSync(dir).some((f) => f.startsWith('cache.sqlite.future-'))).toBe(true);
    opened.db.close();
  });

  it.each([true, false])('moves a corrupt file aside (rebuildable: %s), never deleting it', (rebuildable) => {
    const path = join(dir, 'local.sqlite');
    writeFileSync(path, 'this is not a database, but it may be all the user has'.repeat(100));
    const opened = openLocalDatabase(path, rebuildable ? cacheMigrations : outboxMigrations, { rebuildable });
    expect(opened.setAside?.reason).toBe('corrupt');
    const aside = readdirSync(dir).find((f) => f.startsWith('local.sqlite.corrupt-'));
    expect(aside).toBeDefined();
    expect(tables(opened.db)).toContain(rebuildable ? 'transactions' : 'outbox');
    opened.db.close();
  });
});
