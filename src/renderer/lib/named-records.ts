import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { CacheTable } from '../../shared/ipc-contract';

/** Ids per ask: the contract's most for a list by ids (`walletIds`, `paymentIds`). */
const AT_ONCE = 500;

/**
 * The records that the records on screen name (the wallets of a page of payments, the payments of
 * a page of invoices), read by id — never every record of their kind — in asks of at most AT_ONCE,
 * as a map by id. The last answer stays while more records load.
 */
export function namedRecords<Named extends { id: string }>(
  queryKey: readonly unknown[],
  ids: readonly string[],
  read: (ids: string[]) => Promise<Named[]>,
  tables: CacheTable[],
) {
  const wanted = [...new Set(ids)].sort();
  return queryOptions({
    queryKey: [...queryKey, wanted] as const,
    queryFn: async () => {
      const asks: Array<Promise<Named[]>> = [];
      for (let i = 0; i < wanted.length; i += AT_ONCE) asks.push(read(wanted.slice(i, i + AT_ONCE)));
      return new Map((await Promise.all(asks)).flat().map((record) => [record.id, record]));
    },
    enabled: wanted.length > 0,
    placeholderData: keepPreviousData,
    meta: { tables },
  });
}
