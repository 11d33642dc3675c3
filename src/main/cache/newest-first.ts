import type BetterSqlite3 from 'better-sqlite3';

/**
 * A condition on a list: SQL with one `?` and its value (an undefined value: no condition), or SQL
 * that needs no value (`assignee_user_id is null`), applied whenever it is given.
 */
export type ListCondition = readonly [sql: string, value: unknown] | readonly [sql: string];

/** Where the page before ended: its last record's time in the list's order, and its id. */
export interface Below {
  at: string;
  id: string;
}

/**
 * The cached records (`data`, as the API sent them) of `table` that meet every condition, newest
 * first by `order` (creation, or for tickets the latest activity), at most `limit`, and only those
 * below `below` (the last one the page before showed): a keyset page. An offset would read and drop
 * every row above the page, so the thousandth page would cost a thousand times the first; this one
 * seeks its start in the `(…, <order>, id)` index of the list's filter and reads only its own rows.
 */
export function newestFirst(
  db: BetterSqlite3.Database,
  table: 'payments' | 'orders' | 'invoices' | 'tickets',
  conditions: readonly ListCondition[],
  below: Below | undefined,
  limit: number,
  order: 'created_at' | 'updated_at' = 'created_at',
): string[] {
  const clauses: string[] = [];
  const params: unknown[] = [];
  for (const condition of conditions) {
    if (condition.length === 1) {
      clauses.push(condition[0]);
    } else if (condition[1] !== undefined) {
      clauses.push(condition[0]);
      params.push(condition[1]);
    }
  }
  if (below) {
    clauses.push(`(${order}, id) < (?, ?)`);
    params.push(below.at, below.id);
  }
  const where = clauses.length > 0 ? `where ${clauses.join(' and ')}` : '';
  return db
    .prepare(`select data from ${table} ${where} order by ${order} desc, id desc limit ?`)
    .pluck()
    .all(...params, limit) as string[];
}

/** A creation-ordered list's `olderThan` ({createdAt, id}) as the place its next page starts below. */
export const belowCreated = (olderThan: { createdAt: string; id: string } | undefined): Below | undefined =>
  olderThan && { at: olderThan.createdAt, id: olderThan.id };
