import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * Top-ups through gateways: reseller settings and (encrypted) credentials, payers, saved methods,
 * payments, the gateway events they are credited from, reviews, top-up links and the sandbox
 * gateway's own checkouts. Amounts are integer minor units; flags are 0/1 integers (SQLite has no
 * boolean, and one representation keeps the row mappers dialect-free).
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const int64 = dialect === 'postgres' ? 'bigint' : 'integer';
  const strict = dialect === 'sqlite' ? sql`strict` : sql``;

  await db.schema
    .createTable('payment_settings')
    .addColumn('reseller_id', 'text', (c) => c.primaryKey().references('resellers.id'))
    .addColumn('methods', 'text', (c) => c.notNull())
    .addColumn('limits', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();

  await db.schema
    .createTable('gateway_credentials')
    .addColumn('reseller_id', 'text', (c) => c.notNull().references('resellers.id'))
    .addColumn('provider', 'text', (c) => c.notNull())
    /** base64 of iv (12) | tag (16) | AES-256-GCM ciphertext of the credentials JSON. */
    .addColumn('ciphertext', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('gateway_credentials_pk', ['reseller_id', 'provider'])
    .modifyEnd(strict)
    .execute();

  await db.schema
    .createTable('payers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reseller_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('is_default', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();
  await db.schema
    .createIndex('payers_customer')
    .on('payers')
    .columns(['customer_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('saved_methods')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reseller_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('payer_id', 'text', (c) => c.notNull().references('payers.id'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    /** The provider's token for charging it later; known once the saving payment is confirmed. */
    .addColumn('token', 'text')
    /** The payment that asked to save it: the job checks that payment's status. */
    .addColumn('payment_id', 'text')
    .addColumn('is_default', 'integer', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('checked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();
  await db.schema
    .createIndex('saved_methods_customer')
    .on('saved_methods')
    .columns(['customer_id'])
    .execute();
  await db.schema.createIndex('saved_methods_status').on('saved_methods').columns(['status']).execute();

  await db.schema
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reseller_id', 'text', (c) => c.notNull().references('resellers.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('wallet_id', 'text', (c) => c.notNull().references('wallets.id'))
    .addColumn('payer_id', 'text')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('amount', int64, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('underpaid', 'integer', (c) => c.notNull())
    .addColumn('overpaid', 'integer', (c) => c.notNull())
    .addColumn('fee', int64, (c) => c.notNull())
    /** Crypto only: the coin and network asked for (JSON {asset, network}). */
    .addColumn('rail', 'text')
    /** JSON of the checkout the payer is shown (wire shape), null until the provider answered. */
    .addColumn('checkout', 'text')
    .addColumn('provider_payment_id', 'text')
    /** What the provider must confirm: recipient, and the amount in the rail's unit (JSON). */
    .addColumn('recipient', 'text')
    .addColumn('expected', 'text')
    /** Bank-transfer memo code (VietQR): how a bank feed line finds this payment. */
    .addColumn('memo', 'text')
    .addColumn('saved_method_id', 'text')
    .addColumn('saves_method_id', 'text')
    .addColumn('transaction_id', 'text')
    .addColumn('top_up_link_id', 'text')
    .addColumn('failure_reason', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('paid_at', 'text')
    /** Jobs lease a payment while they ask its provider (several API processes). */
    .addColumn('lease_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();
  await db.schema
    .createIndex('payments_reseller_created')
    .on('payments')
    .columns(['reseller_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('payments_provider_id')
    .on('payments')
    .columns(['reseller_id', 'provider', 'provider_payment_id'])
    .execute();
  await db.schema.createIndex('payments_memo').on('payments').columns(['reseller_id', 'memo']).execute();
  await db.schema.createIndex('payments_status').on('payments').columns(['status', 'expires_at']).execute();

  await db.schema
    .createTable('gateway_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reseller_id', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    /** The provider's own event id: the de-duplication key (invariant 2). */
    .addColumn('event_id', 'text', (c) => c.notNull())
    /** The verified event, as the provider module read it (JSON). */
    .addColumn('event', 'text', (c) => c.notNull())
    /** The exact bytes received, base64; null for events a job polled. */
    .addColumn('raw_body', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addUniqueConstraint('gateway_events_provider_event', ['provider', 'event_id'])
    .modifyEnd(strict)
    .execute();
  await db.schema
    .createIndex('gateway_events_unprocessed')
    .on('gateway_events')
    .column('received_at')
    .where(sql.ref('processed_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('payment_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reseller_id', 'text', (c) => c.notNull())
    .addColumn('payment_id', 'text')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('resolution', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .modifyEnd(strict)
    .execute();
  await db.schema
    .createIndex('payment_reviews_reseller')
    .on('payment_reviews')
    .columns(['reseller_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('top_up_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reseller_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('wallet_id', 'text', (c) => c.notNull().references('wallets.id'))
    .addColumn('amount', int64)
    .addColumn('currency', 'text', (c) => c.notNull())
    /**
     * The link's token, kept as it is: a top-up link is a shareable payment URL (like a Stripe
     * Payment Link), shown again whenever it is listed, not a credential. It only lets whoever
     * holds it pay INTO this wallet. Unique, hence indexed: /pay/:token looks it up by it.
     */
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('payment_id', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();
  await db.schema.createIndex('top_up_links_customer').on('top_up_links').columns(['customer_id']).execute();

  await db.schema
    .createTable('sandbox_checkouts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reseller_id', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('amount', int64, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('save_method', 'integer', (c) => c.notNull())
    .addColumn('method_token', 'text')
    .addColumn('card_last4', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('return_url', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('sandbox_checkouts_idempotency', ['reseller_id', 'idempotency_key'])
    .modifyEnd(strict)
    .execute();
}
