import { afterEach, describe, expect, it } from 'vitest';
import { migrateUpTo } from '../../../src/server/db/migrate.js';
import type { RefundTable } from '../../../src/server/db/schema.js';
import { toRefund } from '../../../src/server/wire/refund.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';
import { insertOwner, insertRefund } from '../../support/migration-owner.js';

const NOW = '2030-01-01T00:00:00.000Z';

/**
 * 0478 gives a refused refund its failure code beside the provider's English: a refund refused
 * before is given the code its words stood for (the refusals the gateways wrote), any other refusal
 * the plain "refused"; a refund that was not refused has none.
 */
describe.each(DIALECTS)('migration 0478 on %s', (dialect) => {
  let db: TestDatabase;
  afterEach(() => db?.drop());

  it('earlier refused refunds read with the code their words stood for; others with none', async () => {
    db = await freshDatabase(dialect, { upTo: '0477-auto-top-up-error-reasons' });
    const d = db.store.db;
    await insertOwner(d, NOW);
    const rows: Array<[status: RefundTable['status'], reason: string | null, code: string | null]> = [
      ['failed', 'Stripe holds no charge for this payment', 'no_charge'],
      ['failed', 'PayPal holds no completed capture for this order', 'no_charge'],
      ['failed', 'sandbox: the checkout is not paid', 'no_charge'],
      ['failed', 'sandbox: more than was paid', 'more_than_left'],
      [
        'failed',
        'Stripe: amount_too_large: Refund amount (900) is greater than unrefunded amount on charge (500)',
        'more_than_left',
      ],
      ['failed', 'Stripe: charge_already_refunded: Charge ch_1 has already been refunded.', 'no_charge'],
      ['failed', 'Stripe: charge_disputed: This charge is disputed and cannot be refunded', 'disputed'],
      ['failed', 'crypto does not refund by itself', 'not_supported'],
      ['failed', 'Stripe refund re_1 failed', 'refused'],
      ['failed', null, 'refused'],
      ['succeeded', null, null],
      ['pending', null, null],
    ];
    // The table as 0477 left it: the column 0478 adds does not exist yet.
    for (const [i, [status, failureReason]] of rows.entries()) {
      await insertRefund(d, NOW, i, { provider: 'stripe', status, failureReason });
    }

    await migrateUpTo(db.store, '0478-refund-failure-codes');

    for (const [i, [status, reason, code]] of rows.entries()) {
      const row = await d
        .selectFrom('refunds')
        .selectAll()
        .where('id', '=', `rfd_m${i}`)
        .executeTakeFirstOrThrow();
      expect(toRefund(row), `${status} ${reason}`).toMatchObject({
        status,
        failureReason: reason,
        failureCode: code,
        updatedAt: NOW,
      });
    }
  });
});
