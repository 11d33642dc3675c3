import { afterEach, describe, expect, it } from 'vitest';
import { migrateUpTo } from '../../../src/server/db/migrate.js';
import { toAutoTopUp } from '../../../src/server/wire/alerts.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';
import { insertAutoTopUp, insertOwner } from '../../support/migration-owner.js';

const NOW = '2030-01-01T00:00:00.000Z';

/**
 * 0493 adds when the reseller was told an auto top-up's charge waits on its provider: an auto
 * top-up already waiting was told nothing, so it is told once it has waited an hour, and the API
 * reads it as it did.
 */
describe.each(DIALECTS)('migration 0493 on %s', (dialect) => {
  let db: TestDatabase;
  afterEach(() => db?.drop());

  it('an auto top-up already waiting on its provider reads as not yet told, otherwise unchanged', async () => {
    db = await freshDatabase(dialect, { upTo: '0488-stripe-refund-refusal-codes' });
    const d = db.store.db;
    await insertOwner(d, NOW);
    await insertAutoTopUp(d, NOW, {
      state: 'pending',
      payment_id: 'pay_m',
      unconfirmed_asks: 3,
      unconfirmed_provider: 'stripe',
      unconfirmed_code: 'gateway_unavailable',
      unconfirmed_since: NOW,
      unconfirmed_retry_at: '2030-01-01T00:07:00.000Z',
    });
    const read = () =>
      d
        .selectFrom('wallet_auto_top_ups')
        .selectAll()
        .where('wallet_id', '=', 'wal_m')
        .executeTakeFirstOrThrow();
    const before = toAutoTopUp(await read());
    expect(before.chargeUnconfirmed).toMatchObject({ provider: 'stripe', asks: 3 });

    await migrateUpTo(db.store, '0493-auto-top-up-unconfirmed-notice');
    const row = await read();
    expect(row.unconfirmed_noticed_at).toBeNull();
    expect(toAutoTopUp(row)).toEqual(before);
  });
});
