import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * Spending the wallet: a reseller's catalog (`products`), customers' `orders` paid from the wallet
 * (one `payment` ledger row each, refunded in full or in part by provisioning's outcome), the
 * `subscriptions` an order of a periodic product starts, every renewal attempt
 * (`subscription_attempts`), and the `notices` a customer is shown (a renewal its wallet cannot
 * cover). Amounts are integer minor units of the row's currency; flags are 0/1 integers.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const int64 = dialect === 'postgres' ? 'bigint' : 'integer';
  const strict = dialect === 'sqlite' ? sql`strict` : sql``;

  await db.schema
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reseller_id', 'text', (c) => c.notNull().references('resellers.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    /** JSON {currency: unit price in minor units}. */
    .addColumn('prices', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    /** An order still provisioning this long after it was placed fails and is refunded by itself. */
    .addColumn('provisioning_timeout_minutes', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();
  await db.schema
    .createIndex('products_reseller_created')
    .on('products')
    .columns(['reseller_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reseller_id', 'text', (c) => c.notNull().references('resellers.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('wallet_id', 'text', (c) => c.notNull().references('wallets.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('product_name', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('unit_price', int64, (c) => c.notNull().check(sql`unit_price > 0`))
    .addColumn('total', int64, (c) => c.notNull().check(sql`total > 0`))
    .addColumn('refunded', int64, (c) => c.notNull().check(sql`refunded >= 0 and refunded <= total`))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('provisioned', 'integer')
    .addColumn('failure_reason', 'text')
    .addColumn('payment_transaction_id', 'text', (c) => c.notNull())
    .addColumn('refund_transaction_id', 'text')
    .addColumn('subscription_id', 'text')
    .addColumn('provision_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('orders_reseller_number', ['reseller_id', 'number'])
    .modifyEnd(strict)
    .execute();
  await db.schema
    .createIndex('orders_reseller_created')
    .on('orders')
    .columns(['reseller_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('orders_provisioning')
    .on('orders')
    .columns(['status', 'provision_by'])
    .execute();

  await db.schema
    .createTable('subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reseller_id', 'text', (c) => c.notNull().references('resellers.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('wallet_id', 'text', (c) => c.notNull().references('wallets.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('product_name', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    /** What one period costs: unit price × quantity at the time of the order. */
    .addColumn('amount', int64, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('auto_renew', 'integer', (c) => c.notNull())
    .addColumn('current_period_start', 'text', (c) => c.notNull())
    .addColumn('current_period_end', 'text', (c) => c.notNull())
    /** When the renewal job looks at it next (period end, then the retry schedule). */
    .addColumn('next_attempt_at', 'text')
    .addColumn('past_due_since', 'text')
    /** The period end whose shortfall the customer was told of (told once per period). */
    .addColumn('notified_period_end', 'text')
    /** An off-session top-up started for a renewal, waited for before the next attempt. */
    .addColumn('pending_payment_id', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();
  await db.schema
    .createIndex('subscriptions_reseller_created')
    .on('subscriptions')
    .columns(['reseller_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('subscriptions_due')
    .on('subscriptions')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema.createIndex('subscriptions_wallet').on('subscriptions').columns(['wallet_id']).execute();

  await db.schema
    .createTable('subscription_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reseller_id', 'text', (c) => c.notNull().references('resellers.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('subscription_id', 'text', (c) => c.notNull().references('subscriptions.id'))
    /** The end of the period this attempt tried to pay for. */
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('amount', int64, (c) => c.notNull())
    .addColumn('transaction_id', 'text')
    .addColumn('payment_id', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();
  await db.schema
    .createIndex('subscription_attempts_subscription')
    .on('subscription_attempts')
    .columns(['subscription_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reseller_id', 'text', (c) => c.notNull().references('resellers.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();
}
