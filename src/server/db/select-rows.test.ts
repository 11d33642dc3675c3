import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { selectRows } from './database.js';

describe.each(DIALECTS)('selectRows on %s', (dialect) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it('answers arrays in the select order, while the same query through Kysely still answers objects', async () => {
    database = await freshDatabase(dialect);
    const { db } = database.store;
    const row = (seq: number, data: string) => ({
      seq,
      reseller_id: 'rsl_1',
      customer_id: null,
      entity: 'wallet' as const,
      entity_id: `wal_${seq}`,
      op: 'update' as const,
      data,
      created_at: '2026-12-04T00:00:00.000Z',
    });
    await db
      .insertInto('changes')
      .values([row(7, '{"a":1}'), row(9, '{"b":2}')])
      .execute();
    const query = db
      .selectFrom('changes')
      .select(['seq', 'entity_id', 'data'])
      .where('seq', '>', 0)
      .orderBy('seq');

    expect(await selectRows(db, query)).toEqual([
      [7, 'wal_7', '{"a":1}'],
      [9, 'wal_9', '{"b":2}'],
    ]);
    // Kysely's statement for the same text is another one: arrays never leak into its results.
    expect(await query.execute()).toEqual([
      { seq: 7, entity_id: 'wal_7', data: '{"a":1}' },
      { seq: 9, entity_id: 'wal_9', data: '{"b":2}' },
    ]);
    expect(await selectRows(db, query.where('seq', '>', 100))).toEqual([]);
  });
});
