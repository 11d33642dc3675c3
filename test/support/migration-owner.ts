import type { Kysely } from 'kysely';
import type { Database, RefundTable } from '../../src/server/db/schema.js';

/**
 * The reseller `rsl_m`, its customer `cus_m` and that customer's active wallet `wal_m` (USD, holding
 * 900 at version 1, unless told otherwise), written with only the columns every migration since 0080
 * has: what a migration test puts its older rows under before migrating further.
 */
export async function insertOwner(
  d: Kysely<Database>,
  now: string,
  wallet: { currency?: 'USD' | 'VND'; balance?: number; version?: number } = {},
): Promise<void> {
  await d.insertInto('resellers').values({ id: 'rsl_m', name: 'M', created_at: now }).execute();
  await d
    .insertInto('customers')
    .values({
      id: 'cus_m',
      reseller_id: 'rsl_m',
      name: 'C',
      email: 'c@example.com',
      external_ref: null,
      search_text: 'c',
      created_at: now,
      updated_at: now,
    })
    .execute();
  await d
    .insertInto('wallets')
    .values({
      id: 'wal_m',
      reseller_id: 'rsl_m',
      customer_id: 'cus_m',
      currency: wallet.currency ?? 'USD',
      status: 'active',
      balance: wallet.balance ?? 900,
      pending_charges: 0,
      version: wallet.version ?? 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/**
 * Refund `rfd_m<i>` of payment `pay_m<i>` (500 USD of `wal_m`, by its provider), failed or not as
 * told, with only the columns refunds had before 0478 gave them a failure code (`failure_code`
 * only when given): the older rows the refund-code migrations re-code.
 */
export async function insertRefund(
  d: Kysely<Database>,
  now: string,
  i: number,
  refund: {
    provider: string;
    status: RefundTable['status'];
    failureReason: string | null;
    failureCode?: RefundTable['failure_code'];
  },
): Promise<void> {
  await d
    .insertInto('refunds')
    .values({
      id: `rfd_m${i}`,
      reseller_id: 'rsl_m',
      customer_id: 'cus_m',
      wallet_id: 'wal_m',
      payment_id: `pay_m${i}`,
      provider: refund.provider,
      method: 'provider',
      amount: 500,
      currency: 'USD',
      reason: 'Closing the wallet',
      status: refund.status,
      destination: null,
      reference: null,
      provider_refund_id: null,
      failure_reason: refund.failureReason,
      ...(refund.failureCode !== undefined ? { failure_code: refund.failureCode } : {}),
      transaction_id: `txn_m${i}`,
      compensation_id: refund.status === 'failed' ? `txn_c${i}` : null,
      idempotency_key: `key_m${i}`,
      created_at: now,
      updated_at: now,
    } as RefundTable)
    .execute();
}

/**
 * `wal_m`'s auto top-up (5,000 USD from `pmt_m` under 1,000, idle, one attempt today), with only the
 * columns it had before 0481, unless `row` gives later ones too: what the auto top-up migration
 * tests put under their migration, changed by `row` (a charge under way, switched off, …).
 */
export async function insertAutoTopUp(
  d: Kysely<Database>,
  now: string,
  row: Record<string, unknown> = {},
): Promise<void> {
  await d
    .insertInto('wallet_auto_top_ups')
    .values({
      wallet_id: 'wal_m',
      reseller_id: 'rsl_m',
      customer_id: 'cus_m',
      enabled: 1,
      threshold: 1_000,
      amount: 5_000,
      target_balance: null,
      payment_method_id: 'pmt_m',
      state: 'idle',
      payment_id: null,
      consecutive_failures: 0,
      attempts_day: now.slice(0, 10),
      attempts_today: 1,
      next_attempt_at: null,
      last_error: null,
      last_error_reason: null,
      disabled_reason: null,
      lease_until: null,
      created_at: now,
      updated_at: now,
      ...row,
    } as never)
    .execute();
}
