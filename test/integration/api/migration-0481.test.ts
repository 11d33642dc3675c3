import { afterEach, describe, expect, it } from 'vitest';
import { migrateUpTo } from '../../../src/server/db/migrate.js';
import { toAutoTopUp } from '../../../src/server/wire/alerts.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';
import { insertAutoTopUp, insertOwner } from '../../support/migration-owner.js';

const NOW = '2030-01-01T00:00:00.000Z';

/**
 * 0481 adds to auto top-ups the record of a pending charge its provider could not be asked about:
 * an auto top-up from before never had a lookup fail, so it reads as waiting on nothing, its charge
 * taken by the job's next run as before, and the API reads it as it did.
 */
describe.each(DIALECTS)('migration 0481 on %s', (dialect) => {
  let db: TestDatabase;
  afterEach(() => db?.drop());

  it('earlier auto top-ups read as never unconfirmed, with no wait for a lookup, otherwise unchanged', async () => {
    db = await freshDatabase(dialect, { upTo: '0480-closed-wallets-not-low' });
    const d = db.store.db;
    await insertOwner(d, NOW);
    // A charge under way, the table as 0480 left it: the columns 0481 adds do not exist yet.
    await insertAutoTopUp(d, NOW, { state: 'pending' });
    const read = async () =>
      d
        .selectFrom('wallet_auto_top_ups')
        .selectAll()
        .where('wallet_id', '=', 'wal_m')
        .executeTakeFirstOrThrow();
    const before = toAutoTopUp(await read());
    expect(before.chargeUnconfirmed).toBeNull();

    await migrateUpTo(db.store, '0481-auto-top-up-unconfirmed-charge');
    const row = await read();
    expect(row).toMatchObject({
      unconfirmed_asks: null,
      unconfirmed_provider: null,
      unconfirmed_code: null,
      unconfirmed_since: null,
      unconfirmed_retry_at: null,
    });
    expect(toAutoTopUp(row)).toEqual(before);
  });
});
