import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * The support desk's audit trail and applied bank-statement lines.
 *
 * `audit_records` is append-only: one row per staff action that changed money or settings, written
 * in the transaction of the change (services/audit/record.ts), so a change and its record commit or
 * roll back together. Read newest first per reseller, hence the (reseller_id, created_at, id) index.
 *
 * `bank_line_applications` anchors exactly-once for reconciliation: a bank line's reference is
 * unique per reseller, so applying the same line twice finds the first application and credits
 * nothing more. `amount` is integer minor units of `currency`.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const int64 = dialect === 'postgres' ? 'bigint' : 'integer';
  const strict = dialect === 'sqlite' ? sql`strict` : sql``;

  await db.schema
    .createTable('audit_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reseller_id', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_api_key_id', 'text')
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();
  await db.schema
    .createIndex('audit_records_reseller_created')
    .on('audit_records')
    .columns(['reseller_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('bank_line_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reseller_id', 'text', (c) => c.notNull())
    .addColumn('bank_reference', 'text', (c) => c.notNull())
    .addColumn('amount', int64, (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('line_date', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('target_kind', 'text', (c) => c.notNull().check(sql`target_kind in ('payment', 'invoice')`))
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('wallet_id', 'text', (c) => c.notNull())
    .addColumn('transaction_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('bank_line_applications_reference', ['reseller_id', 'bank_reference'])
    .modifyEnd(strict)
    .execute();
}
