import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * How far each customer's own entries were folded away. A customer's desktop follows only that
 * customer's entries, so comparing its cursor with the reseller's `folded_through` told a customer
 * with nothing new for a month, while others of the same reseller were busy, that it had missed
 * entries when it had missed none; it then rebuilt its cache for nothing. Compactions until now are
 * carried over as they were judged: each of the reseller's customers folded as far as the reseller.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const int64 = dialect === 'postgres' ? 'bigint' : 'integer';
  const strict = dialect === 'sqlite' ? sql`strict` : sql``;
  await db.schema
    .createTable('customer_feed_compactions')
    .addColumn('reseller_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    /** The newest feed position whose entry of this customer was folded away. */
    .addColumn('folded_through', int64, (c) => c.notNull())
    .addColumn('compacted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_feed_compactions_pk', ['reseller_id', 'customer_id'])
    .modifyEnd(strict)
    .execute();
  await sql`
    insert into customer_feed_compactions (reseller_id, customer_id, folded_through, compacted_at)
    select f.reseller_id, c.id, f.folded_through, f.compacted_at
    from feed_compactions f join customers c on c.reseller_id = f.reseller_id
  `.execute(db);
}
