import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * Addresses derived from the reseller's account keys, one per payment, never reused.
 *
 * `crypto_address_indexes` holds, per reseller and coin network, the last receiving-address index
 * handed out (<account>/0/<index>); a payment takes the next one with a single upsert, which the
 * database serialises on the row, so two checkouts at once never get the same index.
 * `payments.address_index` is the index a crypto payment got: its address can be derived again from
 * the account key and the index, which is how the reseller's wallet finds the money. NULL: not crypto.
 * `exclusive_credential_ids` holds the identity of each stored account key (GatewayDefinition's
 * exclusiveIds), unique across resellers: two resellers on one key would share addresses, and one
 * payment on the chain would credit both.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const strict = dialect === 'sqlite' ? sql`strict` : sql``;
  await db.schema
    .createTable('crypto_address_indexes')
    .addColumn('reseller_id', 'text', (c) => c.notNull())
    .addColumn('network', 'text', (c) => c.notNull().check(sql`network in ('bitcoin', 'ethereum', 'tron')`))
    // BIP-32 non-hardened indexes end at 2^31 - 1.
    .addColumn('last_index', 'integer', (c) => c.notNull().check(sql`last_index between 0 and 2147483647`))
    .addPrimaryKeyConstraint('crypto_address_indexes_pk', ['reseller_id', 'network'])
    .modifyEnd(strict)
    .execute();
  await db.schema
    .createTable('exclusive_credential_ids')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reseller_id', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();
  await db.schema
    .createIndex('exclusive_credential_ids_reseller')
    .on('exclusive_credential_ids')
    .columns(['reseller_id', 'provider'])
    .execute();
  await db.schema.alterTable('payments').addColumn('address_index', 'integer').execute();
}
