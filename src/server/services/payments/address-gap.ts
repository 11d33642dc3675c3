import type { Trx } from '../../db/database.js';
import type { CoinNetwork, CryptoRail } from '../../gateways/crypto/assets.js';

type Reader = Pick<Trx, 'selectFrom'>;

/**
 * CRYPTO_GAP_POLICY: what a checkout does when its address would lie past the reseller's gap limit.
 * "refuse": the checkout is refused (422 on `asset`) until a payment lands or the limit is raised;
 * "warn": it goes ahead and the console warns (the money arrives; the wallet needs its gap raised
 * to show it).
 */
export type CryptoGapPolicy = 'warn' | 'refuse';
export const DEFAULT_CRYPTO_GAP_POLICY: CryptoGapPolicy = 'warn';

export interface AddressGap {
  network: CoinNetwork;
  /** The last receiving index handed out (<account>/0/<index>); null: none yet. */
  lastIndex: number | null;
  /** The highest index that received coins; null: none did. */
  highestUsedIndex: number | null;
  /**
   * Addresses handed out after the last used one: what a wallet scanning in order walks through
   * without finding anything before it reaches the next checkout's address.
   */
  gap: number;
}

const NETWORKS: readonly CoinNetwork[] = ['bitcoin', 'ethereum', 'tron'];

/** The unused run after `highestUsed` once `lastIndex` was handed out (indexes start at 0). */
export const gapAfter = (lastIndex: number, highestUsed: number | null): number =>
  lastIndex - (highestUsed ?? -1);

/**
 * Per network, the reseller's receiving addresses as its wallet sees them. An address is used once
 * coins reached it: its payment was paid, or a chain transaction was seen paying it (an underpaid
 * or late one too: the wallet sees those coins all the same).
 */
export async function addressGaps(db: Reader, resellerId: string): Promise<AddressGap[]> {
  const indexes = await db
    .selectFrom('crypto_address_indexes')
    .select(['network', 'last_index'])
    .where('reseller_id', '=', resellerId)
    .execute();
  const highest = await highestUsedIndexes(db, resellerId);
  return NETWORKS.map((network) => {
    const lastIndex = indexes.find((r) => r.network === network)?.last_index ?? null;
    const highestUsedIndex = highest.get(network) ?? null;
    return {
      network,
      lastIndex,
      highestUsedIndex,
      gap: lastIndex === null ? 0 : gapAfter(lastIndex, highestUsedIndex),
    };
  });
}

export async function highestUsedIndexes(db: Reader, resellerId: string): Promise<Map<CoinNetwork, number>> {
  // Grouped by rail (a handful of values): a rail's JSON names its network, read here, not in SQL.
  const rows = await db
    .selectFrom('payments')
    .select((eb) => ['rail', eb.fn.max<number>('address_index').as('highest')])
    .where('reseller_id', '=', resellerId)
    .where('provider', '=', 'crypto')
    .where('address_index', 'is not', null)
    .where((eb) => eb.or([eb('status', '=', 'paid'), eb('chain_txids', 'is not', null)]))
    .groupBy('rail')
    .execute();
  const highest = new Map<CoinNetwork, number>();
  for (const row of rows) {
    if (row.rail === null || row.highest === null) continue;
    const { network } = JSON.parse(row.rail) as CryptoRail;
    const index = Number(row.highest);
    highest.set(network, Math.max(index, highest.get(network) ?? -1));
  }
  return highest;
}
