import type BetterSqlite3 from 'better-sqlite3';

/**
 * A condition on a list: SQL with one `?` and its value (an undefined value: no condition), or SQL
 * that needs no value (`assignee_user_id is null`), applied whenever it is given.
 */
export type ListCondition = readonly [sql: string, value: unknown] | readonly [sql: string];

/** Where the page before ended: its last record's value of the list's order, and its id. */
export interface Below {
  at: string;
  id: string;
}

type Listed = 'payments' | 'orders' | 'invoices' | 'tickets' | 'subscriptions';

/**
 * The cached records (`data`, as the API sent them) of `table` that meet every condition, in the
 * order of `column` then id (`desc`: newest first; `asc`: soonest first), at most `limit`, and only
 * those past `from` (the last one the page before showed): a keyset page. An offset would read and
 * drop every row before the page, so the thousandth page would cost a thousand times the first; this
 * one seeks its start in the `(…, <column>, id)` index of the list's filter and reads only its rows.
 */
function keysetPage(
  db: BetterSqlite3.Database,
  table: Listed,
  conditions: readonly ListCondition[],
  [column, direction]: readonly [column: string, direction: 'asc' | 'desc'],
  from: Below | undefined,
  limit: number,
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
  if (from) {
    clauses.push(`(${column}, id) ${direction === 'desc' ? '<' : '>'} (?, ?)`);
    params.push(from.at, from.id);
  }
  const where = clauses.length > 0 ? `where ${clauses.join(' and ')}` : '';
  return db
    .prepare(`select data from ${table} ${where} order by ${column} ${direction}, id ${direction} limit ?`)
    .pluck()
    .all(...params, limit) as string[];
}

/** Newest first by creation, or for tickets by latest activity (see keysetPage). */
export const newestFirst = (
  db: BetterSqlite3.Database,
  table: Exclude<Listed, 'subscriptions'>,
  conditions: readonly ListCondition[],
  below: Below | undefined,
  limit: number,
  order: 'created_at' | 'updated_at' = 'created_at',
): string[] => keysetPage(db, table, conditions, [order, 'desc'], below, limit);

/** Subscriptions, soonest renewal (end of the current period) first, after `after` (see keysetPage). */
export const soonestRenewalFirst = (
  db: BetterSqlite3.Database,
  conditions: readonly ListCondition[],
  after: Below | undefined,
  limit: number,
): string[] => keysetPage(db, 'subscriptions', conditions, ['current_period_end', 'asc'], after, limit);

/** A creation-ordered list's `olderThan` ({createdAt, id}) as the place its next page starts below. */
export const belowCreated = (olderThan: { createdAt: string; id: string } | undefined): Below | undefined =>
  olderThan && { at: olderThan.createdAt, id: olderThan.id };
