import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * Counters of credential attempts (sign-in per account and per address, Bearer guesses per address),
 * kept in the database so that every API process counts the same attempts. One row per key, a fixed
 * window: see services/auth/throttle.ts. Times are epoch milliseconds, compared as numbers.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const int64 = dialect === 'postgres' ? 'bigint' : 'integer';
  const strict = dialect === 'sqlite' ? sql`strict` : sql``;

  await db.schema
    .createTable('auth_throttles')
    /** `signin:account:<email>`, `signin:address:<ip>` or `bearer:address:<ip>`. */
    .addColumn('key', 'text', (c) => c.primaryKey())
    /** Attempts counted in the current window (failures, and attempts still being checked). */
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('window_started_ms', int64, (c) => c.notNull())
    .modifyEnd(strict)
    .execute();
  // Lets expired windows be found and deleted without reading every row.
  await db.schema
    .createIndex('auth_throttles_window')
    .on('auth_throttles')
    .column('window_started_ms')
    .execute();
}
