import { afterEach, describe, expect, it } from 'vitest';
import { migrateUpTo } from '../../../src/server/db/migrate.js';
import { toPayment } from '../../../src/server/wire/payment.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';
import { seedLedgerGround } from '../../support/ledger-ground.js';

const NOW = '2030-01-01T00:00:00.000Z';

/**
 * 0350 gives payments a failure code the console words in its own language: a payment that ended
 * before it gets the code its English sentence stood for; an open or paid one, or a reason the
 * server never wrote, gets none.
 */
describe.each(DIALECTS)('migration 0350 on %s', (dialect) => {
  let db: TestDatabase;
  afterEach(() => db?.drop());

  it('reads each earlier ending as its code', async () => {
    db = await freshDatabase(dialect, { upTo: '0340-payment-review-pages' });
    const d = db.store.db;
    await seedLedgerGround(db.store, NOW, [{ id: 'wal_m', currency: 'USD', balance: 0 }]);
    const endings = [
      ['failed', 'The payment was declined.', 'declined'],
      ['cancelled', 'The payment was cancelled at the payment page.', 'cancelled_at_checkout'],
      ['cancelled', 'Cancelled before it was paid.', 'cancelled_before_paid'],
      ['expired', 'The payment expired before it was paid.', 'expired'],
      [
        'failed',
        'The payment gateway could not be reached; nothing was charged. Try again later.',
        'gateway_unavailable',
      ],
      ['failed', 'Something only a provider says.', null],
      ['new', null, null],
    ] as const;
    await d
      .insertInto('payments')
      .values(
        endings.map(([status, reason], n) => ({
          id: `pay_${n}`,
          reseller_id: 'res_1',
          customer_id: 'cus_1',
          wallet_id: 'wal_m',
          payer_id: null,
          provider: 'sandbox',
          amount: 900,
          currency: 'USD' as const,
          status,
          underpaid: 0,
          overpaid: 0,
          fee: 0,
          rail: null,
          checkout: null,
          provider_payment_id: null,
          recipient: null,
          expected: null,
          memo: null,
          saved_method_id: null,
          saves_method_id: null,
          transaction_id: null,
          top_up_link_id: null,
          failure_reason: reason,
          idempotency_key: `k-${n}`,
          expires_at: NOW,
          paid_at: null,
          lease_until: null,
          created_at: NOW,
          updated_at: NOW,
        })),
      )
      .execute();

    await migrateUpTo(db.store, '0350-payment-failure-codes');

    const after = await d.selectFrom('payments').selectAll().orderBy('id').execute();
    expect(after.map((p) => [p.status, p.failure_reason, p.failure_code])).toEqual(endings);
    expect(after.map((p) => toPayment(p).failureCode)).toEqual(endings.map(([, , code]) => code));
  });
});
