import { afterEach, describe, expect, it } from 'vitest';
import { migrateUpTo } from '../../../src/server/db/migrate.js';
import { toRefund } from '../../../src/server/wire/refund.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';
import { insertOwner, insertRefund } from '../../support/migration-owner.js';

const NOW = '2030-01-01T00:00:00.000Z';

/**
 * 0498 records whether a refund was asked with our refund id (PayPal's invoice_id) and whether it is
 * held for staff: nothing recorded the first before, so every earlier refund reads as not known to
 * have been sent with it (a PayPal one unanswered past PayPal's request-id window is then held, not
 * asked again), none reads held, and the API reads each as before.
 */
describe.each(DIALECTS)('migration 0498 on %s', (dialect) => {
  let db: TestDatabase;
  afterEach(() => db?.drop());

  it('earlier refunds read as not sent with our id and not held, otherwise unchanged', async () => {
    db = await freshDatabase(dialect, { upTo: '0497-refunds-checked-at' });
    const d = db.store.db;
    await insertOwner(d, NOW);
    await insertRefund(d, NOW, 1, { provider: 'paypal', status: 'pending', failureReason: null });
    await insertRefund(d, NOW, 2, { provider: 'stripe', status: 'failed', failureReason: 'Refused' });
    const read = () => d.selectFrom('refunds').selectAll().orderBy('id').execute();
    const before = (await read()).map(toRefund);

    await migrateUpTo(db.store, '0498-refunds-sent-with-id');
    const rows = await read();
    expect(rows.map((r) => [r.sent_with_id, r.held_for_review])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(rows.map(toRefund)).toEqual(before);
  });
});
