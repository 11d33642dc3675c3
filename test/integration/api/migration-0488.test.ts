import { afterEach, describe, expect, it } from 'vitest';
import { migrateUpTo } from '../../../src/server/db/migrate.js';
import type { RefundTable } from '../../../src/server/db/schema.js';
import { toRefund } from '../../../src/server/wire/refund.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';
import { insertOwner, insertRefund } from '../../support/migration-owner.js';

const NOW = '2030-01-01T00:00:00.000Z';

/**
 * 0488: refunds Stripe refused with balance_insufficient or refund_disputed_payment were coded
 * `refused`; each is given the code Stripe's error (in its stored English) stands for now. Other
 * refusals, other providers' and refunds not refused keep their code.
 */
describe.each(DIALECTS)('migration 0488 on %s', (dialect) => {
  let db: TestDatabase;
  afterEach(() => db?.drop());

  it("earlier Stripe refusals read with the code of Stripe's error; the rest as they were", async () => {
    db = await freshDatabase(dialect, { upTo: '0487-auto-top-up-attempt-reasons' });
    const d = db.store.db;
    await insertOwner(d, NOW);
    const rows: Array<
      [
        provider: string,
        status: RefundTable['status'],
        reason: string | null,
        before: RefundTable['failure_code'],
        after: string | null,
      ]
    > = [
      [
        'stripe',
        'failed',
        'Stripe: balance_insufficient: Insufficient funds',
        'refused',
        'provider_balance_low',
      ],
      ['stripe', 'failed', 'Stripe: refund_disputed_payment: You cannot refund', 'refused', 'disputed'],
      ['stripe', 'failed', 'Stripe: charge_disputed: This charge is disputed', 'disputed', 'disputed'],
      ['stripe', 'failed', 'Stripe: charge_not_refundable: This charge cannot', 'refused', 'refused'],
      ['stripe', 'failed', 'Stripe refund re_1 failed', 'refused', 'refused'],
      ['paypal', 'failed', 'Stripe: balance_insufficient: not Stripe', 'refused', 'refused'],
      ['stripe', 'succeeded', null, null, null],
    ];
    for (const [i, [provider, status, failureReason, failureCode]] of rows.entries()) {
      await insertRefund(d, NOW, i, { provider, status, failureReason, failureCode });
    }

    await migrateUpTo(db.store, '0488-stripe-refund-refusal-codes');

    for (const [i, [provider, status, reason, , after]] of rows.entries()) {
      const row = await d
        .selectFrom('refunds')
        .selectAll()
        .where('id', '=', `rfd_m${i}`)
        .executeTakeFirstOrThrow();
      expect(toRefund(row), `${provider} ${reason}`).toMatchObject({
        status,
        failureReason: reason,
        failureCode: after,
        updatedAt: NOW,
      });
    }
  });
});
