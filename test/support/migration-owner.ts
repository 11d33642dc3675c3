import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema.js';

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
