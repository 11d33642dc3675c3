import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { testCustomer } from '../../shared/testing/records.js';
import { feedPage } from '../sync/feed-page.js';
import { cacheMigrations } from './cache-migrations.js';
import { CacheStore } from './cache-store.js';
import { migrate } from './migrate.js';

describe("cache migration 350: a customer's email language", () => {
  it('keeps the customers a cache holds (no language chosen), and stores the language the feed brings', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(
      db,
      cacheMigrations.filter((m) => m.version < 350),
    );
    db.prepare(
      `insert into customers (id, name, email, external_ref, search_text, created_at, updated_at)
       values ('cus_1', 'Lan', 'lan@example.com', null, 'lan', '2030-01-01T00:00:00.000Z', '2030-01-01T00:00:00.000Z')`,
    ).run();

    migrate(db, cacheMigrations);
    const cache = new CacheStore(db);
    expect(cache.customer('cus_1')).toMatchObject({ name: 'Lan', language: null, languageSetBy: null });

    const chosen = testCustomer({
      id: 'cus_1',
      name: 'Lan',
      language: 'vi',
      languageSetBy: 'user',
      updatedAt: '2030-01-02T00:00:00.000Z',
    });
    cache.applyPage(feedPage([{ seq: 1, id: 'cus_1', op: 'update', entity: 'customer', data: chosen }], 1));
    expect(cache.customer('cus_1')).toMatchObject({ language: 'vi', languageSetBy: 'user' });
    // An answer older than what the cache holds does not take it back.
    cache.putCustomer({
      ...chosen,
      language: null,
      languageSetBy: null,
      updatedAt: '2030-01-01T12:00:00.000Z',
    });
    expect(cache.customer('cus_1')).toMatchObject({ language: 'vi' });
  });
});
