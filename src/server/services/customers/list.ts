import { sql } from 'kysely';
import type { Customer } from '../../../shared/api/customers.js';
import type { Reader } from '../lookups.js';
import { toCustomer } from '../../wire/customer.js';
import { newestFirstPage } from '../paging.js';
import type { Scope } from '../scope.js';

/**
 * The caller's customers, newest first, a page after `cursor`; `query` matches name, email or
 * external reference anywhere in them (case-insensitive, taken literally).
 */
export async function listCustomers(
  db: Reader,
  scope: Scope,
  input: { query?: string | undefined; cursor?: string | undefined; limit: number },
): Promise<{ items: Customer[]; nextCursor: string | null }> {
  let q = db.selectFrom('customers').selectAll().where('reseller_id', '=', scope.resellerId);
  if (scope.customerId) q = q.where('id', '=', scope.customerId);
  const query = input.query?.trim();
  if (query) {
    const pattern = `%${query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`search_text like ${pattern} escape '\\'`);
  }
  const { page, nextCursor } = await newestFirstPage(q, input.cursor, input.limit);
  return { items: page.map(toCustomer), nextCursor };
}
