import { afterEach, describe, expect, it } from 'vitest';
import { migrateUpTo } from '../../../src/server/db/migrate.js';
import type { AutoTopUpAttemptTable } from '../../../src/server/db/schema.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';
import { insertOwner } from '../../support/migration-owner.js';

const NOW = '2030-01-01T00:00:00.000Z';

/**
 * 0487 gives a failed auto top-up attempt its error's reason as data, as 0477 did for the auto
 * top-up's last error: an attempt that failed before is given the reason its English stood for when
 * it was one of the server's fixed sentences; any other, and an attempt that did not fail, keeps none.
 */
describe.each(DIALECTS)('migration 0487 on %s', (dialect) => {
  let db: TestDatabase;
  afterEach(() => db?.drop());

  it('earlier failed attempts read with the reason their English stood for, or none', async () => {
    db = await freshDatabase(dialect, { upTo: '0486-paypal-refund-refusal-codes' });
    const d = db.store.db;
    await insertOwner(d, NOW);
    const attempts: Array<[status: AutoTopUpAttemptTable['status'], error: string | null, reason: unknown]> =
      [
        ['failed', 'The payment was declined.', { key: 'payment_failed', values: { code: 'declined' } }],
        [
          'failed',
          'The payment gateway could not be reached; nothing was charged. Try again later.',
          { key: 'payment_failed', values: { code: 'gateway_unavailable' } },
        ],
        ['failed', 'the payment expired', { key: 'payment_ended', values: { status: 'expired' } }],
        ['failed', 'the saved payment method was removed', { key: 'saved_method_removed', values: {} }],
        ['failed', 'Your card has insufficient funds.', null],
        ['paid', null, null],
      ];
    // The table as 0486 left it: the column 0487 adds does not exist yet.
    for (const [i, [status, error]] of attempts.entries()) {
      await d
        .insertInto('auto_top_up_attempts')
        .values({
          id: `ata_m${i}`,
          reseller_id: 'rsl_m',
          wallet_id: 'wal_m',
          payment_id: `pay_m${i}`,
          amount: 5_000,
          status,
          error,
          created_at: NOW,
          updated_at: NOW,
        })
        .execute();
    }

    await migrateUpTo(db.store, '0487-auto-top-up-attempt-reasons');

    const after = await d.selectFrom('auto_top_up_attempts').selectAll().orderBy('id').execute();
    expect(after.map((a) => [a.status, a.error, a.error_reason ? JSON.parse(a.error_reason) : null])).toEqual(
      attempts,
    );
    expect(after.every((a) => a.updated_at === NOW && a.amount === 5_000)).toBe(true);
  });
});
