import { afterEach, describe, expect, it } from 'vitest';
import { migrateUpTo } from '../../../src/server/db/migrate.js';
import type { PaymentTable } from '../../../src/server/db/schema.js';
import { toPayment } from '../../../src/server/wire/payment.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';
import { insertOwner } from '../../support/migration-owner.js';

const NOW = '2030-01-01T00:00:00.000Z';

/**
 * 0485 gives payments the provider's decline code of a declined card (Stripe's insufficient_funds,
 * expired_card, …). Nothing stored before kept it: every earlier payment, declined or not, reads
 * with none (the console words a declined one with the generic sentence, as before), and keeps its
 * failure code and English.
 */
describe.each(DIALECTS)('migration 0485 on %s', (dialect) => {
  let db: TestDatabase;
  afterEach(() => db?.drop());

  it('earlier payments read with no decline code, their ending as it was', async () => {
    db = await freshDatabase(dialect, { upTo: '0480-closed-wallets-not-low' });
    const d = db.store.db;
    await insertOwner(d, NOW);
    const rows: Array<[status: PaymentTable['status'], reason: string | null, code: string | null]> = [
      ['failed', 'The payment was declined.', 'declined'],
      ['expired', 'The payment expired before it was paid.', 'expired'],
      ['paid', null, null],
      ['new', null, null],
    ];
    // The table as 0480 left it: the column 0485 adds does not exist yet.
    for (const [i, [status, reason, code]] of rows.entries()) {
      await d
        .insertInto('payments')
        .values({
          id: `pay_m${i}`,
          reseller_id: 'rsl_m',
          customer_id: 'cus_m',
          wallet_id: 'wal_m',
          payer_id: null,
          provider: 'stripe',
          amount: 900,
          currency: 'USD',
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
          failure_code: code as PaymentTable['failure_code'],
          idempotency_key: `key_m${i}`,
          expires_at: NOW,
          paid_at: status === 'paid' ? NOW : null,
          lease_until: null,
          created_at: NOW,
          updated_at: NOW,
        })
        .execute();
    }

    await migrateUpTo(db.store, '0485-payment-decline-codes');

    for (const [i, [status, reason, code]] of rows.entries()) {
      const row = await d
        .selectFrom('payments')
        .selectAll()
        .where('id', '=', `pay_m${i}`)
        .executeTakeFirstOrThrow();
      expect(row.decline_code, status).toBeNull();
      expect(toPayment(row), status).toMatchObject({
        status,
        failureReason: reason,
        failureCode: code,
        declineCode: null,
        updatedAt: NOW,
      });
    }
  });
});
