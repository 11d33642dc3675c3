import { afterEach, describe, it } from 'vitest';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';
import { expectRecoded, type RecodedRefund } from '../../support/refund-recoding.js';

const NOW = '2030-01-01T00:00:00.000Z';
const refusal = (issue: string) =>
  `PayPal UNPROCESSABLE_ENTITY ${issue}: The requested action could not be performed: ${issue}`;

/**
 * 0486: refunds PayPal refused were all coded `refused`; each is given the code PayPal's issue (in
 * its stored English) stands for now. Other refusals, other providers' and refunds not refused keep
 * their code.
 */
describe.each(DIALECTS)('migration 0486 on %s', (dialect) => {
  let db: TestDatabase;
  afterEach(() => db?.drop());

  it("earlier PayPal refusals read with the code of PayPal's issue; the rest as they were", async () => {
    db = await freshDatabase(dialect, { upTo: '0485-payment-decline-codes' });
    const rows: RecodedRefund[] = [
      ['paypal', 'failed', refusal('REFUND_TIME_LIMIT_EXCEEDED'), 'refused', 'too_late'],
      ['paypal', 'failed', refusal('CAPTURE_DISPUTED_PARTIAL_REFUND_NOT_ALLOWED'), 'refused', 'disputed'],
      ['paypal', 'failed', refusal('REFUND_FAILED_INSUFFICIENT_FUNDS'), 'refused', 'provider_balance_low'],
      ['paypal', 'failed', refusal('CAPTURE_FULLY_REFUNDED'), 'refused', 'no_charge'],
      ['paypal', 'failed', refusal('TRANSACTION_REFUSED'), 'refused', 'refused'],
      ['paypal', 'failed', 'PayPal refund 7X1 FAILED', 'refused', 'refused'],
      ['paypal', 'failed', 'PayPal holds no completed capture for this order', 'no_charge', 'no_charge'],
      ['stripe', 'failed', 'Stripe: balance_insufficient: Insufficient funds', 'refused', 'refused'],
      ['paypal', 'succeeded', null, null, null],
    ];
    await expectRecoded(db, '0486-paypal-refund-refusal-codes', rows, NOW);
  });
});
