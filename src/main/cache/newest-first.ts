import type BetterSqlite3 from 'better-sqlite3';
import type { OlderThan } from '../../shared/ipc-contract.js';

/** A condition on a list: SQL with one `?`, and its value; an undefined value means no condition. */
export type ListCondition = readonly [sql: string, value: unknown];

/**
 * The cached records (`data`, as the API sent them) of `table` that meet every condition, newest
 * first, at most `limit`, and only those below `olderThan` (the last one the page before showed):
 * a keyset page. An offset would read and drop every row above the page, so the thousandth page
 * would cost a thousand times the first; this one seeks its start in the `(…, created_at, id)`
 * index of the list's filter and reads only its own rows.
 */
export function newestFirst(
  db: BetterSqlite3.Database,
  table: 'payments' | 'orders' | 'invoices',
  conditions: readonly ListCondition[],
  olderThan: OlderThan | undefined,
  limit: number,
): string[] {
  const clauses: string[] = [];
  const params: unknown[] = [];
  for (const [sql, value] of conditions) {
    if (value === undefined) continue;
    clauses.push(sql);
    params.push(value);
  }
  if (olderThan) {
    clauses.push('(created_at, id) < (?, ?)');
    params.push(olderThan.createdAt, olderThan.id);
  }
  const where = clauses.length > 0 ? `where ${clauses.join(' and ')}` : '';
  const rows = db
    .prepare(`select data from ${table} ${where} order by created_at desc, id desc limit ?`)
    .pluck()
    .all(...params, limit) as string[];
  return rows;
}
