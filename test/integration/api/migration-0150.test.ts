import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../../src/server/db/migrate.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';

const NOW = '2030-01-01T00:00:00.000Z';

/**
 * 0150 adds alert settings, alert history, auto top-up and its attempts, and a ledger index: a
 * wallet and its rows from before are untouched, and the new tables keep their rules (one pending
 * attempt per wallet; amount or target balance, not both).
 */
describe.each(DIALECTS)('migration 0150 on %s', (dialect) => {
  let db: TestDatabase;
  afterEach(() => db?.drop());

  it('keeps the ledger as it was and enforces the new tables’ rules', async () => {
    db = await freshDatabase(dialect, { upTo: '0140-webhooks-and-email' });
    const q = db.store.db;
    await q.insertInto('resellers').values({ id: 'rsl_a', name: 'A', created_at: NOW }).execute();
    await q
      .insertInto('customers')
      .values({
        id: 'cus_a',
        reseller_id: 'rsl_a',
        name: 'C',
        email: 'c@example.com',
        external_ref: null,
        search_text: 'c',
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
    const wallet = {
      id: 'wal_a',
      reseller_id: 'rsl_a',
      customer_id: 'cus_a',
      currency: 'USD' as const,
      status: 'active' as const,
      balance: 5_000,
      pending_charges: 0,
      version: 1,
      created_at: NOW,
      updated_at: NOW,
    };
    await q.insertInto('wallets').values(wallet).execute();
    await migrateToLatest(db.store);
    // Nothing changed but the column refunds (0130) added: not on hold.
    expect(await q.selectFrom('wallets').selectAll().execute()).toEqual([{ ...wallet, spending_hold: 0 }]);

    const attempt = {
      reseller_id: 'rsl_a',
      wallet_id: 'wal_a',
      payment_id: null,
      amount: 1_000,
      status: 'pending' as const,
      error: null,
      created_at: NOW,
      updated_at: NOW,
    };
    await q
      .insertInto('auto_top_up_attempts')
      .values({ ...attempt, id: 'atu_1' })
      .execute();
    await expect(
      q
        .insertInto('auto_top_up_attempts')
        .values({ ...attempt, id: 'atu_2' })
        .execute(),
    ).rejects.toThrow();
    // A finished attempt does not count against the one pending.
    await q
      .insertInto('auto_top_up_attempts')
      .values({ ...attempt, id: 'atu_3', status: 'failed' })
      .execute();

    const autoTopUp = {
      wallet_id: 'wal_a',
      reseller_id: 'rsl_a',
      customer_id: 'cus_a',
      enabled: 1,
      threshold: 1_000,
      payment_method_id: 'pmt_a',
      state: 'idle' as const,
      payment_id: null,
      consecutive_failures: 0,
      attempts_day: null,
      attempts_today: 0,
      next_attempt_at: null,
      last_error: null,
      disabled_reason: null,
      lease_until: null,
      created_at: NOW,
      updated_at: NOW,
    };
    await expect(
      q
        .insertInto('wallet_auto_top_ups')
        .values({ ...autoTopUp, amount: 1, target_balance: 2 })
        .execute(),
    ).rejects.toThrow();
    await q
      .insertInto('wallet_auto_top_ups')
      .values({ ...autoTopUp, amount: 1, target_balance: null })
      .execute();
  });
});
