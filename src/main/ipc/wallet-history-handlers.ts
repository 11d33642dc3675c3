import { toDecimalString } from '../../shared/money.js';
import type { Handlers } from './handle.js';
import type { HandlerContext } from './handler-context.js';

type HistoryChannels =
  'wallets:history' | 'wallets:export-csv' | 'wallets:balance-history' | 'activity:recent';

/** A wallet's ledger as the cache holds it: pages, a CSV export, the daily balance, recent activity. */
export function createWalletHistoryHandlers(d: HandlerContext): Pick<Handlers, HistoryChannels> {
  return {
    'wallets:history': ({ offset, limit, ...filter }) =>
      d.cache.history({ ...filter, walletId: d.real(filter.walletId) }, { offset, limit }),
    'wallets:export-csv': (args) => {
      const filter = { ...args, walletId: d.real(args.walletId) };
      const lines = ['Date,Type,Amount,Currency,Status,Description,Reference,Balance after'];
      for (const t of d.cache.iterateHistory(filter)) {
        lines.push(
          [
            t.createdAt,
            t.type,
            toDecimalString(t.amount, t.currency),
            t.currency,
            t.status,
            t.description,
            t.reference ?? '',
            toDecimalString(t.balanceAfter, t.currency),
          ]
            .map(csvCell)
            .join(','),
        );
      }
      return {
        filename: `wallet-${filter.walletId}-${d.now().toISOString().slice(0, 10)}.csv`,
        csv: `${lines.join('\r\n')}\r\n`,
      };
    },
    'wallets:balance-history': ({ walletId, days }) =>
      d.cache.balanceHistory(d.real(walletId), days, d.now()),
    'activity:recent': ({ limit }) => d.cache.recentActivity(limit),
  };
}

/** RFC 4180: quote every cell; neutralise spreadsheet formulas in text cells. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}
