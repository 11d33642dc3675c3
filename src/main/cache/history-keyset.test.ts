import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EntityChange } from '../../shared/api/sync.js';
import type { WalletTransaction } from '../../shared/api/wallets.js';
import { feedPage } from '../sync/feed-page.js';
import { cacheMigrations } from './cache-migrations.js';
import { CacheStore, type HistoryFilter } from './cache-store.js';
import { migrate } from './migrate.js';

/**
 * Every history filter is read by key (ordinal or type_ordinal) rather than LIMIT/OFFSET, and its
 * total is a max() rather than a count(*): whatever rows the sync brought, in however many pages,
 * each page and each total must be exactly what the textbook OFFSET query and count(*) give.
 */

const types = ['top_up', 'payment', 'refund', 'credit'] as const;
const wallets = ['wal_A', 'wal_B'] as const;

interface Movement {
  wallet: 0 | 1;
  type: 0 | 1 | 2 | 3;
  /** Hours after the previous movement (rows are created in feed order). */
  gap: number;
}

const movement = fc.record({
  wallet: fc.constantFrom<0 | 1>(0, 1),
  type: fc.constantFrom<0 | 1 | 2 | 3>(0, 1, 2, 3),
  gap: fc.integer({ min: 0, max: 30 }),
});

const day = fc
  .integer({ min: 0, max: 40 })
  .map((d) => new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10));

const filter = fc.record(
  {
    walletId: fc.constantFrom(...wallets),
    type: fc.constantFrom(...types),
    from: day,
    to: day,
  },
  { requiredKeys: ['walletId'] },
);

function changes(movements: Movement[], firstSeq: number, startHour: number): EntityChange[] {
  let hour = startHour;
  return movements.map((m, i) => {
    hour += m.gap;
    const seq = firstSeq + i;
    const data: WalletTransaction = {
      id: `txn_${seq}`,
      walletId: wallets[m.wallet],
      customerId: 'cus_1',
      type: types[m.type],
      amount: m.type === 1 ? -100 : 500,
      balanceAfter: seq,
      currency: 'USD',
      status: 'completed',
      description: `movement ${seq}`,
      reference: null,
      relatedId: null,
      test: false,
      createdAt: new Date(Date.UTC(2025, 0, 1) + hour * 3_600_000).toISOString(),
    };
    return { seq, entity: 'transaction', id: data.id, op: 'create', data };
  });
}

function textbook(db: BetterSqlite3.Database, f: HistoryFilter, offset: number, limit: number) {
  const where = ['wallet_id = ?'];
  const params: unknown[] = [f.walletId];
  const add = (clause: string, value: unknown) => {
    where.push(clause);
    params.push(value);
  };
  if (f.type) add('type = ?', f.type);
  if (f.from) add('created_at >= ?', `${f.from}T00:00:00.000Z`);
  if (f.to) add('created_at <= ?', `${f.to}T23:59:59.999Z`);
  const sql = `from transactions where ${where.join(' and ')}`;
  const ids = db
    .prepare(`select id ${sql} order by seq desc limit ? offset ?`)
    .pluck()
    .all(...params, limit, offset);
  const total = db
    .prepare(`select count(*) ${sql}`)
    .pluck()
    .get(...params);
  return { ids, total };
}

/** A migrated empty cache, copied for each run (migrating one each time would be most of the test). */
const empty = (() => {
  const db = new BetterSqlite3(':memory:');
  migrate(db, cacheMigrations);
  const bytes = db.serialize();
  db.close();
  return bytes;
})();

function openCache() {
  const db = new BetterSqlite3(empty);
  return { db, cache: new CacheStore(db) };
}

describe('history pages by key, for every filter', () => {
  it('returns exactly the rows and total OFFSET and count(*) give, at any offset', () => {
    fc.assert(
      fc.property(
        fc.array(movement, { maxLength: 120 }),
        filter,
        fc.integer({ min: 0, max: 130 }),
        fc.integer({ min: 1, max: 25 }),
        (movements, f, offset, limit) => {
          const { db, cache } = openCache();
          cache.applyPage(feedPage(changes(movements, 1, 0), movements.length));
          const page = cache.history(f, { offset, limit });
          const expected = textbook(db, f, offset, limit);
          expect(page.items.map((t) => t.id)).toEqual(expected.ids);
          expect(page.total).toBe(offset === 0 ? expected.total : null);
          db.close();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps every count right as the sync writes page after page (a row sent twice counts once)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(movement, { maxLength: 30 }), { maxLength: 6 }), filter, (pages, f) => {
        const { db, cache } = openCache();
        let seq = 1;
        let hour = 0;
        for (const movements of pages) {
          const batch = changes(movements, seq, hour);
          // The feed may send a row again (a retried page): it is ignored and takes no number.
          const resent = batch.slice(0, 2);
          cache.applyPage(feedPage([...resent, ...batch], seq + movements.length));
          seq += movements.length;
          hour += movements.reduce((sum, m) => sum + m.gap, 0);
          expect(cache.history(f, { offset: 0, limit: 1 }).total).toBe(textbook(db, f, 0, 1).total);
        }
        expect(
          [...cache.iterateHistory(f)].map((t) => t.id),
          'the export reads the same rows',
        ).toEqual(textbook(db, f, 0, 10_000).ids);
        db.close();
      }),
      { numRuns: 100 },
    );
  });

  it('pages an export over a fixed range: rows synced meanwhile are not in it', () => {
    const { db, cache } = openCache();
    cache.applyPage(
      feedPage(
        changes(
          Array.from({ length: 25 }, () => ({ wallet: 0, type: 1, gap: 1 })),
          1,
          0,
        ),
        25,
      ),
    );
    const { total, pages } = cache.historyPages({ walletId: 'wal_A', type: 'payment' }, 10);
    expect(total).toBe(25);
    const first = pages.next().value as WalletTransaction[];
    cache.applyPage(feedPage(changes([{ wallet: 0, type: 1, gap: 1 }], 26, 100), 26));
    const rest = [...pages].flat();
    expect([...first, ...rest].map((t) => t.id)).toEqual(
      Array.from({ length: 25 }, (_, i) => `txn_${25 - i}`),
    );
    db.close();
  });
});
