import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * A merchant's own credit of a wallet (staff "Add credit", a wallet's "Initial balance") is its own
 * ledger type, `credit`, instead of `top_up`, which now means a customer's top-up alone (a gateway
 * payment settled, a bank transfer applied from its review).
 *
 * Past merchant credits are told apart by `related_id`: every `top_up` row that came from money paid
 * in names what it came from (settle.ts: the payment; payment-reviews/apply.ts: the payment, or the
 * review when applied to a wallet), and no merchant credit ever had one. So
 *
 *     type = 'top_up' and related_id is null   →   type = 'credit'
 *
 * with, as a guard, no payment or applied review pointing at the row. The same rows' records in the
 * change feed (`changes.data`, the transaction's wire shape) say `credit` too, so a desktop that
 * syncs afresh caches them as such. Nothing else changes: amounts, balances, descriptions and the
 * stored answers of idempotency keys stay as written.
 *
 * The ledger is append-only by triggers (migration 0030): they are dropped for this one update and
 * re-created exactly as they were, in the same transaction as every pending migration.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const merchantCredit = sql`type = 'top_up' and related_id is null
    and id not in (select transaction_id from payments where transaction_id is not null)
    and id not in (select applied_transaction_id from payment_reviews where applied_transaction_id is not null)`;
  // The feed first, while the rows still read `top_up`. A transaction's data is flat JSON whose strings
  // escape their quotes, so `"type":"top_up"` (or `"type" : "top_up"`, as PostgreSQL's
  // json_build_object writes it in the one-statement path) is only ever the type itself.
  await sql`update changes
    set data = replace(replace(data, '"type":"top_up"', '"type":"credit"'), '"type" : "top_up"', '"type" : "credit"')
    where entity = 'transaction' and entity_id in (select id from ledger_entries where ${merchantCredit})`.execute(
    db,
  );
  if (dialect === 'postgres') {
    await sql`alter table ledger_entries disable trigger ledger_entries_no_change`.execute(db);
    await sql`update ledger_entries set type = 'credit' where ${merchantCredit}`.execute(db);
    await sql`alter table ledger_entries enable trigger ledger_entries_no_change`.execute(db);
    return;
  }
  const { rows } = await sql<{ sql: string }>`
    select sql from sqlite_master where type = 'trigger' and name = 'ledger_entries_no_update'`.execute(db);
  const trigger = rows[0]?.sql;
  if (!trigger)
    throw new Error('ledger_entries_no_update: the append-only trigger of migration 0030 is missing');
  await sql`drop trigger ledger_entries_no_update`.execute(db);
  await sql`update ledger_entries set type = 'credit' where ${merchantCredit}`.execute(db);
  await sql.raw(trigger).execute(db);
}
