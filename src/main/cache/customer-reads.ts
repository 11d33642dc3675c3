import type BetterSqlite3 from 'better-sqlite3';
import type { Customer } from '../../shared/api/customers.js';
import { toCustomer, type CustomerRow } from './cache-rows.js';

/** The Customers screens' reads: a search page, one customer. */
export class CustomerReads {
  constructor(private readonly db: BetterSqlite3.Database) {}

  search(query: string, offset: number, limit: number): { items: Customer[]; total: number } {
    const pattern = `%${query
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const where = `search_text like ? escape '\\'`;
    const items = (
      this.db
        .prepare(`select * from customers where ${where} order by name collate nocase, id limit ? offset ?`)
        .all(pattern, limit, offset) as CustomerRow[]
    ).map(toCustomer);
    const total = (
      this.db.prepare(`select count(*) as n from customers where ${where}`).get(pattern) as { n: number }
    ).n;
    return { items, total };
  }

  customer(id: string): Customer | null {
    const row = this.db.prepare('select * from customers where id = ?').get(id) as CustomerRow | undefined;
    return row ? toCustomer(row) : null;
  }
}
