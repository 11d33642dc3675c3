import { afterEach, describe, expect, it } from 'vitest';
import { migrateUpTo } from '../../../src/server/db/migrate.js';
import type { WalletAlertTable } from '../../../src/server/db/schema.js';
import { toAutoTopUp, toWalletAlert } from '../../../src/server/wire/alerts.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';
import { insertOwner } from '../../support/migration-owner.js';

const NOW = '2030-01-01T00:00:00.000Z';

/**
 * 0477 gives a failed auto top-up's error its reason as data: an error stored before is given the
 * reason its English stood for when it was one of the server's fixed sentences; any other keeps none,
 * so the console and the emails quote its English, as they did.
 */
describe.each(DIALECTS)('migration 0477 on %s', (dialect) => {
  let db: TestDatabase;
  afterEach(() => db?.drop());

  it('earlier errors read with the reason their English stood for, or none; otherwise unchanged', async () => {
    db = await freshDatabase(dialect, { upTo: '0476-auto-top-up-alert-facts' });
    const d = db.store.db;
    await insertOwner(d, NOW);
    const errors: Array<[string, unknown]> = [
      ['The payment was declined.', { key: 'payment_failed', values: { code: 'declined' } }],
      [
        'Cancelled before it was paid. the coin is not offered',
        { key: 'payment_failed', values: { code: 'cancelled_before_paid' } },
      ],
      ['the payment expired', { key: 'payment_ended', values: { status: 'expired' } }],
      ['the saved payment method was removed', { key: 'saved_method_removed', values: {} }],
      ['a top-up must be between $1.00 and $10.00', null],
      ['Your card has insufficient funds.', null],
    ];
    const setting = (error: string) => ({
      wallet_id: 'wal_m',
      reseller_id: 'rsl_m',
      customer_id: 'cus_m',
      enabled: 1,
      threshold: 1_000,
      amount: 5_000,
      target_balance: null,
      payment_method_id: 'pmt_m',
      state: 'due',
      payment_id: null,
      consecutive_failures: 1,
      attempts_day: '2030-01-01',
      attempts_today: 1,
      next_attempt_at: '2030-01-01T00:15:00.000Z',
      last_error: error,
      disabled_reason: null,
      lease_until: null,
      created_at: NOW,
      updated_at: NOW,
    });
    const facts = (error: string) => ({
      amount: 5_000,
      upTo: false,
      error,
      nextAttemptAt: '2030-01-01T00:15:00.000Z',
      failures: 1,
      switchedOff: false,
    });
    const alert = {
      id: 'alr_m',
      reseller_id: 'rsl_m',
      customer_id: 'cus_m',
      wallet_id: 'wal_m',
      type: 'wallet.auto_top_up_failed' as const,
      reason: null,
      message:
        'Auto top-up of $50.00 failed: The payment was declined.. Next try at 2030-01-01T00:15:00.000Z.',
      available_balance: 900,
      currency: 'USD',
      threshold: null,
      runway_days: null,
      days_left: null,
      channels: '["desktop"]',
      created_at: NOW,
    };

    // A wallet of its own for each error (wal_m and more customers'), the table as 0476 left it.
    const walletIds = errors.map((_, i) => (i === 0 ? 'wal_m' : `wal_m${i}`));
    for (const [i, [error]] of errors.entries()) {
      const walletId = walletIds[i]!;
      if (i > 0) {
        const customerId = `cus_m${i}`;
        await d
          .insertInto('customers')
          .values({
            id: customerId,
            reseller_id: 'rsl_m',
            name: `C${i}`,
            email: `c${i}@example.com`,
            external_ref: null,
            search_text: `c${i}`,
            created_at: NOW,
            updated_at: NOW,
          })
          .execute();
        await d
          .insertInto('wallets')
          .values({
            id: walletId,
            reseller_id: 'rsl_m',
            customer_id: customerId,
            currency: 'USD',
            status: 'active',
            balance: 900,
            pending_charges: 0,
            version: 1,
            created_at: NOW,
            updated_at: NOW,
          })
          .execute();
      }
      await d
        .insertInto('wallet_auto_top_ups')
        .values({ ...setting(error), wallet_id: walletId } as never)
        .execute();
      await d
        .insertInto('wallet_alerts')
        .values({
          ...alert,
          id: `alr_m${i}`,
          wallet_id: walletId,
          auto_top_up: JSON.stringify(facts(error)),
        } as WalletAlertTable)
        .execute();
    }

    await migrateUpTo(db.store, '0477-auto-top-up-error-reasons');

    for (const [i, [error, reason]] of errors.entries()) {
      const row = await d
        .selectFrom('wallet_auto_top_ups')
        .selectAll()
        .where('wallet_id', '=', walletIds[i]!)
        .executeTakeFirstOrThrow();
      const read = toAutoTopUp(row);
      expect(read.lastError, error).toBe(error);
      expect(read.lastErrorReason, error).toEqual(reason);
      const alerted = toWalletAlert(
        await d
          .selectFrom('wallet_alerts')
          .selectAll()
          .where('id', '=', `alr_m${i}`)
          .executeTakeFirstOrThrow(),
      );
      expect(alerted.message).toBe(alert.message);
      expect(alerted.autoTopUp, error).toEqual(
        reason === null ? facts(error) : { ...facts(error), errorReason: reason },
      );
    }
  });
});
