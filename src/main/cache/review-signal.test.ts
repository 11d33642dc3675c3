import BetterSqlite3 from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PaymentReview, SavedMethod } from '../../shared/api/payments.js';
import { entityChangeSchema, type EntityChange } from '../../shared/api/sync.js';
import { feedPage, toFeedPage } from '../sync/feed-page.js';
import { cacheMigrations } from './cache-migrations.js';
import { CacheStore } from './cache-store.js';
import { migrate } from './migrate.js';

/** Review and saved-method changes are no cache rows: signals that lists read from the API moved. */
let cache: CacheStore;

const review: PaymentReview = {
  id: 'prv_1',
  paymentId: 'pay_1',
  provider: 'sandbox',
  reason: 'amount',
  detail: 'the provider reports 4999 USD minor units paid, 5000 expected',
  status: 'open',
  amount: null,
  currency: null,
  resolution: null,
  resolvedAt: null,
  applied: null,
  createdAt: '2026-11-21T10:00:00.000Z',
};
const opened: EntityChange = { seq: 7, entity: 'payment_review', id: review.id, op: 'create', data: review };

beforeEach(() => {
  const db = new BetterSqlite3(':memory:');
  migrate(db, cacheMigrations);
  cache = new CacheStore(db);
});

describe('a payment_review change applied to the cache', () => {
  it('reports payment_reviews touched, stores nothing else, and moves the cursor', () => {
    const tables = (db: BetterSqlite3.Database) =>
      db.prepare("select name from sqlite_master where type = 'table' order by name").pluck().all();
    const before = tables(cache.db);
    const touched = cache.applyPage(feedPage([opened], 7));
    expect([...touched]).toEqual(['payment_reviews']);
    expect(cache.cursor()).toBe(7);
    expect(tables(cache.db)).toEqual(before);
    for (const table of ['customers', 'wallets', 'transactions', 'holds', 'payments']) {
      expect(cache.db.prepare(`select count(*) from ${table}`).pluck().get()).toBe(0);
    }
  });

  it('is accepted by the feed worker as the API sends it, and a malformed one is refused', () => {
    const resolved = { ...opened, seq: 8, op: 'update', data: { ...review, status: 'resolved' } };
    const page = toFeedPage({ changes: [opened, resolved], nextCursor: 8, hasMore: false });
    expect(page.entities).toEqual([opened, resolved]);
    expect([...cache.applyPage(page)]).toEqual(['payment_reviews']);
    expect(entityChangeSchema.safeParse({ ...opened, data: { ...review, reason: 'nope' } }).success).toBe(
      false,
    );
    expect(() =>
      toFeedPage({ changes: [{ ...opened, data: { id: review.id } }], nextCursor: 9, hasMore: false }),
    ).toThrow(/invalid payment_review \(prv_1\)/);
  });
});

describe('a saved_method change applied to the cache', () => {
  it('reports payments touched (the saved-method lists are read again), stores nothing, and moves the cursor', () => {
    const removed: SavedMethod = {
      id: 'spm_1',
      customerId: 'cus_1',
      payerId: 'pyr_1',
      provider: 'stripe',
      label: 'Visa •••• 4242',
      status: 'confirmed',
      isDefault: false,
      createdAt: '2026-11-21T10:00:00.000Z',
      updatedAt: '2026-11-22T10:00:00.000Z',
      removedAt: '2026-11-22T10:00:00.000Z',
    };
    const page = toFeedPage({
      changes: [{ seq: 3, entity: 'saved_method', id: removed.id, op: 'update', data: removed }],
      nextCursor: 3,
      hasMore: false,
    });
    expect([...cache.applyPage(page)]).toEqual(['payments']);
    expect(cache.cursor()).toBe(3);
    expect(cache.db.prepare('select count(*) from payments').pluck().get()).toBe(0);
  });
});
