import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * Money going back out of a wallet (services/payment-refunds):
 *  - `refunds`: one row per refund of a gateway top-up to its source, or per manual payout (a crypto
 *    or bank refund staff pay out themselves, the rest of a closed wallet). Pending until the
 *    provider answered; `failed` ones were credited back by a compensating row. Unique per
 *    (reseller, idempotency key), so a retried request finds the refund it started.
 *  - payments: `refunded_amount` (pending and succeeded refunds: what is no longer refundable),
 *    `reversed_amount` (what the provider took back: disputes, reversals, refunds made at the
 *    provider), `reversal_debited` (how much of that the wallet could cover), `dispute_status`.
 *  - wallets: `spending_hold` 1 while a reversal left the wallet owing more than it held: no new
 *    spending until the debt is settled (ledger/wallet-guard.ts).
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const int64 = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('refunds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reseller_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('wallet_id', 'text', (c) => c.notNull())
    .addColumn('payment_id', 'text')
    .addColumn('provider', 'text')
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('amount', int64, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('destination', 'text')
    .addColumn('reference', 'text')
    .addColumn('provider_refund_id', 'text')
    .addColumn('failure_reason', 'text')
    .addColumn('transaction_id', 'text', (c) => c.notNull())
    .addColumn('compensation_id', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('refunds_idempotency', ['reseller_id', 'idempotency_key'])
    .execute();
  await db.schema.createIndex('refunds_payment').on('refunds').columns(['payment_id']).execute();
  await db.schema.createIndex('refunds_wallet').on('refunds').columns(['wallet_id', 'created_at']).execute();
  for (const name of ['refunded_amount', 'reversed_amount', 'reversal_debited']) {
    await db.schema
      .alterTable('payments')
      .addColumn(name, int64, (c) => c.notNull().defaultTo(0))
      .execute();
  }
  await db.schema.alterTable('payments').addColumn('dispute_status', 'text').execute();
  await db.schema
    .alterTable('wallets')
    .addColumn('spending_hold', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
