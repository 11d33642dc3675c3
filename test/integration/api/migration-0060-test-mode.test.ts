import { Migrator, sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { DialectName } from '../../../src/server/db/database.js';
import { migrateToLatest } from '../../../src/server/db/migrate.js';
import * as initial from '../../../src/server/db/migrations/0010-initial.js';
import * as payments from '../../../src/server/db/migrations/0020-payments.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';
import { LEDGER_COLUMNS_ADDED_LATER } from '../../support/migration-names.js';

const AT = '2030-01-01T00:00:00.000Z';

/** Brings an empty database to 0020, the migration before 0060, as a release before it left it. */
async function migrateTo0020(db: TestDatabase): Promise<void> {
  const dialect: DialectName = db.dialect;
  const before = { '0010-initial': initial, '0020-payments': payments };
  const schema =
    dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db.store.db)).rows[0]
          ?.schema
      : undefined;
  const migrator = new Migrator({
    db: db.store.db,
    provider: {
      getMigrations: async () =>
        Object.fromEntries(
          Object.entries(before).map(([name, m]) => [name, { up: (k: Kysely<any>) => m.up(k, dialect) }]),
        ),
    },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

describe.each(DIALECTS)('migration 0060 (test-mode ledger rows) on %s', (dialect) => {
  let db: TestDatabase;
  afterEach(() => db.drop());

  it('adds ledger_entries.test: rows written before it read 0 and stay as they were; new rows default to 0', async () => {
    db = await freshDatabase(dialect, { migrate: false });
    await migrateTo0020(db);
    const raw = db.store.db as unknown as Kysely<any>;
    await raw.insertInto('resellers').values({ id: 'rsl_1', name: 'Before', created_at: AT }).execute();
    await raw
      .insertInto('customers')
      .values({
        id: 'cus_1',
        reseller_id: 'rsl_1',
        name: 'Ada',
        email: 'ada@example.com',
        external_ref: null,
        search_text: 'ada',
        created_at: AT,
        updated_at: AT,
      })
      .execute();
    await raw
      .insertInto('wallets')
      .values({
        id: 'wal_1',
        reseller_id: 'rsl_1',
        customer_id: 'cus_1',
        currency: 'USD',
        status: 'active',
        balance: 2_500,
        pending_charges: 0,
        version: 1,
        created_at: AT,
        updated_at: AT,
      })
      .execute();
    const before = {
      id: 'txn_1',
      reseller_id: 'rsl_1',
      customer_id: 'cus_1',
      wallet_id: 'wal_1',
      wallet_version: 1,
      type: 'top_up',
      amount: 2_500,
      balance_after: 2_500,
      currency: 'USD',
      status: 'completed',
      description: 'Top-up via Card (sandbox)',
      reference: 'pay_1',
      related_id: 'pay_1',
      created_at: AT,
    };
    await raw.insertInto('ledger_entries').values(before).execute();

    await migrateToLatest(db.store);

    const rows = await db.store.db.selectFrom('ledger_entries').selectAll().execute();
    expect(
      rows.map((r) => ({
        ...r,
        amount: Number(r.amount),
        balance_after: Number(r.balance_after),
        wallet_version: Number(r.wallet_version),
      })),
    ).toEqual([{ ...before, test: 0, ...LEDGER_COLUMNS_ADDED_LATER }]);
    // An insert that names no flag (as every writer but a sandbox top-up) is not a test.
    await raw
      .insertInto('ledger_entries')
      .values({
        ...before,
        id: 'txn_2',
        wallet_version: 2,
        description: 'Order',
        type: 'payment',
        amount: -100,
        balance_after: 2_400,
      })
      .execute();
    const second = await db.store.db
      .selectFrom('ledger_entries')
      .select('test')
      .where('id', '=', 'txn_2')
      .executeTakeFirstOrThrow();
    expect(second.test).toBe(0);
  });
});
