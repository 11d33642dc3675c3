import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../../src/server/db/migrate.js';
import { emitEvent } from '../../../src/server/events/index.js';
import { enqueueEmail } from '../../../src/server/email/index.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';

const NOW = '2030-01-01T00:00:00.000Z';

/**
 * 0140 adds the webhook and email outboxes: a database from before keeps its rows, and emitEvent /
 * enqueueEmail write in the caller's transaction — a rollback leaves nothing behind.
 */
describe.each(DIALECTS)('migration 0140 on %s', (dialect) => {
  let db: TestDatabase;
  afterEach(() => db?.drop());

  it('migrates a database with a reseller, then queues events and emails only when the caller commits', async () => {
    db = await freshDatabase(dialect, { upTo: '0100-gateway-event-request-id' });
    await db.store.db.insertInto('resellers').values({ id: 'rsl_a', name: 'A', created_at: NOW }).execute();
    await migrateToLatest(db.store);
    const endpoint = (id: string, events: string[], status: 'enabled' | 'disabled' = 'enabled') => ({
      id,
      reseller_id: 'rsl_a',
      url: 'https://example.com/hook',
      description: '',
      events: JSON.stringify(events),
      secret: 'sealed',
      status,
      disabled_reason: null,
      last_success_at: null,
      deleted_at: null,
      created_at: NOW,
      updated_at: NOW,
    });
    await db.store.db
      .insertInto('webhook_endpoints')
      .values([
        endpoint('whe_all', ['wallet.created', 'wallet.topped_up']),
        endpoint('whe_other', ['payment.failed']),
        endpoint('whe_off', ['wallet.created'], 'disabled'),
      ])
      .execute();

    await db.store.write(async (trx) => {
      await emitEvent(trx, 'rsl_a', 'wallet.created', { id: 'wal_1' }, NOW);
      await enqueueEmail(
        trx,
        'rsl_a',
        { to: ['a@example.com'], subject: 'S', text: 'T', html: '<p>T</p>' },
        NOW,
      );
    });
    await expect(
      db.store.write(async (trx) => {
        await emitEvent(trx, 'rsl_a', 'wallet.topped_up', { id: 'wal_1' }, NOW);
        await enqueueEmail(trx, 'rsl_a', { to: ['b@example.com'], subject: 'S', text: 'T', html: 'T' }, NOW);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');

    const events = await db.store.db.selectFrom('webhook_events').selectAll().execute();
    expect(events.map((e) => [e.type, JSON.parse(e.data)])).toEqual([['wallet.created', { id: 'wal_1' }]]);
    expect(events[0]?.id).toMatch(/^msg_/);
    const deliveries = await db.store.db.selectFrom('webhook_deliveries').selectAll().execute();
    expect(deliveries.map((d) => [d.endpoint_id, d.status, d.event_id])).toEqual([
      ['whe_all', 'pending', events[0]?.id],
    ]);
    const emails = await db.store.db.selectFrom('emails').selectAll().execute();
    expect(emails.map((e) => [JSON.parse(e.to_addresses), e.status])).toEqual([
      [['a@example.com'], 'queued'],
    ]);
  });
});
