import type { Trx } from '../../db/database.js';
import type { CoinNetwork } from '../../gateways/crypto/assets.js';
import { MAX_ADDRESS_INDEX } from '../../gateways/crypto/account-key.js';
import { Failure } from '../failure.js';

/**
 * The next receiving-address index of `network` for this reseller, inside the caller's
 * transaction. One upsert, serialised by the database on the (reseller, network) row: concurrent
 * top-ups, on one process or several, each get their own index. The first payment gets 0. A
 * transaction that rolls back gives its index back; a payment that fails later keeps its index
 * (an unused address on the wallet's side, never a second payment on one address).
 */
export async function allocateAddressIndex(
  trx: Trx,
  resellerId: string,
  network: CoinNetwork,
): Promise<number> {
  const row = await trx
    .insertInto('crypto_address_indexes')
    .values({ reseller_id: resellerId, network, last_index: 0 })
    .onConflict((oc) =>
      oc
        .columns(['reseller_id', 'network'])
        .doUpdateSet((eb) => ({ last_index: eb('crypto_address_indexes.last_index', '+', 1) })),
    )
    .returning('last_index')
    .executeTakeFirstOrThrow();
  if (row.last_index > MAX_ADDRESS_INDEX) {
    throw new Failure('method_unavailable', `every ${network} address of this account key is used`, 'asset');
  }
  return row.last_index;
}
