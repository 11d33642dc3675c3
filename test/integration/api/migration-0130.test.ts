import { afterEach, describe, expect, it } from 'vitest';
import { migrateUpTo } from '../../../src/server/db/migrate.js';
import type { PaymentTable } from '../../../src/server/db/schema.js';
import { toPayment } from '../../../src/server/wire/payment.js';
import { toWallet } from '../../../src/server/wire/wallet.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';
import { insertOwner } from '../../support/migration-owner.js';

const NOW = '2030-01-01T00:00:00.000Z';

/**
 * 0130 adds refunds, and to payments what went back out of them, and to wallets the spending hold:
 * a payment and a wallet from before read as never refunded, never reversed, not on hold.
 */
describe.each(DIALECTS)('migration 0130 on %s', (dialect) => {
  let db: TestDatabase;
  afterEach(() => db?.drop());

  it('keeps earlier payments and wallets as they were: nothing refunded or reversed, no hold', async () => {
    db = await freshDatabase(dialect, { upTo: '0120-catalog-orders-subscriptions' });
    const d = db.store.db;
    // Its wallet is `wallet` below (USD, 900, version 1), which the test compares after migrating.
    await insertOwner(d, NOW);
    const wallet = {
      id: 'wal_m',
      reseller_id: 'rsl_m',
      customer_id: 'cus_m',
      currency: 'USD' as const,
      status: 'active' as const,
      balance: 900,
      pending_charges: 0,
      version: 1,
      created_at: NOW,
      updated_at: NOW,
    };
    const payment: PaymentTable = {
      id: 'pay_m',
      reseller_id: 'rsl_m',
      customer_id: 'cus_m',
      wallet_id: 'wal_m',
      payer_id: null,
      provider: 'stripe',
      amount: 900,
      currency: 'USD',
      status: 'paid',
      underpaid: 0,
      overpaid: 0,
      fee: 0,
      rail: null,
      checkout: null,
      provider_payment_id: 'cs_test_m',
      recipient: 'acct_m',
      expected: null,
      memo: null,
      saved_method_id: null,
      saves_method_id: null,
      transaction_id: 'txn_m',
      top_up_link_id: null,
      failure_reason: null,
      idempotency_key: 'k-m',
      expires_at: NOW,
      paid_at: NOW,
      lease_until: null,
      created_at: NOW,
      updated_at: NOW,
    };
    await d.insertInto('payments').values(payment).execute();

    await migrateUpTo(db.store, '0130-refunds-and-reversals');

    const after = await d.selectFrom('payments').selectAll().executeTakeFirstOrThrow();
    expect(after).toEqual({
      ...payment,
      // Invoices (0110) came before: a payment of before pays none.
      invoice_id: null,
      refunded_amount: 0,
      reversed_amount: 0,
      reversal_debited: 0,
      dispute_status: null,
    });
    expect(toPayment(after)).toMatchObject({
      refundedAmount: 0,
      refundStatus: 'none',
      reversedAmount: 0,
      disputeStatus: null,
    });
    const walletAfter = await d.selectFrom('wallets').selectAll().executeTakeFirstOrThrow();
    expect(walletAfter).toEqual({ ...wallet, spending_hold: 0 });
    expect(toWallet(walletAfter).onHold).toBe(false);
    expect(await d.selectFrom('refunds').selectAll().execute()).toEqual([]);
  });
});
