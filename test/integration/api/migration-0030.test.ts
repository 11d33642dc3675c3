import { Migrator, sql, type Insertable, type Migration } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/server/db/database.js';
import type { LedgerEntryTable } from '../../../src/server/db/schema.js';
import { migrateToLatest, migrateUpTo } from '../../../src/server/db/migrate.js';
import * as initial from '../../../src/server/db/migrations/0010-initial.js';
import * as payments from '../../../src/server/db/migrations/0020-payments.js';
import * as retention from '../../../src/server/db/migrations/0050-retention.js';
import * as reviewApply from '../../../src/server/db/migrations/0070-payment-review-apply.js';
import * as users from '../../../src/server/db/migrations/0080-users-and-movement-limits.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';
import { MIGRATION_NAMES } from '../../support/migration-names.js';

const AT = '2030-01-01T00:00:00.000Z';

const storeEvent = (store: Store, id: string, resellerId: string, eventId: string) =>
  store.db
    .insertInto('gateway_events')
    .values({
      id,
      reseller_id: resellerId,
      provider: 'vietqr',
      event_id: eventId,
      event: '{"kind":"ignored"}',
      raw_body: null,
      received_at: AT,
      processed_at: null,
      outcome: null,
      lease_until: null,
      attempts: 0,
    })
    .execute();

/** A wallet holding one 500-minor-unit top_up row, written as the ledger service writes it. */
async function walletWithOneEntry(store: Store) {
  await store.db.insertInto('resellers').values({ id: 'rsl_a', name: 'A', created_at: AT }).execute();
  await store.db
    .insertInto('customers')
    .values({
      id: 'cus_a',
      reseller_id: 'rsl_a',
      name: 'Payer',
      email: 'payer@example.com',
      external_ref: null,
      search_text: 'payer',
      created_at: AT,
      updated_at: AT,
    })
    .execute();
  await store.db
    .insertInto('wallets')
    .values({
      id: 'wal_a',
      reseller_id: 'rsl_a',
      customer_id: 'cus_a',
      currency: 'USD',
      status: 'active',
      balance: 500,
      pending_charges: 0,
      version: 1,
      created_at: AT,
      updated_at: AT,
    })
    .execute();
  await appendEntry(store, 'txn_1', 1, 500);
}

const appendEntry = (store: Store, id: string, version: number, balanceAfter: number) =>
  store.db
    .insertInto('ledger_entries')
    .values({
      id,
      reseller_id: 'rsl_a',
      customer_id: 'cus_a',
      wallet_id: 'wal_a',
      wallet_version: version,
      type: 'top_up',
      amount: 500,
      balance_after: balanceAfter,
      currency: 'USD',
      status: 'completed',
      description: 'Top-up',
      reference: null,
      related_id: null,
      created_at: AT,
      // Written before 0060 too, where `test` does not exist yet: left to its default.
    } as Insertable<LedgerEntryTable>)
    .execute();

/** What a release without 0030 left behind: 0010, 0020, 0050, 0070 and 0080 run and recorded. */
async function migrateWithout0030(store: Store) {
  const schema =
    store.dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db)).rows[0]?.schema
      : undefined;
  const steps = {
    '0010-initial': initial,
    '0020-payments': payments,
    '0050-retention': retention,
    '0070-payment-review-apply': reviewApply,
    '0080-users-and-movement-limits': users,
  };
  const { error } = await new Migrator({
    db: store.db,
    provider: {
      getMigrations: async () =>
        Object.fromEntries(
          Object.entries(steps).map(([name, m]): [string, Migration] => [
            name,
            { up: (db) => m.up(db, store.dialect) },
          ]),
        ),
    },
    ...(schema ? { migrationTableSchema: schema } : {}),
  }).migrateToLatest();
  if (error) throw error;
}

const ledger = (store: Store) => store.db.selectFrom('ledger_entries').selectAll().orderBy('id').execute();

describe.each(DIALECTS)(
  'migration 0030 (per-reseller gateway events, append-only ledger) on %s',
  (dialect) => {
    let db: TestDatabase;
    afterEach(() => db.drop());

    it("keeps stored events; an event id is then unique per reseller, so B's id no longer shadows A's", async () => {
      db = await freshDatabase(dialect, { upTo: '0020-payments' });
      await storeEvent(db.store, 'gev_a1', 'rsl_a', 'pay2s:1788052');
      // Before: reseller B's push under A's bank transaction number took the id for every reseller.
      await expect(storeEvent(db.store, 'gev_b0', 'rsl_b', 'pay2s:1788052')).rejects.toThrow();

      await migrateUpTo(db.store, '0030-tenant-events-append-only-ledger');

      const kept = await db.store.db
        .selectFrom('gateway_events')
        .select(['id', 'reseller_id', 'event_id'])
        .execute();
      expect(kept).toEqual([{ id: 'gev_a1', reseller_id: 'rsl_a', event_id: 'pay2s:1788052' }]);
      await storeEvent(db.store, 'gev_b1', 'rsl_b', 'pay2s:1788052');
      // Still one event per id within a reseller: a provider's retry is a repeat.
      await expect(storeEvent(db.store, 'gev_a2', 'rsl_a', 'pay2s:1788052')).rejects.toThrow();
      const unprocessed = await db.store.db
        .selectFrom('gateway_events')
        .select('id')
        .where('processed_at', 'is', null)
        .orderBy('id')
        .execute();
      expect(unprocessed.map((r) => r.id)).toEqual(['gev_a1', 'gev_b1']);
      if (dialect === 'sqlite') {
        const { rows } = await sql<{ name: string }>`select name from sqlite_master
        where type = 'index' and tbl_name = 'gateway_events' and sql is not null`.execute(db.store.db);
        expect(rows.map((r) => r.name)).toEqual(['gateway_events_unprocessed']);
      }
    });

    it('the database refuses UPDATE and DELETE of ledger rows (and TRUNCATE on PostgreSQL); appending works', async () => {
      db = await freshDatabase(dialect, { upTo: '0020-payments' });
      await walletWithOneEntry(db.store);
      await migrateUpTo(db.store, '0030-tenant-events-append-only-ledger');
      const before = await ledger(db.store);

      await expect(
        sql`update ledger_entries set amount = 1000000, balance_after = 1000000 where id = 'txn_1'`.execute(
          db.store.db,
        ),
      ).rejects.toThrow(/ledger_entries is append-only: UPDATE refused/);
      await expect(sql`delete from ledger_entries where id = 'txn_1'`.execute(db.store.db)).rejects.toThrow(
        /ledger_entries is append-only: DELETE refused/,
      );
      await expect(
        db.store.db.updateTable('ledger_entries').set({ status: 'completed' }).execute(),
      ).rejects.toThrow(/append-only/);
      await expect(db.store.db.deleteFrom('ledger_entries').execute()).rejects.toThrow(/append-only/);
      if (dialect === 'postgres') {
        await expect(sql`truncate ledger_entries`.execute(db.store.db)).rejects.toThrow(
          /ledger_entries is append-only: TRUNCATE refused/,
        );
      }
      expect(await ledger(db.store)).toEqual(before);

      await appendEntry(db.store, 'txn_2', 2, 1000);
      expect((await ledger(db.store)).map((r) => [r.id, Number(r.balance_after)])).toEqual([
        ['txn_1', 500],
        ['txn_2', 1000],
      ]);
    });

    it('runs over a database that a release without it brought to 0080 (merged after higher numbers)', async () => {
      db = await freshDatabase(dialect, { upTo: 'nothing' });
      await migrateWithout0030(db.store);
      await storeEvent(db.store, 'gev_a1', 'rsl_a', 'pay2s:1788052');
      await walletWithOneEntry(db.store);

      await migrateToLatest(db.store);

      await storeEvent(db.store, 'gev_b1', 'rsl_b', 'pay2s:1788052');
      await expect(sql`delete from ledger_entries`.execute(db.store.db)).rejects.toThrow(/append-only/);
      const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
        db.store.db,
      );
      expect(rows.map((r) => r.name)).toEqual(MIGRATION_NAMES);
      if (dialect === 'sqlite') {
        const { rows: indexes } = await sql<{ name: string }>`select name from sqlite_master
          where type = 'index' and tbl_name = 'gateway_events' and sql is not null order by name`.execute(
          db.store.db,
        );
        expect(indexes.map((r) => r.name)).toEqual([
          'gateway_events_processed',
          'gateway_events_unprocessed',
        ]);
      }
    });
  },
);
