import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * The reseller's gap limit for crypto receiving addresses.
 *
 * A wallet restored from the reseller's account key finds its money by deriving addresses in order
 * and stops after this many unused ones in a row (BIP-44's gap limit: 20 in most wallets). Each
 * checkout takes the next index even when nobody pays, so abandoned checkouts can push a later,
 * paid address past where the wallet looks: the money is on the chain, but the wallet shows none.
 * `payment_settings.crypto_gap_limit` is the gap the reseller's wallet scans (1–1000; 20 by
 * default, which is what a wallet does before anyone changes it); what happens when a checkout
 * would exceed it is the operator's choice (CRYPTO_GAP_POLICY). Which addresses were paid is read
 * from `payments`, so nothing else is stored.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('payment_settings')
    .addColumn('crypto_gap_limit', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(20)
        .check(sql`crypto_gap_limit between 1 and 1000`),
    )
    .execute();
}
