import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { WalletTransaction } from '../../shared/api/wallets.js';
import { toDecimalString } from '../../shared/money.js';

export const HISTORY_CSV_HEADER = [
  'Date',
  'Type',
  'Amount',
  'Currency',
  'Status',
  'Description',
  'Reference',
  'Balance after',
];

/** RFC 4180 with every cell quoted (a spreadsheet never reads an id or amount as a number or date). */
const CSV_OPTIONS = { quoted: true, quoted_empty: true, record_delimiter: 'windows' } as const;

/**
 * A text cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe; a negative amount ("-12.50") is a number, not a formula, and stays as it is.
 */
export function neutralised(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
}

function csvRow(t: WalletTransaction): string[] {
  return [
    t.createdAt,
    t.type,
    toDecimalString(t.amount, t.currency),
    t.currency,
    t.status,
    t.description,
    t.reference ?? '',
    toDecimalString(t.balanceAfter, t.currency),
  ].map(neutralised);
}

export type ExportOutcome = 'done' | 'cancelled';

/**
 * Writes the header and then every page as CSV into `out`, page by page: one page is read and
 * stringified at a time (a few ms), the stream's backpressure is respected, and the event loop gets
 * a turn between pages so that IPC, sync and the UI never wait for an export however long it is.
 * Stops between pages once `signal` is aborted. Does not end `out`.
 */
export async function writeHistoryCsv(
  pages: Iterable<WalletTransaction[]>,
  out: Writable,
  options: { signal: AbortSignal; onPage(written: number): void },
): Promise<ExportOutcome> {
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain', { signal: options.signal });
  };
  let written = 0;
  try {
    await write(stringify([HISTORY_CSV_HEADER], CSV_OPTIONS));
    for (const page of pages) {
      if (options.signal.aborted) return 'cancelled';
      if (page.length === 0) continue;
      await write(stringify(page.map(csvRow), CSV_OPTIONS));
      written += page.length;
      options.onPage(written);
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    if (options.signal.aborted) return 'cancelled';
    throw error;
  }
  return options.signal.aborted ? 'cancelled' : 'done';
}
