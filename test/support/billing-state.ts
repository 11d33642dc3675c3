/**
 * What a reseller's records are, read two ways, in one shape so they compare row for row: from the
 * billing API's GET routes (the authority), and from a desktop core's cache through the IPC channels
 * the renderer uses. Rows are sorted by id; amounts are minor units as on the wire.
 */
import type { Customer } from '../../src/shared/api/customers.js';
import type { Hold, Wallet, WalletTransaction } from '../../src/shared/api/wallets.js';
import type { CoreClient } from './core-client.js';
import { allItems, CursorStream, http } from './http.js';

export interface BillingState {
  customers: Customer[];
  /** With the name of the customer it belongs to, as the console lists wallets. */
  wallets: Array<Wallet & { customerName: string }>;
  transactions: WalletTransaction[];
  holds: Hold[];
}

const byId = <T extends { id: string }>(rows: T[]): T[] =>
  [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Everything `token`'s reseller has, as the API's list routes return it. */
export async function serverState(baseUrl: string, token: string): Promise<BillingState> {
  const customers: Customer[] = await allItems(baseUrl, '/v1/customers?limit=500', token);
  const wallets: BillingState['wallets'] = [];
  const transactions: WalletTransaction[] = [];
  const holds: Hold[] = [];
  for (const customer of customers) {
    const list = await http(baseUrl, 'GET', `/v1/customers/${customer.id}/wallets`, { token });
    for (const wallet of list.body.items as Wallet[]) {
      wallets.push({ ...wallet, customerName: customer.name });
      transactions.push(
        ...(await allItems(baseUrl, `/v1/wallets/${wallet.id}/transactions?limit=500`, token)),
      );
      holds.push(...(await http(baseUrl, 'GET', `/v1/wallets/${wallet.id}/holds`, { token })).body.items);
    }
  }
  return {
    customers: byId(customers),
    wallets: byId(wallets),
    transactions: byId(transactions),
    holds: byId(holds),
  };
}

/**
 * Everything the core's cache shows, through 'customers:search', 'wallets:list', 'wallets:history'
 * and 'wallets:holds'. Confirmed rows lose their `pending: false` marker; a row still pending keeps
 * `pending: true`, so that it cannot pass for a server row.
 */
export async function cacheState(core: CoreClient): Promise<BillingState> {
  const customers: Array<Customer & { pending?: boolean }> = [];
  for (let offset = 0; ; offset += 200) {
    const page = await core.invoke('customers:search', { query: '', offset, limit: 200 });
    customers.push(...page.items.map(confirmedOnly));
    if (offset + 200 >= page.total) break;
  }
  const wallets = (await core.invoke('wallets:list', {})).map(confirmedOnly);
  const transactions: WalletTransaction[] = [];
  const holds: Hold[] = [];
  for (const wallet of wallets) {
    for (let offset = 0; ; offset += 500) {
      const page = await core.invoke('wallets:history', { walletId: wallet.id, offset, limit: 500 });
      transactions.push(...page.items);
      if (page.items.length < 500) break;
    }
    holds.push(...(await core.invoke('wallets:holds', { walletId: wallet.id })));
  }
  return {
    customers: byId(customers),
    wallets: byId(wallets),
    transactions: byId(transactions),
    holds: byId(holds),
  };
}

function confirmedOnly<T extends { pending: boolean }>(row: T): Omit<T, 'pending'> | T {
  if (row.pending) return row;
  const { pending: _pending, ...rest } = row;
  return rest;
}

/** The newest position of `token`'s change feed: the first event of a fresh live stream says it. */
export async function newestFeedPosition(baseUrl: string, token: string): Promise<number> {
  const stream = await CursorStream.open(baseUrl, token);
  try {
    return await stream.above(-1);
  } finally {
    stream.close();
  }
}
