import { HandlerError, type Handlers } from './handle.js';
import type { HandlerContext } from './handler-context.js';

type HistoryChannels =
  'wallets:history' | 'wallets:export-csv' | 'exports:cancel' | 'wallets:balance-history' | 'activity:recent';

/** A wallet's ledger as the cache holds it: pages, a CSV export, the daily balance, recent activity. */
export function createWalletHistoryHandlers(d: HandlerContext): Pick<Handlers, HistoryChannels> {
  return {
    'wallets:history': ({ offset, limit, ...filter }) =>
      d.cache.history({ ...filter, walletId: d.real(filter.walletId) }, { offset, limit }),
    'wallets:export-csv': async (args) => {
      const filter = { ...args, walletId: d.real(args.walletId) };
      if (!d.cache.wallet(filter.walletId))
        throw new HandlerError('not_found', 'no such wallet', 'walletId', {
          key: 'wallet_not_found',
          values: {},
        });
      const filename = `wallet-${filter.walletId}-${d.now().toISOString().slice(0, 10)}.csv`;
      // The path comes from the user's own answer to the dialog, never from the renderer.
      let target: { kind: 'file'; path: string } | { kind: 'download' } = { kind: 'download' };
      if (d.documents) {
        const path = await d.documents.choose(filename, 'csv');
        if (path === null) return { chosen: false as const };
        target = { kind: 'file', path };
      }
      return { chosen: true as const, filename, ...d.exports.start(filter, filename, target) };
    },
    'exports:cancel': ({ exportId }) => ({ cancelled: d.exports.cancel(exportId) }),
    'wallets:balance-history': ({ walletId, days }) =>
      d.cache.balanceHistory(d.real(walletId), days, d.now()),
    'activity:recent': ({ limit }) => d.cache.recentActivity(limit),
  };
}
