import { expect } from 'vitest';
import { migrateUpTo, type MigrationName } from '../../src/server/db/migrate.js';
import type { RefundTable } from '../../src/server/db/schema.js';
import { toRefund } from '../../src/server/wire/refund.js';
import type { TestDatabase } from './databases.js';
import { insertOwner, insertRefund } from './migration-owner.js';

/** A refund before a re-coding migration, and the code it must read with after it. */
export type RecodedRefund = [
  provider: string,
  status: RefundTable['status'],
  reason: string | null,
  before: RefundTable['failure_code'],
  after: string | null,
];

/**
 * The scene of a migration that re-codes refused refunds from their stored English (0486, 0488):
 * each refund written as the previous migration left it, `migration` run, and each read back with
 * its new code, its status, English and update time untouched.
 */
export async function expectRecoded(
  db: TestDatabase,
  migration: MigrationName,
  rows: readonly RecodedRefund[],
  now: string,
): Promise<void> {
  const d = db.store.db;
  await insertOwner(d, now);
  for (const [i, [provider, status, failureReason, failureCode]] of rows.entries()) {
    await insertRefund(d, now, i, { provider, status, failureReason, failureCode });
  }
  await migrateUpTo(db.store, migration);
  for (const [i, [provider, status, reason, , after]] of rows.entries()) {
    const row = await d
      .selectFrom('refunds')
      .selectAll()
      .where('id', '=', `rfd_m${i}`)
      .executeTakeFirstOrThrow();
    expect(toRefund(row), `${provider} ${reason}`).toMatchObject({
      status,
      failureReason: reason,
      failureCode: after,
      updatedAt: now,
    });
  }
}
