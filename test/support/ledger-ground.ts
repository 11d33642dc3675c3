import type { Currency } from '../../src/shared/money.js';
import type { Store } from '../../src/server/db/database.js';

export interface WalletSeed {
  id: string;
  currency: Currency;
  /** Minor units. */
  balance: number;
  pendingCharges?: number;
  /** `cus_1` unless given: a customer has one wallet per currency. */
  customerId?: string;
}

/**
 * Reseller `res_1` with its customers (`cus_1` unless the wallets name others) and the given
 * wallets, written straight to the tables: the ground of a ledger statement's own tests, which run
 * below the services.
 */
export async function seedLedgerGround(store: Store, now: string, wallets: WalletSeed[]): Promise<void> {
  await store.db.insertInto('resellers').values({ id: 'res_1', name: 'R', created_at: now }).execute();
  await store.db
    .insertInto('customers')
    .values(
      [...new Set(wallets.map((w) => w.customerId ?? 'cus_1'))].map((id) => ({
        id,
        reseller_id: 'res_1',
        name: 'C',
        email: `${id}@example.com`,
        external_ref: null,
        search_text: 'c',
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  await store.db
    .insertInto('wallets')
    .values(
      wallets.map((w) => ({
        id: w.id,
        reseller_id: 'res_1',
        customer_id: w.customerId ?? 'cus_1',
        currency: w.currency,
        status: 'active' as const,
        balance: w.balance,
        pending_charges: w.pendingCharges ?? 0,
        version: 0,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}
