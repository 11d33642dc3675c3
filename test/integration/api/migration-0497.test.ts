import { afterEach, describe, expect, it } from 'vitest';
import { migrateUpTo } from '../../../src/server/db/migrate.js';
import { toRefund } from '../../../src/server/wire/refund.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';
import { insertOwner, insertRefund } from '../../support/migration-owner.js';

const NOW = '2030-01-01T00:00:00.000Z';

/**
 * 0497 stores when a refund pending at its provider was last re-read (`checked_at`): a refund from
 * before was never re-read by it, so it reads null, is due for its re-read as it was, and the API
 * reads it as before.
 */
describe.each(DIALECTS)('migration 0497 on %s', (dialect) => {
  let db: TestDatabase;
  afterEach(() => db?.drop());

  it('earlier refunds read as never re-read, otherwise unchanged', async () => {
    db = await freshDatabase(dialect, { upTo: '0496-auto-top-up-attempts-by-wallet' });
    const d = db.store.db;
    await insertOwner(d, NOW);
    await insertRefund(d, NOW, 1, { provider: 'stripe', status: 'pending', failureReason: null });
    await insertRefund(d, NOW, 2, { provider: 'paypal', status: 'failed', failureReason: 'Refused' });
    const read = () => d.selectFrom('refunds').selectAll().orderBy('id').execute();
    const before = (await read()).map(toRefund);

    await migrateUpTo(db.store, '0497-refunds-checked-at');
    const rows = await read();
    expect(rows.map((r) => r.checked_at)).toEqual([null, null]);
    expect(rows.map(toRefund)).toEqual(before);
  });
});
