import { afterEach, describe, it } from 'vitest';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';
import { expectRecoded, type RecodedRefund } from '../../support/refund-recoding.js';

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
    const rows: RecodedRefund[] = [
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
    await expectRecoded(db, '0488-stripe-refund-refusal-codes', rows, NOW);
  });
});
