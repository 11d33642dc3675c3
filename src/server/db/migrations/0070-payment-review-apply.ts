import { sql, type Kysely } from 'kysely';
import { decodeTransferId } from '../../gateways/vietqr/payment-id.js';
import type { DialectName } from '../database.js';

/**
 * Bank transfers that matched no payment can be applied by staff (services/payment-reviews):
 *  - a review remembers the transfer it is about (the provider's event, "provider:event id", its
 *    amount and currency), one review per transfer and reseller at most (unique), so a transfer
 *    can be applied once and only once, even if its stored event was pruned and then re-delivered;
 *  - an applied review records where the money went, the ledger row, who applied it and when.
 * And VietQR payments opened with a memo prefix stored "PREFIX CODE" as their memo, which incoming
 * transfers (matched on the bare code) never found: their memo becomes the code.
 * And a payment's `fee` now means what the payer pays on top of the amount (src/shared/top-up-fee.ts).
 * Payments made before were never charged theirs (the fee was shown, not asked for), so their fee
 * becomes 0: amount + fee stays what each was asked and paid.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const int64 = dialect === 'postgres' ? 'bigint' : 'integer';
  const columns: [string, 'text' | 'bigint' | 'integer'][] = [
    ['provider_event', 'text'],
    /** Minor units of `currency`: what the transfer brought, as the bank reported it. */
    ['amount', int64],
    ['currency', 'text'],
    ['applied_payment_id', 'text'],
    ['applied_wallet_id', 'text'],
    ['applied_transaction_id', 'text'],
    /** The staff member (user email, or "API key <name>") who applied it. */
    ['applied_by', 'text'],
    ['applied_at', 'text'],
  ];
  for (const [name, type] of columns) {
    await db.schema.alterTable('payment_reviews').addColumn(name, type).execute();
  }
  await db.schema
    .createIndex('payment_reviews_provider_event')
    .on('payment_reviews')
    .columns(['reseller_id', 'provider_event'])
    .unique()
    .execute();
  await memoCodesForPrefixedMemos(db);
  await sql`update payments set fee = 0 where fee <> 0`.execute(db);
}

/** VietQR payments whose memo is "PREFIX CODE" get the bare code, which transfers are matched on. */
export async function memoCodesForPrefixedMemos(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{
    id: string;
    provider_payment_id: string;
    memo: string;
  }>`select id, provider_payment_id, memo from payments
     where provider = 'vietqr' and provider_payment_id is not null and memo is not null`.execute(db);
  for (const row of rows) {
    const code = decodeTransferId(row.provider_payment_id)?.memo;
    if (code && code !== row.memo) {
      await sql`update payments set memo = ${code} where id = ${row.id}`.execute(db);
    }
  }
}
