import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * A staff movement (a merchant credit, a debit, an adjustment) is its own audit record: the ledger
 * row names who made it and the action, and the audit trail reads it from there
 * (services/audit/list.ts). Each such movement used to write an audit_records row as well, which
 * repeated the ledger row (its balance before and after, amount, reason) and made every movement
 * four rows instead of three: a quarter of what an offline replay or a debit writes (issue 14).
 * Movements recorded before keep their audit_records rows; nothing is copied.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('ledger_entries').addColumn('audit_action', 'text').execute();
  await db.schema.alterTable('ledger_entries').addColumn('actor_user_id', 'text').execute();
  await db.schema.alterTable('ledger_entries').addColumn('actor_api_key_id', 'text').execute();
  await db.schema.alterTable('ledger_entries').addColumn('actor_role', 'text').execute();
  // The trail is read newest first per reseller (paging.ts seeks (created_at, id)); only audited
  // rows are in it.
  await db.schema
    .createIndex('ledger_entries_audit')
    .on('ledger_entries')
    .columns(['reseller_id', 'created_at', 'id'])
    .where(sql.ref('audit_action'), 'is not', null)
    .execute();
}
