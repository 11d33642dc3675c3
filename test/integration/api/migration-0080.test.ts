import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type DialectName, type Store } from '../../../src/server/db/database.js';
import * as initial from '../../../src/server/db/migrations/0010-initial.js';
import * as payments from '../../../src/server/db/migrations/0020-payments.js';
import * as retention from '../../../src/server/db/migrations/0050-retention.js';
import * as m0080 from '../../../src/server/db/migrations/0080-users-and-movement-limits.js';
import { DIALECTS, POSTGRES_URL } from '../../support/databases.js';

/** A database brought only as far as 0050 (what a release before 0080 left behind). */
async function databaseBefore0080(dialect: DialectName): Promise<{ store: Store; drop(): Promise<void> }> {
  let store: Store;
  let schema: string | undefined;
  if (dialect === 'sqlite') store = openStore('sqlite::memory:');
  else {
    schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    store = openStore(POSTGRES_URL, { schema, poolSize: 2 });
  }
  const db = store.db as never;
  await initial.up(db, dialect);
  await payments.up(db, dialect);
  await retention.up(db, dialect);
  return {
    store,
    async drop() {
      await store.close();
      if (!schema) return;
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}

describe.each(DIALECTS)('migration 0080 (disabled users, movement limits) on %s', (dialect) => {
  let drop: () => Promise<void> = async () => undefined;
  afterEach(() => drop());

  it('keeps existing users enabled, and the limits table refuses a negative or zero limit', async () => {
    const at = await databaseBefore0080(dialect);
    drop = at.drop;
    const { db } = at.store;
    const now = '2030-01-01T00:00:00.000Z';
    await db.insertInto('resellers').values({ id: 'rsl_1', name: 'Acme', created_at: now }).execute();
    await sql`insert into users (id, reseller_id, email, password_hash, role, customer_id, created_at)
      values ('usr_1', 'rsl_1', 'a@example.com', 'x', 'reseller_admin', null, ${now})`.execute(db);

    await m0080.up(db as never, dialect);

    expect(await db.selectFrom('users').select(['id', 'disabled_at']).execute()).toEqual([
      { id: 'usr_1', disabled_at: null },
    ]);
    const row = { reseller_id: 'rsl_1', currency: 'USD' as const, updated_at: now };
    await db
      .insertInto('movement_limits')
      .values({ ...row, confirm_above: 0, max_amount: 1 })
      .execute();
    await expect(
      db
        .insertInto('movement_limits')
        .values({ ...row, currency: 'EUR', confirm_above: -1, max_amount: 1 })
        .execute(),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('movement_limits')
        .values({ ...row, currency: 'JPY', confirm_above: 0, max_amount: 0 })
        .execute(),
    ).rejects.toThrow();
    expect(await db.selectFrom('movement_limits').select('currency').execute()).toEqual([
      { currency: 'USD' },
    ]);
  });
});
