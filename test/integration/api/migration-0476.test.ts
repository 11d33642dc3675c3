import { afterEach, describe, expect, it } from 'vitest';
import { migrateUpTo } from '../../../src/server/db/migrate.js';
import type { WalletAlertTable } from '../../../src/server/db/schema.js';
import { toWalletAlert } from '../../../src/server/wire/alerts.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';
import { insertOwner } from '../../support/migration-owner.js';

const NOW = '2030-01-01T00:00:00.000Z';

/**
 * 0476 gives a failed auto top-up's alert its particulars as data: an alert from before has none,
 * so the console shows its English message, as it did.
 */
describe.each(DIALECTS)('migration 0476 on %s', (dialect) => {
  let db: TestDatabase;
  afterEach(() => db?.drop());

  it('earlier alerts read as carrying no auto top-up particulars, otherwise unchanged', async () => {
    db = await freshDatabase(dialect, { upTo: '0475-orders-timeout-retry' });
    const d = db.store.db;
    await insertOwner(d, NOW);
    // The table as 0475 left it: the column 0476 adds does not exist yet.
    const alert = {
      id: 'alr_m',
      reseller_id: 'rsl_m',
      customer_id: 'cus_m',
      wallet_id: 'wal_m',
      type: 'wallet.auto_top_up_failed' as const,
      reason: null,
      message: 'Auto top-up of $50.00 failed: card declined. Next try at 2030-01-01T00:15:00.000Z.',
      available_balance: 900,
      currency: 'USD',
      threshold: null,
      runway_days: null,
      days_left: null,
      channels: '["desktop"]',
      created_at: NOW,
    };
    await d
      .insertInto('wallet_alerts')
      .values(alert as WalletAlertTable)
      .execute();
    const before = toWalletAlert({
      ...(await d
        .selectFrom('wallet_alerts')
        .selectAll()
        .where('id', '=', 'alr_m')
        .executeTakeFirstOrThrow()),
      auto_top_up: null,
    });

    await migrateUpTo(db.store, '0476-auto-top-up-alert-facts');
    const row = await d
      .selectFrom('wallet_alerts')
      .selectAll()
      .where('id', '=', 'alr_m')
      .executeTakeFirstOrThrow();
    expect(row.auto_top_up).toBeNull();
    expect(toWalletAlert(row)).toEqual(before);
    expect(before.autoTopUp).toBeNull();
  });
});
