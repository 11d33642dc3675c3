import { sql, type SelectQueryBuilder } from 'kysely';
import { Failure } from './failure.js';

/** Opaque page cursors: base64url JSON of the sort key of the last row returned. */
export function encodeCursor(key: Array<string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, shape: Array<'string' | 'number'>): Array<string | number> {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === shape.length &&
      key.every((part, i) =>
        shape[i] === 'string'
          ? typeof part === 'string' && !part.includes('\u0000')
          : typeof part === 'number' && Number.isSafeInteger(part),
      )
    ) {
      return key as Array<string | number>;
    }
  } catch {
    // fall through to the refusal below
  }
  throw new Failure('validation', 'query: cursor: is not a cursor this API returned', 'cursor');
}

/**
 * One page of a list read newest first (created_at, then id, both descending), after the row the
 * cursor names: `limit` rows and the cursor of the next page, or null on the last one.
 */
export async function newestFirstPage<DB, TB extends keyof DB, O extends { created_at: string; id: string }>(
  query: SelectQueryBuilder<DB, TB, O>,
  cursor: string | undefined,
  limit: number,
): Promise<{ page: O[]; nextCursor: string | null }> {
  let q = query;
  if (cursor) {
    const [createdAt, id] = decodeCursor(cursor, ['string', 'string']).map(String);
    // A row value, which both databases seek in an index that ends (…, created_at, id); the same
    // test spelled with OR is only a filter, read row by row from the newest to the cursor.
    q = q.where(sql<boolean>`(${sql.ref('created_at')}, ${sql.ref('id')}) < (${createdAt}, ${id})`);
  }
  const rows = await q
    .orderBy(sql.ref('created_at'), 'desc')
    .orderBy(sql.ref('id'), 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? encodeCursor([last.created_at, last.id]) : null };
}
