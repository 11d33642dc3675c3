import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../../src/server/db/migrate.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';

const NOW = '2030-01-01T00:00:00.000Z';

/** 0100 adds gateway_events.request_id: events stored before it keep everything, with no request id. */
describe.each(DIALECTS)('migration 0100 on %s', (dialect) => {
  let db: TestDatabase;
  afterEach(() => db?.drop());

  it('leaves an event stored before it intact, with a null request id, and takes one after', async () => {
    db = await freshDatabase(dialect, { upTo: '0090-merchant-credit-type' });
    const event = {
      id: 'gev_old',
      reseller_id: 'rsl_a',
      provider: 'sandbox',
      event_id: 'evt_old',
      event: '{}',
      raw_body: null,
      received_at: NOW,
      processed_at: null,
      outcome: null,
      lease_until: null,
      attempts: 0,
    };
    await db.store.db.insertInto('gateway_events').values(event).execute();
    await migrateToLatest(db.store);
    const rows = await db.store.db.selectFrom('gateway_events').selectAll().execute();
    expect(rows).toEqual([{ ...event, request_id: null }]);

    await db.store.db
      .insertInto('gateway_events')
      .values({ ...event, id: 'gev_new', event_id: 'evt_new', request_id: 'req-0123456789' })
      .execute();
    const stored = await db.store.db
      .selectFrom('gateway_events')
      .select('request_id')
      .where('id', '=', 'gev_new')
      .executeTakeFirstOrThrow();
    expect(stored.request_id).toBe('req-0123456789');
  });
});
