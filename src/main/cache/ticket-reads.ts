import type BetterSqlite3 from 'better-sqlite3';
import type { Ticket, TicketStatus } from '../../shared/api/tickets.js';

export interface TicketFilter {
  status?: TicketStatus | undefined;
  /** A user id, or "none" for tickets nobody is assigned to. */
  assignee?: string | undefined;
  /** The payment, invoice or order the tickets are about. */
  about?: string | undefined;
}

/** The Tickets screen's reads: each ticket cached whole (thread included), as the feed sent it. */
export class TicketReads {
  constructor(private readonly db: BetterSqlite3.Database) {}

  /** Latest activity first. The cache holds only what the signed-in user may see. */
  tickets(filter: TicketFilter, limit = 500): Ticket[] {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (filter.status !== undefined) {
      clauses.push('status = ?');
      params.push(filter.status);
    }
    if (filter.assignee === 'none') clauses.push('assignee_user_id is null');
    else if (filter.assignee !== undefined) {
      clauses.push('assignee_user_id = ?');
      params.push(filter.assignee);
    }
    if (filter.about !== undefined) {
      clauses.push('subject_id = ?');
      params.push(filter.about);
    }
    const where = clauses.length > 0 ? `where ${clauses.join(' and ')}` : '';
    const rows = this.db
      .prepare(`select data from tickets ${where} order by updated_at desc, id desc limit ?`)
      .all(...params, limit) as Array<{ data: string }>;
    return rows.map((r) => JSON.parse(r.data) as Ticket);
  }

  ticket(id: string): Ticket | null {
    const row = this.db.prepare('select data from tickets where id = ?').get(id) as
      { data: string } | undefined;
    return row ? (JSON.parse(row.data) as Ticket) : null;
  }
}
