import { afterEach, describe, expect, it } from 'vitest';
import { migrateUpTo } from '../../../src/server/db/migrate.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';
import { insertOwner } from '../../support/migration-owner.js';

const NOW = '2020-01-01T00:00:00.000Z';
const LOW_SINCE = '2020-01-01T08:00:00.000Z';

/**
 * 0480: a wallet closed before closing cleared its low-balance state (commit 20b2eb8) stayed `low`,
 * counted among the low wallets of every console, until its next change, which a closed wallet never
 * has. The migration clears it as closing does now, and tells the consoles through the feed.
 */
describe.each(DIALECTS)('migration 0480 on %s', (dialect) => {
  let db: TestDatabase;
  afterEach(() => db?.drop());

  it('a closed wallet left low reads ok, and the feed tells its consoles; open wallets stay as they were', async () => {
    db = await freshDatabase(dialect, { upTo: '0477-auto-top-up-error-reasons' });
    const d = db.store.db;
    await insertOwner(d, NOW);
    // wal_m (USD) is open and low; wal_closed_low (VND) closed while low; wal_closed_ok (EUR) closed, ok.
    for (const [id, currency] of [
      ['wal_closed_low', 'VND'],
      ['wal_closed_ok', 'EUR'],
    ] as const) {
      await d
        .insertInto('wallets')
        .values({
          id,
          reseller_id: 'rsl_m',
          customer_id: 'cus_m',
          currency,
          status: 'closed',
          balance: 0,
          pending_charges: 0,
          version: 1,
          created_at: NOW,
          updated_at: NOW,
        })
        .execute();
    }
    const settings = (walletId: string, state: 'ok' | 'low') => ({
      wallet_id: walletId,
      reseller_id: 'rsl_m',
      customer_id: 'cus_m',
      threshold: 1_000,
      runway_days: null,
      channels: '["desktop"]',
      emails: '[]',
      state,
      state_since: LOW_SINCE,
      created_at: NOW,
      updated_at: LOW_SINCE,
    });
    await d
      .insertInto('wallet_alert_settings')
      .values([settings('wal_m', 'low'), settings('wal_closed_low', 'low'), settings('wal_closed_ok', 'ok')])
      .execute();
    const feedBefore = await d
      .selectFrom('changes')
      .select((eb) => eb.fn.max('id').as('last'))
      .executeTakeFirst();

    await migrateUpTo(db.store, '0480-closed-wallets-not-low');

    const rows = await d.selectFrom('wallet_alert_settings').selectAll().orderBy('wallet_id').execute();
    const [open, closedLow, closedOk] = [
      rows.find((r) => r.wallet_id === 'wal_m'),
      rows.find((r) => r.wallet_id === 'wal_closed_low'),
      rows.find((r) => r.wallet_id === 'wal_closed_ok'),
    ];
    expect(open).toEqual(settings('wal_m', 'low'));
    expect(closedOk).toEqual(settings('wal_closed_ok', 'ok'));
    // Its rule stays, for the record; it is no longer below its line, since the migration ran.
    expect(closedLow).toMatchObject({ threshold: 1_000, channels: '["desktop"]', state: 'ok' });
    expect(closedLow!.state_since > LOW_SINCE).toBe(true);
    expect(closedLow!.updated_at).toBe(closedLow!.state_since);

    // The consoles count low wallets from the alert settings the feed brings: one update, for that
    // wallet alone, to its customer, carrying the settings as the API reads them.
    const feed = await d
      .selectFrom('changes')
      .selectAll()
      .where('id', '>', Number(feedBefore?.last ?? 0))
      .execute();
    expect(feed).toMatchObject([
      {
        reseller_id: 'rsl_m',
        customer_id: 'cus_m',
        entity: 'wallet_alert_settings',
        entity_id: 'wal_closed_low',
        op: 'update',
      },
    ]);
    expect(JSON.parse(feed[0]!.data)).toEqual({
      walletId: 'wal_closed_low',
      customerId: 'cus_m',
      threshold: 1_000,
      runwayDays: null,
      channels: ['desktop'],
      emails: [],
      state: 'ok',
      stateSince: closedLow!.state_since,
      updatedAt: closedLow!.updated_at,
    });
  });
});
