import { parse } from 'csv-parse/sync';
import type { RefusalReason } from '../../shared/api/common.js';
import { CURRENCY_DIGITS, parseAmount, type Currency } from '../../shared/money.js';
import type { BankColumnMapping, StatementLine } from '../../shared/recon.js';

/**
 * A statement the workbench cannot read, with the column (mapping field) at fault where there is one,
 * and the same as data (`reason`) for the console to word in its language (lib/refusal-words.ts).
 */
export class StatementError extends Error {
  constructor(
    message: string,
    readonly field: keyof BankColumnMapping | 'csv',
    readonly reason: RefusalReason,
  ) {
    super(message);
    this.name = 'StatementError';
  }
}

const MAPPED = ['date', 'amount', 'description', 'reference'] as const;

/**
 * Reads a bank statement CSV (the desktop core, offline) into its incoming transfers. Rows whose
 * amount is empty, zero or negative are money going out and are skipped: only incoming transfers
 * pay top-ups and invoices. Any other row that cannot be read refuses the whole file, naming the
 * row and the column, so that staff fix the mapping rather than apply half a statement.
 */
export function parseStatement(text: string, mapping: BankColumnMapping): StatementLine[] {
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      delimiter: delimiterOf(text),
    });
  } catch (error) {
    throw new StatementError(`this file is not a readable CSV: ${(error as Error).message}`, 'csv', {
      key: 'statement_unreadable',
      values: {},
    });
  }
  const [header, ...rows] = records;
  if (!header || rows.length === 0)
    throw new StatementError('this file has no rows under its header', 'csv', {
      key: 'statement_no_rows',
      values: {},
    });
  const index = columnIndexes(header, mapping);
  const lines: StatementLine[] = [];
  rows.forEach((cells, i) => {
    const row = i + 1;
    const cell = (field: (typeof MAPPED)[number]) => cells[index[field]]?.trim() ?? '';
    const amountText = cell('amount');
    if (amountText === '' || /^[-−(]/.test(amountText)) return;
    const amount = readAmount(amountText, mapping.currency);
    if (amount === null) {
      throw new StatementError(
        `row ${row}: the "${mapping.amount}" column (amount) holds "${amountText}", not an amount in ${mapping.currency}`,
        'amount',
        {
          key: 'statement_not_amount',
          values: { row, column: mapping.amount, value: amountText, currency: mapping.currency },
        },
      );
    }
    if (amount === 0) return;
    const date = readDate(cell('date'), mapping.dateFormat);
    if (date === null) {
      throw new StatementError(
        `row ${row}: the "${mapping.date}" column (date) holds "${cell('date')}", not a date as ${mapping.dateFormat}`,
        'date',
        {
          key: 'statement_not_date',
          values: { row, column: mapping.date, value: cell('date'), format: mapping.dateFormat },
        },
      );
    }
    const bankReference = cell('reference');
    if (bankReference === '') {
      throw new StatementError(
        `row ${row}: the "${mapping.reference}" column (bank reference) is empty`,
        'reference',
        { key: 'statement_reference_empty', values: { row, column: mapping.reference } },
      );
    }
    lines.push({
      row,
      date,
      amount,
      currency: mapping.currency,
      description: cell('description'),
      bankReference,
    });
  });
  return lines;
}

/** The headers of the file, in the order the bank wrote them (for choosing a mapping). */
export function statementHeaders(text: string): string[] {
  try {
    const [header] = parse(text, {
      bom: true,
      skip_empty_lines: true,
      trim: true,
      to_line: 1,
      delimiter: delimiterOf(text),
    }) as string[][];
    return header ?? [];
  } catch (error) {
    throw new StatementError(`this file is not a readable CSV: ${(error as Error).message}`, 'csv', {
      key: 'statement_unreadable',
      values: {},
    });
  }
}

/** Vietnamese banks export with commas or semicolons: the first line says which. */
function delimiterOf(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  return (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
}

function columnIndexes(
  header: string[],
  mapping: BankColumnMapping,
): Record<(typeof MAPPED)[number], number> {
  const names = header.map((h) => h.trim().toLowerCase());
  const index = {} as Record<(typeof MAPPED)[number], number>;
  for (const field of MAPPED) {
    const at = names.indexOf(mapping[field].trim().toLowerCase());
    if (at < 0) {
      throw new StatementError(
        `the column "${mapping[field]}" mapped to ${field === 'reference' ? 'bank reference' : field} is not in this file (its columns: ${header.join(', ')})`,
        field,
        {
          key: 'statement_column_missing',
          values: { column: mapping[field], field, columns: header.join(', ') },
        },
      );
    }
    index[field] = at;
  }
  return index;
}

/**
 * "1.500.000", "1,500,000", "1 500 000 VND", "+500.000đ", "63.80", "USD 63.80", "$63.80": minor units
 * of the account's currency (shared parseAmount), with the currency's code or sign before or after
 * it. In a currency without decimals (VND) a dot is a thousands separator; in one with decimals
 * it is the decimal point, so "63.80" is 63.80 USD and, for VND, no amount.
 */
function readAmount(text: string, currency: Currency): number | null {
  const marks = currencyMarks(currency);
  let plain = text.replace(/^\+/, '').trim();
  for (const mark of marks) {
    if (plain.toUpperCase().startsWith(mark)) plain = plain.slice(mark.length).trim();
    if (plain.toUpperCase().endsWith(mark)) plain = plain.slice(0, -mark.length).trim();
  }
  if (CURRENCY_DIGITS[currency] === 0 && /^\d{1,3}(\.\d{3})+$/.test(plain)) plain = plain.replace(/\./g, '');
  const parsed = parseAmount(plain, currency);
  return parsed.ok && parsed.value >= 0 ? parsed.value : null;
}

const marksByCurrency = new Map<Currency, string[]>();

/** How a bank may write `currency` beside an amount, uppercased, longest first ("US$" before "$"). */
function currencyMarks(currency: Currency): string[] {
  let marks = marksByCurrency.get(currency);
  if (!marks) {
    const signs = (['symbol', 'narrowSymbol'] as const).map(
      (currencyDisplay) =>
        new Intl.NumberFormat('en', { style: 'currency', currency, currencyDisplay })
          .formatToParts(0)
          .find((p) => p.type === 'currency')?.value ?? currency,
    );
    // Vietnamese banks also write dong as "VNĐ" or "đ".
    const local = currency === 'VND' ? ['VNĐ', 'Đ'] : [];
    marks = [...new Set([currency, ...signs, ...local].map((m) => m.toUpperCase()))].sort(
      (a, b) => b.length - a.length,
    );
    marksByCurrency.set(currency, marks);
  }
  return marks;
}

/** The date as YYYY-MM-DD; a time after it ("01/12/2026 10:31:05") is ignored. */
function readDate(text: string, format: BankColumnMapping['dateFormat']): string | null {
  const day = text.split(/[ T]/)[0] ?? '';
  const parts = day.split(/[/.-]/);
  if (parts.length !== 3) return null;
  const [a = '', b = '', c = ''] = parts;
  const [y, m, d] = format === 'YYYY-MM-DD' ? [a, b, c] : format === 'DD/MM/YYYY' ? [c, b, a] : [c, a, b];
  if (!/^\d{4}$/.test(y) || !/^\d{1,2}$/.test(m) || !/^\d{1,2}$/.test(d)) return null;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(iso) ? iso : null;
}
