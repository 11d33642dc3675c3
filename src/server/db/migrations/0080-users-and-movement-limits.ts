import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * Logins an admin can switch off (`users.disabled_at`: a disabled user cannot sign in and its
 * sessions stop working), and per-reseller limits on staff movements (merchant credits and
 * adjustments): the amount above which the console asks for confirmation, and a hard maximum per
 * movement that the API enforces. Amounts are integer minor units of `currency`.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const int64 = dialect === 'postgres' ? 'bigint' : 'integer';
  const strict = dialect === 'sqlite' ? sql`strict` : sql``;

  await db.schema.alterTable('users').addColumn('disabled_at', 'text').execute();

  await db.schema
    .createTable('movement_limits')
    .addColumn('reseller_id', 'text', (c) => c.notNull().references('resellers.id'))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('confirm_above', int64, (c) => c.notNull().check(sql`confirm_above >= 0`))
    .addColumn('max_amount', int64, (c) => c.notNull().check(sql`max_amount > 0`))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('movement_limits_pk', ['reseller_id', 'currency'])
    .modifyEnd(strict)
    .execute();
}
