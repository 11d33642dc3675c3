import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/server/db/database.js';
import { migrateToLatest } from '../../../src/server/db/migrate.js';
import * as customerFeedCompactions from '../../../src/server/db/migrations/0410-customer-feed-compactions.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';
import { MIGRATION_NAMES } from '../../support/migration-names.js';

const APP_TABLES = [
  'api_keys',
  'auth_throttles',
  'changes',
  'customer_feed_compactions',
  'customers',
  'emails',
  'feed_compactions',
  'gateway_credentials',
  'gateway_events',
  'holds',
  'idempotency_keys',
  'job_leases',
  'invoice_customer_settings',
  'invoice_series',
  'invoices',
  'ledger_entries',
  'movement_limits',
  'notices',
  'orders',
  'payers',
  'payment_reviews',
  'payment_settings',
  'payments',
  'products',
  'refunds',
  'resellers',
  'sandbox_checkouts',
  'saved_methods',
  'sessions',
  'subscription_attempts',
  'subscriptions',
  'top_up_links',
  'users',
  'wallets',
  'webhook_attempts',
  'webhook_deliveries',
  'webhook_endpoints',
  'webhook_events',
  'wallet_alert_settings',
  'wallet_alerts',
  'wallet_auto_top_ups',
  'auto_top_up_attempts',
  'tickets',
  'ticket_messages',
  'audit_records',
  'bank_line_applications',
  'crypto_address_indexes',
  'exclusive_credential_ids',
];

/** The tables of this database only (PostgreSQL: of this test's schema, not of its neighbours). */
async function tables(store: Store): Promise<string[]> {
  const query =
    store.dialect === 'sqlite'
      ? sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`
      : sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema()`;
  return (await query.execute(store.db)).rows.map((r) => r.name).sort();
}

async function recordedMigrations(store: Store) {
  const { rows } = await sql<{
    name: string;
    timestamp: string;
  }>`select name, timestamp from kysely_migration order by name`.execute(store.db);
  return rows;
}

describe.each(DIALECTS)('database migrations on %s', (dialect) => {
  let db: TestDatabase;
  beforeEach(async () => {
    // Migrated here, not copied from a migrated template (databases.ts): migrating is what is tested.
    db = await freshDatabase(dialect, { fromScratch: true });
  });
  afterEach(() => db.drop());

  it('a fresh database migrates to every table the API uses, and records the migration', async () => {
    expect(await tables(db.store)).toEqual(
      [...APP_TABLES, 'kysely_migration', 'kysely_migration_lock'].sort(),
    );
    expect((await recordedMigrations(db.store)).map((m) => m.name)).toEqual(MIGRATION_NAMES);
  });

  it('0050-retention: the pruning job reads old records and feed entries by index', async () => {
    const query =
      db.store.dialect === 'sqlite'
        ? sql<{ name: string }>`select name from sqlite_master where type = 'index'`
        : sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema()`;
    const indexes = (await query.execute(db.store.db)).rows.map((r) => r.name);
    expect(indexes).toEqual(
      expect.arrayContaining(['idempotency_keys_created', 'gateway_events_processed', 'changes_entity_seq']),
    );
  });

  it("0420-payments-by-invoice: an invoice's checkouts are found by the invoice, not by a scan", async () => {
    const plan =
      db.store.dialect === 'sqlite'
        ? await sql<{ detail: string }>`explain query plan
            select id from payments where reseller_id = 'rsl_x' and invoice_id = 'inv_x' and status = 'new'`.execute(
            db.store.db,
          )
        : await sql<{ 'QUERY PLAN': string }>`explain (costs off)
            select id from payments where reseller_id = 'rsl_x' and invoice_id = 'inv_x' and status = 'new'`.execute(
            db.store.db,
          );
    expect(JSON.stringify(plan.rows)).toMatch(/payments_invoice/);
  });

  it("0496-auto-top-up-attempts-by-wallet: a wallet's auto top-up charges are read along an index, newest first", async () => {
    // The attempts route's own query (services/auto-top-up/attempts.ts).
    const attempts = db.store.db
      .selectFrom('auto_top_up_attempts')
      .selectAll()
      .where('wallet_id', '=', 'wal_x')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(10)
      .compile();
    const explain = db.store.dialect === 'sqlite' ? 'explain query plan ' : 'explain (costs off) ';
    const plan = await db.store.db.executeQuery({
      ...attempts,
      sql: explain + attempts.sql,
    });
    const text = JSON.stringify(plan.rows);
    expect(text).toMatch(/auto_top_up_attempts_by_wallet/);
    expect(text).not.toMatch(/TEMP B-TREE|Sort/);
  });

  it("0410-customer-feed-compactions: a reseller's earlier compactions hold for each of its customers", async () => {
    const at = '2030-01-01T00:00:00.000Z';
    await db.store.db
      .insertInto('resellers')
      .values([
        { id: 'rsl_folded', name: 'Folded', created_at: at },
        { id: 'rsl_never', name: 'Never folded', created_at: at },
      ])
      .execute();
    const customer = (id: string, resellerId: string) => ({
      id,
      reseller_id: resellerId,
      name: id,
      email: `${id}@example.com`,
      external_ref: null,
      search_text: id,
      created_at: at,
      updated_at: at,
    });
    await db.store.db
      .insertInto('customers')
      .values([
        customer('cus_a', 'rsl_folded'),
        customer('cus_b', 'rsl_folded'),
        customer('cus_c', 'rsl_never'),
      ])
      .execute();
    await db.store.db
      .insertInto('feed_compactions')
      .values({ reseller_id: 'rsl_folded', folded_through: 42, compacted_at: at })
      .execute();
    // As the database stood before 0410: the table is made again from what was there.
    await db.store.db.schema.dropTable('customer_feed_compactions').execute();
    await customerFeedCompactions.up(db.store.db as Kysely<unknown>, db.store.dialect);

    const rows = await db.store.db
      .selectFrom('customer_feed_compactions')
      .select(['reseller_id', 'customer_id', 'folded_through'])
      .orderBy('customer_id')
      .execute();
    expect(rows.map((r) => ({ ...r, folded_through: Number(r.folded_through) }))).toEqual([
      { reseller_id: 'rsl_folded', customer_id: 'cus_a', folded_through: 42 },
      { reseller_id: 'rsl_folded', customer_id: 'cus_b', folded_through: 42 },
    ]);
  });

  it('migrating again is a no-op: same tables, same record, data kept', async () => {
    await db.store.db
      .insertInto('resellers')
      .values({ id: 'rsl_kept', name: 'Kept', created_at: '2030-01-01T00:00:00.000Z' })
      .execute();
    const before = { tables: await tables(db.store), migrations: await recordedMigrations(db.store) };

    await migrateToLatest(db.store);
    await migrateToLatest(db.store);

    expect({ tables: await tables(db.store), migrations: await recordedMigrations(db.store) }).toEqual(
      before,
    );
    expect(await db.store.db.selectFrom('resellers').selectAll().execute()).toEqual([
      { id: 'rsl_kept', name: 'Kept', created_at: '2030-01-01T00:00:00.000Z' },
    ]);
  });

  it('refuses a database that records a migration this release does not know, naming it', async () => {
    await sql`insert into kysely_migration (name, timestamp)
      values ('0020-from-a-newer-release', '2031-01-01T00:00:00.000Z')`.execute(db.store.db);
    const before = { tables: await tables(db.store), migrations: await recordedMigrations(db.store) };

    const refusal = migrateToLatest(db.store);

    await expect(refusal).rejects.toThrow(/^database migration failed/);
    await expect(refusal).rejects.toThrow(/0020-from-a-newer-release/);
    expect({ tables: await tables(db.store), migrations: await recordedMigrations(db.store) }).toEqual(
      before,
    );
  });

  it('migrates a new database while another migrated one sits next to it (one PostgreSQL, two schemas)', async () => {
    const neighbour = await freshDatabase(dialect, { fromScratch: true });
    try {
      expect(await tables(neighbour.store)).toEqual(await tables(db.store));
      expect((await recordedMigrations(neighbour.store)).map((m) => m.name)).toEqual(MIGRATION_NAMES);
    } finally {
      await neighbour.drop();
    }
  });
});
