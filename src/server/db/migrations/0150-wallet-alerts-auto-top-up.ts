import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * Low-balance alerts and auto top-up, per wallet.
 *
 * `wallet_alert_settings` holds a wallet's alert rule AND its alert state (`ok` | `low`): the state
 * only changes by a conditional UPDATE (`… where state = 'ok'`) in the transaction of the ledger
 * movement that crossed the line, so one crossing is one alert whatever the concurrency.
 * `wallet_alerts` is the history (append-only). `wallet_auto_top_ups` holds the auto top-up rule and
 * its state machine (idle → due → pending → idle); `auto_top_up_attempts` logs every charge, and its
 * unique partial index allows at most one pending attempt per wallet. The ledger index on
 * (wallet_id, created_at) serves the 30-day spending sum behind the runway forecast.
 * Amounts are integer minor units of the wallet's currency.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const int64 = dialect === 'postgres' ? 'bigint' : 'integer';
  const strict = dialect === 'sqlite' ? sql`strict` : sql``;

  await db.schema
    .createTable('wallet_alert_settings')
    .addColumn('wallet_id', 'text', (c) => c.primaryKey().references('wallets.id'))
    .addColumn('reseller_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('threshold', int64, (c) => c.check(sql`threshold >= 0`))
    .addColumn('runway_days', 'integer', (c) => c.check(sql`runway_days > 0`))
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('emails', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('ok', 'low')`))
    .addColumn('state_since', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();

  await db.schema
    .createTable('wallet_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reseller_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('wallet_id', 'text', (c) => c.notNull().references('wallets.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('available_balance', int64, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('threshold', int64)
    .addColumn('runway_days', 'integer')
    .addColumn('days_left', 'integer')
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();
  await db.schema
    .createIndex('wallet_alerts_wallet')
    .on('wallet_alerts')
    .columns(['wallet_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('wallet_auto_top_ups')
    .addColumn('wallet_id', 'text', (c) => c.primaryKey().references('wallets.id'))
    .addColumn('reseller_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('threshold', int64, (c) => c.notNull().check(sql`threshold >= 0`))
    .addColumn('amount', int64, (c) => c.check(sql`amount > 0`))
    .addColumn('target_balance', int64, (c) => c.check(sql`target_balance > 0`))
    .addColumn('payment_method_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('idle', 'due', 'pending')`))
    .addColumn('payment_id', 'text')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull())
    .addColumn('attempts_day', 'text')
    .addColumn('attempts_today', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('disabled_reason', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'wallet_auto_top_ups_amount_or_target',
      sql`(amount is null) <> (target_balance is null)`,
    )
    .modifyEnd(strict)
    .execute();
  await db.schema
    .createIndex('wallet_auto_top_ups_state')
    .on('wallet_auto_top_ups')
    .columns(['state', 'next_attempt_at'])
    .execute();

  await db.schema
    .createTable('auto_top_up_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reseller_id', 'text', (c) => c.notNull())
    .addColumn('wallet_id', 'text', (c) => c.notNull().references('wallets.id'))
    .addColumn('payment_id', 'text')
    .addColumn('amount', int64, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'paid', 'failed')`))
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();
  // Never a second auto top-up while one is pending, whichever process or request tries.
  await db.schema
    .createIndex('auto_top_up_one_pending')
    .on('auto_top_up_attempts')
    .column('wallet_id')
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();

  await db.schema
    .createIndex('ledger_wallet_created')
    .on('ledger_entries')
    .columns(['wallet_id', 'created_at'])
    .execute();
}
