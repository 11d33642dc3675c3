import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { testTicket } from '../../shared/testing/records.js';
import { feedPage } from '../sync/feed-page.js';
import { cacheMigrations } from './cache-migrations.js';
import { CacheStore } from './cache-store.js';
import { migrate } from './migrate.js';

describe('cache migration 190: support tickets', () => {
  it('keeps every cached row, resets the cursor so the server sends its tickets, and then holds them', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(
      db,
      cacheMigrations.filter((m) => m.version < 190),
    );
    db.prepare(`insert into meta (key, value) values ('cursor', '42')`).run();
    db.prepare(
      `insert into customers (id, name, email, external_ref, search_text, created_at, updated_at)
       values ('cus_1', 'Ada', 'ada@example.com', null, 'ada', '2031-01-01', '2031-01-01')`,
    ).run();
    const before = db.prepare('select * from customers').all();

    migrate(
      db,
      cacheMigrations.filter((m) => m.version <= 190),
    );

    expect(db.prepare('select * from customers').all()).toEqual(before);
    expect(db.prepare(`select value from meta where key = 'cursor'`).get()).toBeUndefined();
    expect(db.pragma('user_version', { simple: true })).toBe(190);
  });

  it('applies tickets from the feed whole, never lets an older copy win, and filters the queue', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, cacheMigrations);
    const cache = new CacheStore(db);
    const opened = testTicket();
    const answered = testTicket({
      status: 'waiting_on_customer',
      messages: [
        ...opened.messages,
        {
          id: 'tkm_2',
          authorSide: 'staff',
          authorName: 'agent@example.com',
          body: 'Found it.',
          createdAt: '2031-01-01T10:05:00.000Z',
        },
      ],
      updatedAt: '2031-01-01T10:05:00.000Z',
    });
    const touched = cache.applyPage(
      feedPage(
        [
          { seq: 1, entity: 'ticket', id: opened.id, op: 'create', data: opened },
          { seq: 2, entity: 'ticket', id: answered.id, op: 'update', data: answered },
        ],
        2,
      ),
    );
    expect([...touched]).toContain('tickets');
    // The answer of a write made earlier arrives late: the newer copy from the feed stays.
    cache.putTicket(opened);
    expect(cache.ticketReads.ticket('tkt_1')).toEqual(answered);
    expect(cache.ticketReads.tickets({ status: 'waiting_on_customer' })).toEqual([answered]);
    expect(cache.ticketReads.tickets({ status: 'open' })).toEqual([]);
    expect(cache.ticketReads.tickets({ assignee: 'none', about: 'pay_1' })).toEqual([answered]);
    expect(cache.ticketReads.tickets({ assignee: 'usr_1' })).toEqual([]);
  });
});
