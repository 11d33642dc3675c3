import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * 1. Gateway events are de-duplicated per reseller: (reseller_id, provider, event_id). A Pay2s id is
 *    a bank transaction number that any reseller can push to its own webhook; unique across tenants,
 *    one reseller's push made another's genuine transfer look like a repeat and it was dropped.
 * 2. The ledger refuses UPDATE and DELETE in the database itself (corrections are new rows), so no
 *    code path, script or console session can rewrite money history by accident.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') {
    await sql`alter table gateway_events
      drop constraint gateway_events_provider_event,
      add constraint gateway_events_reseller_provider_event unique (reseller_id, provider, event_id)`.execute(
      db,
    );
    await sql`create function ledger_entries_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'ledger_entries is append-only: % refused (corrections are new rows)', tg_op
          using errcode = 'P0001';
      end
    $$`.execute(db);
    await sql`create trigger ledger_entries_no_change before update or delete on ledger_entries
      for each row execute function ledger_entries_append_only()`.execute(db);
    await sql`create trigger ledger_entries_no_truncate before truncate on ledger_entries
      for each statement execute function ledger_entries_append_only()`.execute(db);
    return;
  }
  await rebuildSqliteUnique(
    db,
    'gateway_events',
    'constraint "gateway_events_provider_event" unique ("provider", "event_id")',
    'constraint "gateway_events_reseller_provider_event" unique ("reseller_id", "provider", "event_id")',
  );
  await sql`create trigger ledger_entries_no_update before update on ledger_entries begin
      select raise(abort, 'ledger_entries is append-only: UPDATE refused (corrections are new rows)');
    end`.execute(db);
  await sql`create trigger ledger_entries_no_delete before delete on ledger_entries begin
      select raise(abort, 'ledger_entries is append-only: DELETE refused (corrections are new rows)');
    end`.execute(db);
}

/**
 * SQLite cannot drop a table constraint: the table is rebuilt from its own stored definition with
 * one clause swapped (so columns other migrations added are kept), its rows copied, and its indexes
 * and triggers re-created as they were.
 */
async function rebuildSqliteUnique(db: Kysely<unknown>, table: string, from: string, to: string) {
  const { rows } = await sql<{ type: string; sql: string | null }>`
    select type, sql from sqlite_master where tbl_name = ${table} and type in ('table', 'index', 'trigger')
  `.execute(db);
  const definition = rows.find((r) => r.type === 'table')?.sql;
  if (!definition?.includes(from)) throw new Error(`${table}: its definition lacks ${from}`);
  const rebuilt = `${table}_rebuilt`;
  const created = definition.replace(from, to).replace(`"${table}"`, `"${rebuilt}"`);
  await sql.raw(created).execute(db);
  await sql.raw(`insert into "${rebuilt}" select * from "${table}"`).execute(db);
  await sql.raw(`drop table "${table}"`).execute(db);
  await sql.raw(`alter table "${rebuilt}" rename to "${table}"`).execute(db);
  // Auto-indexes of constraints have no SQL of their own; the rest are re-created as they were.
  for (const row of rows) if (row.type !== 'table' && row.sql) await sql.raw(row.sql).execute(db);
}
