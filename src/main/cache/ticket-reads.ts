import type BetterSqlite3 from 'better-sqlite3';
import type { Ticket, TicketStatus } from '../../shared/api/tickets.js';
import { newestFirst, type ListCondition } from './keyset-pages.js';

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

  /**
   * Latest activity first, below `olderThan` (the last ticket the page before showed, as its
   * activity then) when given: a keyset page (see newestFirst). The cache holds only what the
   * signed-in user may see.
   */
  tickets(filter: TicketFilter, limit = 500, olderThan?: { updatedAt: string; id: string }): Ticket[] {
    const conditions: ListCondition[] = [
      ['status = ?', filter.status],
      filter.assignee === 'none' ? ['assignee_user_id is null'] : ['assignee_user_id = ?', filter.assignee],
      ['subject_id = ?', filter.about],
    ];
    const below = olderThan && { at: olderThan.updatedAt, id: olderThan.id };
    return newestFirst(this.db, 'tickets', conditions, below, limit, 'updated_at').map(
      (data) => JSON.parse(data) as Ticket,
    );
  }

  ticket(id: string): Ticket | null {
    const row = this.db.prepare('select data from tickets where id = ?').get(id) as
      { data: string } | undefined;
    return row ? (JSON.parse(row.data) as Ticket) : null;
  }
}
