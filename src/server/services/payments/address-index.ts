import type { Trx } from '../../db/database.js';
import type { CoinNetwork } from '../../gateways/crypto/assets.js';
import { MAX_ADDRESS_INDEX } from '../../gateways/crypto/account-key.js';
import { Failure } from '../failure.js';
import { gapAfter, highestUsedIndexes, type CryptoGapPolicy } from './address-gap.js';

export interface GapRule {
  /** Unused addresses in a row the reseller's wallet scans (payment_settings.crypto_gap_limit). */
  limit: number;
  policy: CryptoGapPolicy;
}

/**
 * The next receiving-address index of `network` for this reseller, inside the caller's
 * transaction. One upsert, serialised by the database on the (reseller, network) row: concurrent
 * top-ups, on one process or several, each get their own index. The first payment gets 0. A
 * transaction that rolls back gives its index back; a payment that fails later keeps its index
 * (an unused address on the wallet's side, never a second payment on one address).
 *
 * Under the "refuse" gap policy, an index past the wallet's gap limit is given back at once and the
 * checkout refused: checked after the upsert, while this transaction holds the row, so two
 * checkouts at once cannot both slip past the limit.
 */
export async function allocateAddressIndex(
  trx: Trx,
  resellerId: string,
  network: CoinNetwork,
  gap?: GapRule,
): Promise<number> {
  // The last index stays as it is rather than step past 2^31 - 1 (the column refuses that, which
  // would be a 500): no row comes back, and the checkout is refused.
  const row = await trx
    .insertInto('crypto_address_indexes')
    .values({ reseller_id: resellerId, network, last_index: 0 })
    .onConflict((oc) =>
      oc
        .columns(['reseller_id', 'network'])
        .doUpdateSet((eb) => ({ last_index: eb('crypto_address_indexes.last_index', '+', 1) }))
        .where('crypto_address_indexes.last_index', '<', MAX_ADDRESS_INDEX),
    )
    .returning('last_index')
    .executeTakeFirst();
  if (!row) {
    throw new Failure('method_unavailable', `every ${network} address of this account key is used`, 'asset', {
      key: 'coin_addresses_used_up',
      values: { network },
    });
  }
  if (gap?.policy === 'refuse') {
    const highest = (await highestUsedIndexes(trx, resellerId)).get(network) ?? null;
    if (gapAfter(row.last_index, highest) > gap.limit) {
      // Not every caller rolls its transaction back on a refusal: give the index back here.
      await trx
        .updateTable('crypto_address_indexes')
        .set({ last_index: row.last_index - 1 })
        .where('reseller_id', '=', resellerId)
        .where('network', '=', network)
        .execute();
      throw new Failure(
        'method_unavailable',
        `asset: ${gap.limit} ${network} addresses in a row are still unpaid, the most the reseller's wallet scans (its gap limit): ` +
          'no new address is handed out until one is paid or the gap limit is raised in the payment settings',
        'asset',
        { key: 'coin_gap_limit_reached', values: { network, limit: gap.limit } },
      );
    }
  }
  return row.last_index;
}
